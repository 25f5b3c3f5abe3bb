/**
 * A cheap guess, made before the cache keys are known, at whether a build will speak anything:
 * a file of the series (series.yaml, lexicon.yaml, an episode) saved after the output's manifest,
 * which each build writes last. The build starts its speech workers on that guess, so their
 * start-up overlaps its own; a wrong guess costs only a worker start either way, never a result.
 *
 * @example
 *   if (await editedSinceBuilt('series/ai-training', 'out/ai-training/episodes.json')) pool.start();
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export async function editedSinceBuilt(seriesDir: string, manifestPath: string): Promise<boolean> {
  const built = await modifiedMs(manifestPath);
  if (built === undefined) return true; // never built here: everything is spoken
  const episodes = await readdir(join(seriesDir, 'episodes')).catch(() => [] as string[]);
  const files = [
    join(seriesDir, 'series.yaml'),
    join(seriesDir, 'lexicon.yaml'),
    ...episodes.filter((name) => name.endsWith('.md')).map((name) => join(seriesDir, 'episodes', name)),
  ];
  const times = await Promise.all(files.map(modifiedMs));
  return times.some((ms) => ms !== undefined && ms > built);
}

async function modifiedMs(path: string): Promise<number | undefined> {
  return (await stat(path).catch(() => undefined))?.mtimeMs;
}
