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
import { storedSources } from './stored-sources.js';

export async function groundingProblems(dir: string, series: Series, episodes: readonly Episode[]): Promise<Problem[]> {
  const sources = series.provenance?.sources ?? [];
  if (sources.length === 0) return [];
  const texts = new Map(
    await Promise.all(sources.map(async (s) => [s.file, await readFile(join(dir, s.file), 'utf8').catch(() => '')] as const)),
  );
  const passages = splitPassages(storedSources(sources, (file) => texts.get(file))).map((p) => p.text);
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
