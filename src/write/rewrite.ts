/**
 * `ninety rewrite`: one episode's script written again, optionally with the user's note ("simpler,
 * with a cooking example"). The script it replaces is kept in episodes/.history/ first, since it
 * may hold the user's own edits; the loader reads only episodes/*.md, so the copy is never built.
 *
 * @example
 *   await rewriteEpisode(model, 'series/sourdough', 3, 'shorter sentences', progress);
 */
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../build/atomic.js';
import type { ProgressReporter } from '../build/progress.js';
import type { LanguageModel } from './model/model.js';
import { WriteError } from './new-series.js';
import { writeScripts, type WriteResult } from './write-scripts.js';
import { readWrittenSeries } from './written-series.js';

export async function rewriteEpisode(
  model: LanguageModel,
  dir: string,
  number: number,
  note: string | undefined,
  progress: ProgressReporter,
  now = new Date(),
): Promise<WriteResult & { kept?: string }> {
  const written = await readWrittenSeries(dir);
  const episode = written.episodes.find((e) => e.number === number);
  if (!episode) {
    const numbers = written.episodes.map((e) => e.number);
    throw new WriteError(`${dir} has no episode ${number}: its episodes are numbered ${numbers[0]} to ${numbers.at(-1)}`);
  }
  let kept: string | undefined;
  if (episode.script) {
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    kept = join(dir, 'episodes', '.history', `${basename(episode.path, '.md')}.${stamp}.md`);
    await writeFileAtomic(kept, episode.text);
  }
  const result = await writeScripts(model, dir, { concurrency: 1, only: [number], ...(note ? { note } : {}) }, progress);
  return { ...result, ...(kept ? { kept } : {}) };
}
