import assert from 'node:assert/strict';
import { mkdir, mkdtemp, open, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { renameSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { nodeFileSystem, type FileSystem } from './file-system.js';
import { createHandler } from './handler.js';
import { fetchRaw, listen } from './loopback.fixture.js';
import { startServer, type RunningServer } from './server.js';

const MiB = 1024 * 1024;
/** Larger than anything the server may hold; written sparse, so it costs no disk. */
const LONG = 's/audio/long-0123abcd.mp3';
const LONG_SIZE = 40 * MiB;
/** The written parts of the long file; longer than one read, so both ways of reading are crossed. */
const LONG_HEAD = 300 * 1024;
const LONG_TAIL = 300 * 1024;
/** A 90-second episode at 64 kbps. */
const EPISODE = 's/audio/01-intro-0123abcd.mp3';
const EPISODE_SIZE = 700 * 1024;

/** Byte i of every test file: no two neighbouring 251-byte runs alike, so a shifted slice shows. */
const patternAt = (i: number): number => (i * 31 + (i >> 8)) % 251;
const pattern = (start: number, end: number): Buffer => Buffer.from(Array.from({ length: end - start }, (_, k) => patternAt(start + k)));
/** The long file's bytes start..end (exclusive): pattern where written, zero in the hole. */
function longBytes(start: number, end: number): Buffer {
  const out = Buffer.alloc(end - start);
  for (let i = start; i < end; i++) {
    if (i < LONG_HEAD || i >= LONG_SIZE - LONG_TAIL) out[i - start] = patternAt(i);
  }
  return out;
}

describe('a folder with large audio', () => {
  let base: string;
  let root: string;
  let server: RunningServer;
  const logged: string[] = [];

  before(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'ninety-big-folder-')));
    root = join(base, 'out');
    await mkdir(join(root, 's', 'audio'), { recursive: true });
    const long = await open(join(root, LONG), 'w');
    await long.truncate(LONG_SIZE);
    await long.write(pattern(0, LONG_HEAD), 0, LONG_HEAD, 0);
    await long.write(pattern(LONG_SIZE - LONG_TAIL, LONG_SIZE), 0, LONG_TAIL, LONG_SIZE - LONG_TAIL);
    await long.close();
    await writeFile(join(root, EPISODE), pattern(0, EPISODE_SIZE));
    await writeFile(join(root, 's', 'index.html'), '<!doctype html><title>S</title>');
    server = await startServer({ root, port: 0, log: (line) => logged.push(line) });
  });

  after(async () => {
    await server.close();
    await rm(base, { recursive: true, force: true });
    assert.deepEqual(logged, [], 'nothing here should have failed');
  });

  it('answers bytes=0-1 of an episode-sized MP3 without reading the rest into memory', async () => {
    const held = server.stats().heldBytes;
    const r = await fetchRaw(server.url, `/${EPISODE}`, { headers: { Range: 'bytes=0-1' } });
    assert.equal(r.status, 206);
    assert.deepEqual(r.body, pattern(0, 2));
    assert.equal(server.stats().heldBytes, held);
  });

  it('answers bytes=0-1 of a 40 MiB MP3 without holding any of it', async () => {
    const held = server.stats().heldBytes;
    const r = await fetchRaw(server.url, `/${LONG}`, { headers: { Range: 'bytes=0-1' } });
    assert.equal(r.status, 206);
    assert.equal(r.headers['content-range'], `bytes 0-1/${LONG_SIZE}`);
    assert.deepEqual(r.body, pattern(0, 2));
    assert.equal(server.stats().heldBytes, held);
  });

  it('sends ranges at the very end of a 40 MiB file byte for byte', async () => {
    const ranges: [string, number, number][] = [
      ['bytes=-16', LONG_SIZE - 16, LONG_SIZE],
      [`bytes=${LONG_SIZE - 1}-`, LONG_SIZE - 1, LONG_SIZE],
      [`bytes=${LONG_SIZE - 65_536}-`, LONG_SIZE - 65_536, LONG_SIZE],
      [`bytes=${LONG_SIZE - 70_000}-${LONG_SIZE - 101}`, LONG_SIZE - 70_000, LONG_SIZE - 100],
      [`bytes=${LONG_SIZE - 290_000}-`, LONG_SIZE - 290_000, LONG_SIZE],
      [`bytes=${LONG_HEAD - 1000}-${LONG_HEAD + 1000}`, LONG_HEAD - 1000, LONG_HEAD + 1001],
    ];
    for (const [range, start, end] of ranges) {
      const r = await fetchRaw(server.url, `/${LONG}`, { headers: { Range: range } });
      assert.equal(r.status, 206, range);
      assert.equal(r.headers['content-range'], `bytes ${start}-${end - 1}/${LONG_SIZE}`, range);
      assert.ok(longBytes(start, end).equals(r.body), `wrong bytes for ${range}`);
    }
  });

  it('streams the whole 40 MiB file with its exact length and ending, holding none of it', async () => {
    const held = server.stats().heldBytes;
    const r = await fetchRaw(server.url, `/${LONG}`);
    assert.equal(r.status, 200);
    assert.equal(r.body.length, LONG_SIZE);
    assert.ok(r.body.subarray(0, LONG_HEAD).equals(pattern(0, LONG_HEAD)), 'wrong start');
    assert.ok(r.body.subarray(LONG_SIZE - LONG_TAIL).equals(pattern(LONG_SIZE - LONG_TAIL, LONG_SIZE)), 'wrong ending');
    assert.equal(server.stats().heldBytes, held);
  });

  it('never holds the 40 MiB file, however often it is asked for', async () => {
    await Promise.all(Array.from({ length: 40 }, () => fetchRaw(server.url, `/${LONG}`, { headers: { Range: 'bytes=0-65535' } })));
    assert.equal(server.stats().heldBytes, 0);
  });
});

