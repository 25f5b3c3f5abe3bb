/**
 * The server's view of the files under its root. A file's `stat` is trusted for `statTtlMs`
 * (100 ms by default: a rebuilt page shows up at once for a person, and a busy file costs ten stats
 * a second instead of one per request; a stat per request cost about a fifth of the throughput
 * of 64 KB range requests when measured).
 * While the file's identity (device, inode, size, mtime, ctime) stays the same, the expensive
 * parts are kept: the realpath containment check, validators, the bytes of small files and their
 * compressed forms.
 *
 * Memory is bounded: files above `maxFileBytes` are never held (the server streams them), and
 * held bytes plus compressed copies stay under `maxBytes`, least recently used dropped first.
 *
 * @example
 *   const files = new FileCache('/srv/out');
 *   const found = files.lookup('/srv/out/s/index.html'); // FileEntry | 'directory' | null
 */
import { realpathSync, statSync, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Encoding } from './encoding.js';

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export interface FileCacheOptions {
  /** Bytes held in memory in all, originals and compressed copies together. */
  maxBytes?: number;
  /** Larger files are streamed from disk and never compressed. */
  maxFileBytes?: number;
  /** How many files' metadata to remember. */
  maxEntries?: number;
  /** How long a file's stat is trusted before it is checked again; 0 checks on every lookup. */
  statTtlMs?: number;
}

export interface FileEntry {
  readonly path: string;
  readonly size: number;
  /** Strong: size and modification time (µs), as nginx does, so no file is read to make it. */
  readonly etag: string;
  readonly lastModified: string;
  readonly lastModifiedMs: number;
  bytes: Buffer | null;
  readonly encoded: Partial<Record<Encoding, Buffer>>;
  readonly dev: number;
  readonly ino: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  held: number;
  /** Use stamp for least-recently-used eviction. */
  lastUsed: number;
  /** When the stat behind this entry was last confirmed (performance.now()). */
  checkedAt: number;
  loading: Promise<Buffer | null> | undefined;
  readonly encoding: Partial<Record<Encoding, Promise<Buffer | null>>>;
}

/** Brotli at its best quality is slow on big inputs; compressed once per file, it pays off below this. */
const BROTLI_MAX_QUALITY_BYTES = 128 * 1024;

export class FileCache {
  readonly root: string;
  private readonly maxBytes: number;
  private readonly maxFileBytes: number;
  private readonly maxEntries: number;
  private readonly statTtlMs: number;
  private readonly entries = new Map<string, FileEntry>();
  /** Entries holding bytes. */
  private readonly resident = new Set<FileEntry>();
  private heldBytes = 0;
  private clock = 0;

  /** `root` must already be a real path (no symlinks), as containment is checked against it. */
  constructor(root: string, options: FileCacheOptions = {}) {
    this.root = root;
    this.maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.maxFileBytes = options.maxFileBytes ?? 2 * 1024 * 1024;
    this.maxEntries = options.maxEntries ?? 4096;
    this.statTtlMs = options.statTtlMs ?? 100;
  }

  get bytesHeld(): number {
    return this.heldBytes;
  }

  /** A regular file inside the root, `'directory'`, or null for anything else (missing, outside, hidden, special). */
  lookup(path: string): FileEntry | 'directory' | null {
    const now = performance.now();
    const known = this.entries.get(path);
    if (known !== undefined && now - known.checkedAt < this.statTtlMs) return known;
    let st: Stats | undefined;
    try {
      // Synchronous on purpose: a stat of a cached inode takes microseconds, while the async form
      // adds a thread-pool round trip and a promise to every request.
      st = statSync(path, { throwIfNoEntry: false });
    } catch {
      // ENOTDIR, ENAMETOOLONG, ELOOP, EACCES: nothing to serve.
      if (known !== undefined) this.forget(known);
      return null;
    }
    if (st === undefined || !st.isFile()) {
      if (known !== undefined) this.forget(known);
      if (st?.isDirectory() === true) return this.isInside(path) ? 'directory' : null;
      return null;
    }
    if (known !== undefined && sameFile(known, st)) {
      known.checkedAt = now;
      return known;
    }
    if (known !== undefined) this.forget(known);
    if (!this.isInside(path)) return null;
    const entry = makeEntry(path, st, now);
    this.entries.set(path, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.values().next().value;
      if (oldest !== undefined) this.forget(oldest);
    }
    return entry;
  }

  /** The file's bytes if small enough to hold (a Buffer when already held), else null. */
  content(entry: FileEntry): Buffer | Promise<Buffer | null> | null {
    if (entry.bytes !== null) {
      this.touch(entry);
      return entry.bytes;
    }
    if (entry.size > this.maxFileBytes) return null;
    entry.loading ??= this.load(entry);
    return entry.loading;
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

  private async load(entry: FileEntry): Promise<Buffer | null> {
    try {
      const bytes = await readFile(entry.path);
      // Changed while being read: let the caller stream it and the next stat see the new file.
      if (bytes.length !== entry.size) {
        this.forget(entry);
        return null;
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

  private isInside(path: string): boolean {
    let real: string;
    try {
      real = realpathSync.native(path);
    } catch {
      return false;
    }
    if (real === this.root) return true;
    const base = this.root.endsWith(sep) ? this.root : this.root + sep;
    if (!real.startsWith(base)) return false;
    // A link inside the root may still point at a hidden file such as .git/config.
    return !real.slice(base.length).split(sep).some((part) => part.startsWith('.'));
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
    if (this.entries.get(entry.path) === entry) this.entries.delete(entry.path);
  }
}

function sameFile(entry: FileEntry, st: Stats): boolean {
  return (
    entry.ino === st.ino &&
    entry.size === st.size &&
    entry.mtimeMs === st.mtimeMs &&
    entry.ctimeMs === st.ctimeMs &&
    entry.dev === st.dev
  );
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
  };
}
