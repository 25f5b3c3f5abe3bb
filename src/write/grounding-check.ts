/**
 * The grounding check as `ninety check` runs it on a written series: every figure a script states
 * must appear in the series' sources (the texts kept in its sources/ folder). It runs on the
 * scripts as they are now, so a figure the user corrects by hand stops being reported.
 *
 * @example
 *   problems.push(...(await groundingProblems(dir, series, episodes)));
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { warning, type Problem } from '../series/problems.js';
import type { Episode, Series } from '../series/schema.js';
import { splitPassages } from '../sources/passages.js';
import { ungroundedFigures } from './grounding.js';

export async function groundingProblems(dir: string, series: Series, episodes: readonly Episode[]): Promise<Problem[]> {
  const sources = series.provenance?.sources ?? [];
  if (sources.length === 0) return [];
  const texts = await Promise.all(sources.map((s) => readFile(join(dir, s.file), 'utf8').catch(() => '')));
  const passages = splitPassages(
    sources.map((s, i) => ({ title: s.title, address: s.address, kind: 'text' as const, text: texts[i]!, sha256: s.sha256, bytes: texts[i]!.length })),
  ).map((p) => p.text);
  return episodes.flatMap((episode) => {
    const figures = ungroundedFigures(episode.script, passages);
    if (figures.length === 0) return [];
    const list = figures.map((f) => `"${f.text}"`).join(', ');
    return [
      warning(episode.file, `states ${list}, which the series' sources do not contain: check ${figures.length === 1 ? 'it' : 'them'} against the sources/ folder, or cut ${figures.length === 1 ? 'it' : 'them'}`, {
        field: 'script',
        rule: 'ungrounded',
      }),
    ];
  });
}
