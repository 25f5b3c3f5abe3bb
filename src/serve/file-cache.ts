/**
 * The server's view of the files under its root. A file's `stat` is trusted for `statTtlMs`
 * (100 ms by default: a rebuilt page shows up at once for a person, and a busy file costs ten stats
 * a second instead of one per request; a stat per request cost about a fifth of the throughput
 * of 64 KB range requests when measured). Every call to the file system is asynchronous and goes
 * through `fs` (see file-system.ts); a lookup answered from the cache returns at once, without a
 * promise, and lookups of one path while its stat is under way share that stat. A file asked for
 * in the second half of its `statTtlMs` is stat'ed again in the background, so a busy file's
 * requests never wait for a stat (on a loaded machine one took milliseconds, and every request
 * for the file waited behind it), while none is answered from a stat older than `statTtlMs`.
 * While the file's identity (device, inode, size, mtime, ctime) stays the same, the expensive
 * parts are kept: the realpath containment check, validators, an open descriptor, the bytes of
 * small files and their compressed forms.
 *
 * Memory is bounded. Files up to `maxFileBytes` (pages, feeds, transcripts, artwork) are held once
 * read. Larger ones are read from disk, a range at a time, so asking for two bytes of an episode
 * reads two bytes, and a folder of many episodes does not churn the cache. The one exception is a
 * busy file of up to `maxHotFileBytes` (one 90-second episode): asked for `hotHits` times within
 * `hotWindowMs`, it is read whole in the background and then served from memory, as a read from
 * disk costs about twice the CPU of a range request from memory. Nothing larger is ever held.
 * Held bytes plus compressed copies stay under `maxBytes`, least recently used dropped first.
 *
 * @example
 *   const files = new FileCache('/srv/out');
 *   const found = await files.lookup('/srv/out/s/index.html'); // FileEntry | 'directory' | 'forbidden' | null
 */
import type { Stats } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Encoding } from './encoding.js';
import { Containment } from './containment.js';
import { isMissing, isPermissionError, nodeFileSystem, readAt, statOf, type FileSystem } from './file-system.js';
import { FileChangedError, OpenFiles, sameVersion, type FileVersion, type OpenFile } from './open-files.js';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export interface FileCacheOptions {
  /** Bytes held in memory in all, originals and compressed copies together. */
  maxBytes?: number;
  /** Files held once read; larger ones are read from disk for each request and never compressed. */
  maxFileBytes?: number;
  /** Larger files are never held, however busy; 0 holds none above `maxFileBytes`. */
  maxHotFileBytes?: number;
  /** Requests within `hotWindowMs` that make a file busy enough to hold. */
  hotHits?: number;
  hotWindowMs?: number;
  /** How many files' metadata to remember. */
  maxEntries?: number;
  /** How long a file's stat is trusted before it is checked again; 0 checks on every lookup. */
  statTtlMs?: number;
  /** Descriptors kept open for files read from disk. */
  maxOpenFiles?: number;
  /** Where files are read from; the real file system unless a test says otherwise. */
  fs?: FileSystem;
  /** Milliseconds from some fixed point; performance.now() unless a test says otherwise. */
  now?: () => number;
}

/** What the cache holds right now, for tests and diagnostics. */
export interface FileCacheStats {
  /** Bytes of files and their compressed forms held in memory. */
  heldBytes: number;
  heldFiles: number;
  /** Files whose metadata is remembered. */
  entries: number;
  openFiles: number;
}

export interface FileEntry extends FileVersion {
  readonly size: number;
  /** Strong: size and modification time (µs), as nginx does, so no file is read to make it. */
  readonly etag: string;
  readonly lastModified: string;
  readonly lastModifiedMs: number;
  bytes: Buffer | null;
  readonly encoded: Partial<Record<Encoding, Buffer>>;
  held: number;
  /** Use stamp for least-recently-used eviction. */
  lastUsed: number;
  /** When the stat behind this entry was last confirmed (performance.now()). */
  checkedAt: number;
  loading: Promise<Buffer | null> | undefined;
  readonly encoding: Partial<Record<Encoding, Promise<Buffer | null>>>;
  /** Requests since `hitsSince` (performance.now()), for files that are held only when busy. */
  hits: number;
  hitsSince: number;
}

/** A regular file, a folder, a path this process may not read, or nothing to serve. */
export type Found = FileEntry | 'directory' | 'forbidden' | null;

/** Brotli at its best quality is slow on big inputs; compressed once per file, it pays off below this. */
const BROTLI_MAX_QUALITY_BYTES = 128 * 1024;