describe('reading from disk', () => {
  let base: string;
  let root: string;
  let disk: { url: string; close(): Promise<void> };
  const logged: string[] = [];

  before(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'ninety-disk-')));
    root = join(base, 'out');
    await mkdir(join(root, 's', 'audio'), { recursive: true });
    await writeFile(join(root, EPISODE), pattern(0, EPISODE_SIZE));
    const long = await open(join(root, LONG), 'w');
    await long.truncate(LONG_SIZE);
    await long.close();
    // Nothing held above the small-file limit, every stat fresh: each request reads the disk as it is now.
    disk = await listen(createHandler(root, { maxHotFileBytes: 0, statTtlMs: 0, log: (line) => logged.push(line) }));
  });

  after(async () => {
    await disk.close();
    await rm(base, { recursive: true, force: true });
    assert.deepEqual(logged, [], 'nothing here should have failed');
  });

  it('gives each of many concurrent range requests its own bytes', async () => {
    const starts = Array.from({ length: 64 }, (_, i) => (i * 10_007) % (EPISODE_SIZE - 65_536));
    const replies = await Promise.all(
      starts.map((start) => fetchRaw(disk.url, `/${EPISODE}`, { headers: { Range: `bytes=${start}-${start + 65_535}` } })),
    );
    replies.forEach((r, i) => {
      const start = starts[i] ?? 0;
      assert.equal(r.status, 206);
      assert.ok(r.body.equals(pattern(start, start + 65_536)), `wrong bytes for the range at ${start}`);
    });
  });

  it('keeps an answer\'s bytes intact while it waits behind a slow download on its connection', async () => {
    const queuedStart = 123_457;
    let queuedRead: () => void = () => {};
    const answered = new Promise<void>((resolve) => (queuedRead = resolve));
    // Tells when the queued range has been read and handed to its response.
    const fs: FileSystem = {
      ...nodeFileSystem,
      read: (fd, buffer, offset, length, position, done) =>
        nodeFileSystem.read(fd, buffer, offset, length, position, (err, n) => {
          done(err, n);
          if (position === queuedStart) queuedRead();
        }),
    };
    const server = await listen(createHandler(root, { fs, maxHotFileBytes: 0, log: (line) => logged.push(line) }));
    const url = new URL(server.url);
    const slow = connect(Number(url.port), url.hostname);
    try {
      // One connection asks for the 40 MiB file and then a range, and reads nothing yet: the range
      // is answered into a queue behind the download while another client is served meanwhile.
      slow.pause();
      slow.write(
        `GET /${LONG} HTTP/1.1\r\nHost: x\r\n\r\n` +
          `GET /${EPISODE} HTTP/1.1\r\nHost: x\r\nRange: bytes=${queuedStart}-${queuedStart + 65_535}\r\n\r\n`,
      );
      await answered;
      for (const start of [0, 1000, 2000]) {
        const r = await fetchRaw(server.url, `/${EPISODE}`, { headers: { Range: `bytes=${start}-${start + 65_535}` } });
        assert.ok(r.body.equals(pattern(start, start + 65_536)));
      }
      const [long, queued] = await readResponses(slow, 2);
      assert.equal(long?.length, LONG_SIZE);
      assert.ok(queued?.equals(pattern(queuedStart, queuedStart + 65_536)), 'the queued answer was overwritten');
    } finally {
      slow.destroy();
      await server.close();
    }
  });

  it('serves a file replaced on disk afresh, with new validators', async () => {
    const path = join(root, 's', 'audio', 'replaced-0123abcd.mp3');
    await writeFile(path, pattern(0, 400 * 1024));
    const before = await fetchRaw(disk.url, '/s/audio/replaced-0123abcd.mp3', { headers: { Range: 'bytes=0-99' } });
    assert.deepEqual(before.body, pattern(0, 100));
    // As the build writes: a new file renamed over the old one.
    const next = Buffer.alloc(400 * 1024, 9);
    await writeFile(`${path}.new`, next);
    await rename(`${path}.new`, path);
    const after = await fetchRaw(disk.url, '/s/audio/replaced-0123abcd.mp3', { headers: { Range: 'bytes=0-99' } });
    assert.deepEqual(after.body, next.subarray(0, 100));
    assert.notEqual(after.headers.etag, before.headers.etag);
  });

  it('serves a small file rewritten in place afresh', async () => {
    const path = join(root, 's', 'feed.xml');
    await writeFile(path, '<rss>one</rss>');
    assert.equal((await fetchRaw(disk.url, '/s/feed.xml')).body.toString(), '<rss>one</rss>');
    await writeFile(path, '<rss>second</rss>');
    assert.equal((await fetchRaw(disk.url, '/s/feed.xml')).body.toString(), '<rss>second</rss>');
  });

  it('never sends one version\'s headers with another\'s bytes when a file is replaced between its stat and its read', async () => {
    const name = 's/audio/swapped-0123abcd.mp3';
    const path = join(root, name);
    await writeFile(path, pattern(0, 300 * 1024));
    const next = Buffer.alloc(500 * 1024, 5);
    let armed = true;
    // The build's rename lands just after the server's stat, before its open.
    const fs: FileSystem = {
      ...nodeFileSystem,
      open: (target, done) => {
        if (armed && target === path) {
          armed = false;
          writeFileSync(`${path}.new`, next);
          renameSync(`${path}.new`, path);
        }
        nodeFileSystem.open(target, done);
      },
    };
    const racing = await listen(createHandler(root, { fs, maxHotFileBytes: 0, log: (line) => logged.push(line) }));
    try {
      const r = await fetchRaw(racing.url, `/${name}`);
      assert.equal(armed, false, 'the file was not swapped');
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-length'], String(next.length));
      assert.ok(r.body.equals(next), 'body is not the file the headers describe');
    } finally {
      await racing.close();
    }
  });
});

/** The bodies of `count` HTTP/1.1 responses with Content-Length, read from a paused socket. */
function readResponses(socket: import('node:net').Socket, count: number): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    let body: Buffer[] = [];
    let missing = -1;
    const bodies: Buffer[] = [];
    const take = (chunk: Buffer): void => {
      if (missing < 0) {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        missing = Number(/content-length: (\d+)/i.exec(head.subarray(0, end).toString('latin1'))?.[1] ?? NaN);
        const rest = head.subarray(end + 4);
        head = Buffer.alloc(0);
        body = [];
        if (rest.length > 0 || missing === 0) take(rest);
        return;
      }
      const part = chunk.subarray(0, missing);
      body.push(part);
      missing -= part.length;
      if (missing > 0) return;
      bodies.push(Buffer.concat(body));
      missing = -1;
      if (bodies.length === count) return resolve(bodies);
      if (chunk.length > part.length) take(chunk.subarray(part.length));
    };
    socket.on('data', take);
    socket.on('error', reject);
    socket.resume();
  });
}
