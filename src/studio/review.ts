/**
 * What the script review shows for one episode as the user edits it: the estimated length against
 * the series' target, and the `ninety check` findings for its file (schema, lint, grounding) —
 * computed by the same code the CLI runs, on the file as saved.
 *
 * @example
 *   const review = await reviewEpisode('series/sourdough', 3);
 *   // { seconds: 94.2, target: 90, words: 231, findings: [{ severity: 'warning', line: 12, message: '…' }] }
 */
import { basename } from 'node:path';
import { checkSeries } from '../cli/check-command.js';
import { scriptText } from '../series/dialogue.js';
import { estimateSeconds } from '../series/lint.js';
import { countWords } from '../series/text.js';
import { readWrittenSeries } from '../write/written-series.js';

export interface Review {
  number: number;
  seconds: number;
  target: number;
  words: number;
  findings: { severity: 'error' | 'warning'; line: number | null; message: string }[];
}

export async function reviewEpisode(dir: string, number: number): Promise<Review> {
  const written = await readWrittenSeries(dir);
  const episode = written.episodes.find((e) => e.number === number);
  if (!episode) throw new Error(`this series has no episode ${number}`);
  const content = { dir, series: written.series, lexicon: written.lexicon, episodes: [] };
  const name = basename(episode.path);
  const findings = (await checkSeries(dir))
    .filter((p) => basename(p.file) === name)
    .map((p) => ({ severity: p.severity, line: p.line ?? null, message: p.field && !p.message.startsWith(p.field) ? `${p.field}: ${p.message}` : p.message }));
  const script = episode.script;
  return {
    number,
    seconds: script ? Math.round(estimateSeconds(script, content) * 10) / 10 : 0,
    target: written.series.targetSeconds,
    words: countWords(scriptText(script, written.series.hosts)),
    findings,
  };
}