export class FileCache {
  readonly root: string;
  readonly fs: FileSystem;
  private readonly maxBytes: number;
  private readonly maxFileBytes: number;
  private readonly maxHotFileBytes: number;
  private readonly hotHits: number;
  private readonly hotWindowMs: number;
  private readonly maxEntries: number;
  private readonly statTtlMs: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, FileEntry>();
  /** Stats under way, by path, so a burst of requests for one file costs one stat. */
  private readonly checking = new Map<string, Promise<Found>>();
  /** Entries holding bytes. */
  private readonly resident = new Set<FileEntry>();
  private readonly descriptors: OpenFiles;
  private readonly containment: Containment;
  private heldBytes = 0;
  private clock = 0;

  /** `root` must already be a real path (no symlinks), as containment is checked against it. */
  constructor(root: string, options: FileCacheOptions = {}) {
    this.root = root;
    this.fs = options.fs ?? nodeFileSystem;
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.maxFileBytes = options.maxFileBytes ?? 256 * 1024;
    this.maxHotFileBytes = options.maxHotFileBytes ?? 1024 * 1024;
    this.hotHits = options.hotHits ?? 32;
    this.hotWindowMs = options.hotWindowMs ?? 1000;
    this.maxEntries = options.maxEntries ?? 4096;
    this.statTtlMs = options.statTtlMs ?? 100;
    this.now = options.now ?? (() => performance.now());
    this.descriptors = new OpenFiles(this.fs, options.maxOpenFiles ?? 128);
    this.containment = new Containment(root, this.fs);
  }

  get bytesHeld(): number {
    return this.heldBytes;
  }

  stats(): FileCacheStats {
    return { heldBytes: this.heldBytes, heldFiles: this.resident.size, entries: this.entries.size, openFiles: this.descriptors.size };
  }

  /** What is at `path`; at once when its stat is still trusted. I/O errors other than missing or forbidden reject. */
  lookup(path: string): Found | Promise<Found> {
    const known = this.entries.get(path);
    if (known !== undefined) {
      const age = this.now() - known.checkedAt;
      if (age < this.statTtlMs) {
        if (age >= this.statTtlMs / 2 && !this.checking.has(path)) {
          // Its outcome (the same file, a new one, none) is for the requests that come after it.
          this.checkOnce(path, known).catch(() => {});
        }
        return known;
      }
    }
    return this.checking.get(path) ?? this.checkOnce(path, known);
  }

  /** A descriptor for reading this version of the file from disk; give it back with `close`. */
  open(entry: FileEntry): OpenFile | Promise<OpenFile> {
    const file = this.descriptors.acquire(entry);
    if (!(file instanceof Promise)) return file;
    return file.catch((err: unknown) => {
      if (err instanceof FileChangedError) this.forget(entry);
      throw err;
    });
  }

  close(file: OpenFile): void {
    this.descriptors.release(file);
  }

  /** The file is not what its entry says (it shrank while being read): the next lookup stats it afresh. */
  changed(entry: FileEntry): void {
    this.forget(entry);
  }

  /** The file's bytes if small enough to hold (a Buffer when already held), else null: read it from disk. */
  content(entry: FileEntry): Buffer | Promise<Buffer | null> | null {
    if (entry.bytes !== null) {
      this.touch(entry);
      return entry.bytes;
    }
    if (entry.size <= this.maxFileBytes) {
      entry.loading ??= this.load(entry);
      return entry.loading;
    }
    if (entry.size <= this.maxHotFileBytes && entry.loading === undefined && this.busy(entry)) {
      // This request, and those until the bytes arrive, still go to disk.
      entry.loading = this.load(entry);
      // A failed load leaves the file to be read from disk; the request that fails too reports it.
      entry.loading.catch(() => {});
    }
    return null;
  }

  /** The file compressed with `encoding`, made once and then held; null for files too big to hold. */
  compressed(entry: FileEntry, encoding: Encoding): Buffer | Promise<Buffer | null> | null {
    const ready = entry.encoded[encoding];
    if (ready !== undefined) {
      this.touch(entry);
      return ready;
    }
    if (entry.size > this.maxFileBytes) return null;
    let pending = entry.encoding[encoding];
    if (pending === undefined) {
      pending = this.compress(entry, encoding);
      entry.encoding[encoding] = pending;
    }
    return pending;
  }

  /** Counts a request; true once there were `hotHits` within one window. */
  private busy(entry: FileEntry): boolean {
    const now = this.now();
    if (now - entry.hitsSince > this.hotWindowMs) {
      entry.hitsSince = now;
      entry.hits = 0;
    }
    entry.hits += 1;
    return entry.hits >= this.hotHits;
  }

