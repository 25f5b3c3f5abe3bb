/**
 * Sends bytes start..end of a file that is not held in memory, read from disk for this request.
 *
 * A range that fits one chunk (a player's 64 KB step, Apple's `bytes=0-1` probe) is one positional
 * read into a reused buffer, made before the status line is written, so a failing read still gets
 * a proper error status. Longer bodies (a whole episode, a 40 MB file) stream through
 * `fs.createReadStream` on the same descriptor, a chunk at a time, with back-pressure. A file that
 * turns out shorter than its stat said ends the response early rather than leaving the client
 * waiting for bytes that will never come.
 *
 * @example
 *   const disk = new DiskSender(files, (res, err) => console.error(err));
 *   await disk.send(res, entry, 206, headers, 0, 1, false); // the first two bytes
 */
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { FileCache, FileEntry } from './file-cache.js';
import { FileChangedError, type OpenFile } from './open-files.js';

/** One read answers ranges up to this: the step most players ask for. */
const CHUNK = 64 * 1024;
/** Chunk buffers kept for reuse (1 MiB at most); allocating one per request cost a third of a range request's CPU. */
const MAX_SPARE = 16;
const spare: Buffer[] = [];

function keepOpen(_fd: number, done: (err: null) => void): void {
  done(null);
}

/** A read failed after the status line was sent: the response can only be cut short. */
export type StreamError = (res: ServerResponse, err: unknown) => void;

export class DiskSender {
  constructor(
    private readonly files: FileCache,
    private readonly onStreamError: StreamError,
  ) {}

  /** `fs.read` as a read stream calls it: the stream expects its buffer back in the callback. */
  private readonly readInto = (
    fd: number,
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    done: (err: NodeJS.ErrnoException | null, n: number, buffer: Buffer) => void,
  ): void => this.files.fs.read(fd, buffer, offset, length, position, (err, n) => done(err, n, buffer));

  /** Status line, `headers` (a flat `[name, value, …]` list) and bytes start..end (inclusive). */
  send(res: ServerResponse, entry: FileEntry, status: number, headers: string[], start: number, end: number, head: boolean): void | Promise<void> {
    const file = this.files.open(entry);
    if (file instanceof Promise) return file.then((open) => this.sendOpen(res, entry, open, status, headers, start, end, head));
    return this.sendOpen(res, entry, file, status, headers, start, end, head);
  }

  private sendOpen(
    res: ServerResponse,
    entry: FileEntry,
    file: OpenFile,
    status: number,
    headers: string[],
    start: number,
    end: number,
    head: boolean,
  ): void | Promise<void> {
    // HEAD opens the file too, so it answers as GET would for a file that cannot be read.
    if (head) {
      this.files.close(file);
      res.writeHead(status, headers);
      res.end();
      return;
    }
    if (end - start + 1 <= CHUNK) return this.sendChunk(res, entry, file, status, headers, start, end);
    res.writeHead(status, headers);
    this.stream(res, entry, file, start, end);
  }

  private sendChunk(res: ServerResponse, entry: FileEntry, file: OpenFile, status: number, headers: string[], start: number, end: number): Promise<void> {
    const length = end - start + 1;
    const buffer = spare.pop() ?? Buffer.allocUnsafeSlow(CHUNK);
    return new Promise((resolve, reject) => {
      this.files.fs.read(file.fd, buffer, 0, length, start, (err, n) => {
        this.files.close(file);
        if (err) return reject(err);
        if (n < length) {
          this.files.changed(entry);
          return reject(new FileChangedError(entry.path));
        }
        res.writeHead(status, headers);
        // Reused only once the socket has taken every byte ('finish'); a response cut off never returns it.
        res.end(buffer.subarray(0, length), () => {
          if (spare.length < MAX_SPARE) spare.push(buffer);
        });
        resolve();
      });
    });
  }

  private stream(res: ServerResponse, entry: FileEntry, file: OpenFile, start: number, end: number): void {
    const stream = createReadStream(entry.path, {
      fd: file.fd,
      autoClose: false,
      start,
      end,
      highWaterMark: CHUNK,
      // The descriptor belongs to the cache: a destroyed stream must not close it under other readers.
      fs: { read: this.readInto, close: keepOpen },
    });
    // 'close' comes after any read under way has finished, so the descriptor is never closed under one.
    stream.once('close', () => this.files.close(file));
    stream.once('error', (err) => {
      this.onStreamError(res, err);
      res.destroy();
    });
    stream.once('end', () => {
      if (stream.bytesRead === end - start + 1) {
        res.end();
        return;
      }
      this.files.changed(entry);
      res.destroy();
    });
    // The client went away: stop reading.
    res.once('close', () => stream.destroy());
    stream.pipe(res, { end: false });
  }
}
