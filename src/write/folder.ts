/**
 * Puts a new series folder on disk all at once: every file is written into a hidden sibling
 * folder, flushed, and the folder is renamed into place. A run stopped at any moment leaves either
 * no series folder or a complete outline — never half of one. Later writes (each finished script,
 * the lexicon) replace one file at a time, atomically.
 *
 * @example
 *   await createSeriesFolder('series/sourdough', seriesFiles(plan));
 */
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { processIsAlive, syncFolder, writeFileAtomic } from '../build/atomic.js';

const PARTIAL = '.ninety-new-';

export async function createSeriesFolder(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  await removeAbandonedFolders(parent);
  const partial = join(parent, `${PARTIAL}${process.pid}-${basename(dir)}`);
  await rm(partial, { recursive: true, force: true });
  try {
    for (const [path, text] of files) {
      await writeFileAtomic(join(partial, path), text, { syncFolder: false });
    }
    for (const folder of new Set([...files.keys()].map((p) => dirname(join(partial, p))))) await syncFolder(folder);
    await syncFolder(partial);
    // rename() refuses a non-empty target, so a folder made meanwhile is never overwritten.
    await rename(partial, dir);
    await syncFolder(parent);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
}

/** Partial folders left by runs that were killed before their rename. */
async function removeAbandonedFolders(parent: string): Promise<void> {
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    if (!name.startsWith(PARTIAL)) continue;
    const pid = Number(name.slice(PARTIAL.length).split('-')[0]);
    if (!processIsAlive(pid)) await rm(join(parent, name), { recursive: true, force: true });
  }
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