  private checkOnce(path: string, known: FileEntry | undefined): Promise<Found> {
    const pending = this.check(path, known).finally(() => this.checking.delete(path));
    this.checking.set(path, pending);
    return pending;
  }

  private async check(path: string, known: FileEntry | undefined): Promise<Found> {
    // The file may change while the stat is under way: its answer is as old as its start.
    const startedAt = this.now();
    let st: Stats;
    try {
      st = await statOf(this.fs, path);
    } catch (err) {
      if (known !== undefined) this.forget(known);
      if (isMissing(err)) return null;
      if (isPermissionError(err)) return (await this.containment.forbiddenInside(path)) ? 'forbidden' : null;
      throw err;
    }
    if (!st.isFile()) {
      if (known !== undefined) this.forget(known);
      if (st.isDirectory()) return (await this.containment.isInside(path)) ? 'directory' : null;
      return null;
    }
    if (known !== undefined && sameVersion(known, st)) {
      known.checkedAt = startedAt;
      return known;
    }
    if (known !== undefined) this.forget(known);
    if (!(await this.containment.isInside(path))) return null;
    const entry = makeEntry(path, st, startedAt);
    this.entries.set(path, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.values().next().value;
      if (oldest !== undefined) this.forget(oldest);
    }
    return entry;
  }

  private async load(entry: FileEntry): Promise<Buffer | null> {
    try {
      const file = await this.open(entry);
      let bytes: Buffer;
      try {
        bytes = Buffer.allocUnsafe(entry.size);
        let filled = 0;
        while (filled < entry.size) {
          const n = await readAt(this.fs, file.fd, bytes, filled, entry.size - filled, filled);
          if (n === 0) break;
          filled += n;
        }
        // Shrank while being read: bytes and headers would disagree.
        if (filled !== entry.size) {
          this.forget(entry);
          throw new FileChangedError(entry.path);
        }
      } finally {
        this.close(file);
      }
      if (this.entries.get(entry.path) === entry) {
        entry.bytes = bytes;
        this.hold(entry, bytes.length);
      }
      return bytes;
    } finally {
      entry.loading = undefined;
    }
  }

  private async compress(entry: FileEntry, encoding: Encoding): Promise<Buffer | null> {
    try {
      const raw = await this.content(entry);
      if (raw === null) return null;
      const out =
        encoding === 'br'
          ? await brotliAsync(raw, {
              params: {
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                [constants.BROTLI_PARAM_QUALITY]: raw.length <= BROTLI_MAX_QUALITY_BYTES ? 11 : 5,
                [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
              },
            })
          : await gzipAsync(raw, { level: 9 });
      if (this.entries.get(entry.path) === entry) {
        entry.encoded[encoding] = out;
        this.hold(entry, out.length);
      }
      return out;
    } finally {
      delete entry.encoding[encoding];
    }
  }

  private hold(entry: FileEntry, bytes: number): void {
    entry.held += bytes;
    this.heldBytes += bytes;
    this.resident.add(entry);
    this.touch(entry);
    while (this.heldBytes > this.maxBytes) {
      let oldest: FileEntry | undefined;
      for (const candidate of this.resident) {
        if (candidate !== entry && (oldest === undefined || candidate.lastUsed < oldest.lastUsed)) oldest = candidate;
      }
      if (oldest === undefined) break;
      this.release(oldest);
    }
  }

  /** A stamp, not a reordering: hits stay O(1) and the rare eviction scans for the oldest. */
  private touch(entry: FileEntry): void {
    entry.lastUsed = ++this.clock;
  }

  private release(entry: FileEntry): void {
    this.heldBytes -= entry.held;
    entry.held = 0;
    entry.bytes = null;
    delete entry.encoded.br;
    delete entry.encoded.gzip;
    this.resident.delete(entry);
  }

  private forget(entry: FileEntry): void {
    this.release(entry);
    this.descriptors.retire(entry);
    if (this.entries.get(entry.path) === entry) this.entries.delete(entry.path);
  }
}

function makeEntry(path: string, st: Stats, checkedAt: number): FileEntry {
  const lastModifiedMs = Math.floor(st.mtimeMs / 1000) * 1000;
  return {
    path,
    size: st.size,
    etag: `"${st.size.toString(16)}-${Math.round(st.mtimeMs * 1000).toString(16)}"`,
    lastModified: new Date(lastModifiedMs).toUTCString(),
    lastModifiedMs,
    bytes: null,
    encoded: {},
    dev: st.dev,
    ino: st.ino,
    mtimeMs: st.mtimeMs,
    ctimeMs: st.ctimeMs,
    held: 0,
    lastUsed: 0,
    checkedAt,
    loading: undefined,
    encoding: {},
    hits: 0,
    hitsSince: checkedAt,
  };
}
