/**
 * Descriptors of files being read from disk, kept open between requests: a player asking for
 * range after range of one episode costs one read each, not an open, a read and a close.
 *
 * Each descriptor belongs to one version of a file (device, inode, size, times, as stat saw them).
 * Opening checks the descriptor against that version, so bytes and headers never come from two
 * different files when a build replaces one between the stat and the open. A version the cache
 * has given up (the file changed) is retired: closed once the last reader lets go, never reused,
 * so a descriptor number is never read after the kernel may have handed it to another file.
 * Idle descriptors beyond `max` are closed, least recently used first.
 *
 * @example
 *   const open = new OpenFiles(nodeFileSystem, 128);
 *   const file = await open.acquire(entry); // entry: path plus the stat it was made from
 *   fs.read(file.fd, buffer, 0, 2, 0, () => open.release(file));
 */
import type { Stats } from 'node:fs';
import { closeQuietly, fstatOf, openFor, type FileSystem } from './file-system.js';

/** The identity of one version of a file: what stat said when it was looked up. */
export interface FileVersion {
  readonly path: string;
  readonly dev: number;
  readonly ino: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

export interface OpenFile {
  readonly fd: number;
  refs: number;
  lastUsed: number;
  retired: boolean;
}

/** The file on disk is no longer the version being served; look it up again. */
export class FileChangedError extends Error {
  readonly code = 'ECHANGED';
  constructor(path: string) {
    super(`${path} changed while being served`);
  }
}

export function sameVersion(version: FileVersion, st: Stats): boolean {
  return (
    version.ino === st.ino &&
    version.size === st.size &&
    version.mtimeMs === st.mtimeMs &&
    version.ctimeMs === st.ctimeMs &&
    version.dev === st.dev
  );
}

/** Requests waiting for a descriptor; each is counted as a reader before any of them runs. */
interface Waiting {
  count: number;
}

interface Opening {
  promise: Promise<OpenFile>;
  waiting: Waiting;
}

export class OpenFiles {
  private readonly open = new Map<FileVersion, OpenFile>();
  private readonly opening = new Map<FileVersion, Opening>();
  /** Versions retired while their open was under way: the descriptor closes after its waiters. */
  private readonly retiredEarly = new WeakSet<FileVersion>();
  private clock = 0;

  constructor(
    private readonly fs: FileSystem,
    private readonly max: number,
  ) {}

  get size(): number {
    return this.open.size;
  }

  /** A descriptor for this version; every acquire needs one release. */
  acquire(version: FileVersion): OpenFile | Promise<OpenFile> {
    const known = this.open.get(version);
    if (known !== undefined) {
      known.refs += 1;
      known.lastUsed = ++this.clock;
      return known;
    }
    let opening = this.opening.get(version);
    if (opening === undefined) {
      const waiting: Waiting = { count: 0 };
      opening = { promise: this.openVersion(version, waiting), waiting };
      this.opening.set(version, opening);
    }
    opening.waiting.count += 1;
    return opening.promise;
  }

  release(file: OpenFile): void {
    file.refs -= 1;
    if (file.refs === 0 && file.retired) closeQuietly(this.fs, file.fd);
  }

  /** This version will not be served again. */
  retire(version: FileVersion): void {
    const file = this.open.get(version);
    if (file === undefined) {
      if (this.opening.has(version)) this.retiredEarly.add(version);
      return;
    }
    this.open.delete(version);
    file.retired = true;
    if (file.refs === 0) closeQuietly(this.fs, file.fd);
  }

  private async openVersion(version: FileVersion, waiting: Waiting): Promise<OpenFile> {
    let fd: number | undefined;
    try {
      fd = await openFor(this.fs, version.path);
      if (!sameVersion(version, await fstatOf(this.fs, fd))) throw new FileChangedError(version.path);
    } catch (err) {
      if (fd !== undefined) closeQuietly(this.fs, fd);
      throw err;
    } finally {
      this.opening.delete(version);
    }
    // Counted for every waiter at once, so nothing can close it before they have read.
    const file: OpenFile = { fd, refs: waiting.count, lastUsed: ++this.clock, retired: this.retiredEarly.has(version) };
    if (!file.retired) {
      this.open.set(version, file);
      this.trim();
    }
    return file;
  }

  private trim(): void {
    while (this.open.size > this.max) {
      let oldest: [FileVersion, OpenFile] | undefined;
      for (const pair of this.open) {
        if (pair[1].refs === 0 && (oldest === undefined || pair[1].lastUsed < oldest[1].lastUsed)) oldest = pair;
      }
      // All in use: the excess is bounded by the requests under way and closes as they finish.
      if (oldest === undefined) return;
      this.retire(oldest[0]);
    }
  }
}
