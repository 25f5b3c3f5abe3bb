/**
 * Atomic, durable output: every file is written beside its final path under a temporary name,
 * flushed to disk, renamed into place, and its folder flushed after, so a build killed at any
 * moment (even kill -9, even a power cut) never leaves a truncated file at a final path. Files
 * whose bytes have not changed are left untouched.
 *
 * Files are written in stages (`writeStages`): every file of one stage is at its final name, and
 * durably so, before any file of the next stage appears — so a page or feed never names audio
 * that is not there yet.
 *
 * @example
 *   await writeStages(root, [[audio, transcripts], [pages, feed], [manifest]]);
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { pauseForFault } from './faults.js';

const TEMP_MARK = '.ninety-tmp-';
/** `<file>.ninety-tmp-<pid>-<random>-<host>`; names made before they carried the host end at the random part. */
const TEMP_NAME = new RegExp(`${TEMP_MARK.replace(/\./g, '\\.')}(\\d+)-[0-9a-f]+(?:-([0-9a-f]{8}))?$`);
/**
 * This machine, in a temporary file's name: a process id means something only on the machine that
 * made the file, and builds and workers on several machines may share one output folder.
 */
export const THIS_HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
/** No write takes this long: another machine's temporary file this old was left by a crash there. */
const FOREIGN_TEMP_MAX_AGE_MS = 24 * 60 * 60_000;
const CONTENT_HASHED = /-[0-9a-f]{10}\.mp3$/;

/** Told of every file that reaches its final name, in order (the build's write journal). */
export type WriteObserver = (path: string) => void;

/**
 * A file's bytes: text, bytes, or bytes in parts (an MP3's tags and its audio), joined only when
 * they are written or compared.
 */
export type FileContents = string | Uint8Array | readonly Uint8Array[];

export interface StagedFile {
  path: string;
  contents: FileContents;
}

function bytesOf(contents: FileContents): Uint8Array {
  if (typeof contents === 'string') return Buffer.from(contents);
  return contents instanceof Uint8Array ? contents : Buffer.concat(contents);
}

function lengthOf(contents: FileContents): number {
  if (typeof contents === 'string') return Buffer.byteLength(contents);
  return contents instanceof Uint8Array ? contents.length : contents.reduce((n, part) => n + part.length, 0);
}

export async function writeFileAtomic(
  path: string,
  contents: FileContents,
  options: { syncFolder?: boolean; observe?: WriteObserver } = {},
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = temporaryPath(path);
  const bytes = bytesOf(contents);
  try {
    const handle = await open(temp, 'w');
    try {
      // In two halves, so a fault test can stop the process with half a file written.
      const half = bytes.length >> 1;
      await handle.write(bytes, 0, half);
      await pauseForFault('write');
      await handle.write(bytes, half, bytes.length - half);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  if (options.syncFolder !== false) await syncFolder(dirname(path));
  options.observe?.(path);
}

/** A name beside `path` to write under before renaming, that removeStaleTempFiles knows to clear up after a crash. */
export function temporaryPath(path: string): string {
  return `${path}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}-${THIS_HOST}`;
}

/** Writes only when the bytes differ; returns whether it wrote. The folder is flushed by the caller. */
export async function writeIfChanged(path: string, contents: FileContents, observe?: WriteObserver): Promise<boolean> {
  const existing = await stat(path).catch(() => undefined);
  const sameLength = existing?.isFile() && existing.size === lengthOf(contents);
  // A content-hashed name already holding that many bytes holds these bytes.
  if (sameLength && CONTENT_HASHED.test(path)) return false;
  const bytes = bytesOf(contents);
  if (sameLength) {
    const old = await readFile(path);
    if (Buffer.compare(old, bytes) === 0) return false;
  }
  await writeFileAtomic(path, bytes, { syncFolder: false, ...(observe ? { observe } : {}) });
  return true;
}

/**
 * Writes each stage in parallel, then flushes every folder it wrote into before the next stage
 * starts: a rename is only durable once its folder is.
 */
export async function writeStages(root: string, stages: readonly (readonly StagedFile[])[], observe?: WriteObserver): Promise<void> {
  for (const stage of stages) {
    const paths = stage.map((file) => join(root, file.path));
    const wrote = await Promise.all(stage.map((file, i) => writeIfChanged(paths[i]!, file.contents, observe)));
    const folders = new Set(paths.filter((_, i) => wrote[i]).map((path) => dirname(path)));
    await Promise.all([...folders].map(syncFolder));
  }
}

/** fsync on a folder makes the renames inside it durable. */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Removes temporary files that builds which are no longer running left behind. Files of a live
 * process (another build that holds them open right now) are left alone, and so are another
 * machine's, whose process ids mean nothing here, until they are a day old.
 */
export async function removeStaleTempFiles(root: string): Promise<void> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  const now = Date.now();
  await Promise.all(
    entries
      .filter((entry) => entry.isFile() && entry.name.includes(TEMP_MARK))
      .map(async (entry) => {
        const path = join(entry.parentPath ?? entry.path, entry.name);
        const host = tempHost(entry.name);
        const stale = host === undefined || host === THIS_HOST
          ? !processIsAlive(tempOwner(entry.name))
          : now - (await stat(path).catch(() => ({ mtimeMs: now }))).mtimeMs > FOREIGN_TEMP_MAX_AGE_MS;
        if (stale) await rm(path, { force: true });
      }),
  );
}

/** The process id a temporary name carries (`…​.ninety-tmp-<pid>-<random>[-<host>]`), or undefined. */
export function tempOwner(name: string): number | undefined {
  const match = TEMP_NAME.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** The machine a temporary name carries, or undefined for a name made before names carried one. */
export function tempHost(name: string): string | undefined {
  return TEMP_NAME.exec(name)?.[2];
}

export function processIsAlive(pid: number | undefined): boolean {
  // 0 and below name process groups, not one process; process.kill refuses a pid that is not an integer.
  if (pid === undefined || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
