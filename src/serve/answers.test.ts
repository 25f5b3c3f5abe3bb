import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createHandler, type FileHandler } from './handler.js';
import { fetchRaw, listen } from './loopback.fixture.js';

const MODIFIED = new Date('2024-10-01T10:00:00Z');
const OWN_404 = '<!doctype html><title>Our own</title>';
/** Text long enough to be worth compressing. */
const PAGE = '<!doctype html><title>A</title>' + '<p>A sentence of the transcript.</p>\n'.repeat(30);
const AUDIO = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 251));

/** What every generated answer (errors, redirects) carries besides its status and body. */
const GENERATED = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' };

describe('the headers of each kind of answer', () => {
  let base: string;
  let root: string;
  const servers: { url: string; close(): Promise<void> }[] = [];
  const handlers: Record<'memory' | 'disk', FileHandler> = {} as never;
  const urls: Record<'memory' | 'disk', string> = {} as never;

  before(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'ninety-answers-')));
    root = join(base, 'out');
    const files: Record<string, string | Buffer> = {
      '404.html': OWN_404,
      's/index.html': PAGE,
      's/a-0123abcd.mp3': AUDIO,
      's/small.html': '<p>short</p>',
      's/edge.txt': 'x'.repeat(256),
      's/below.txt': 'x'.repeat(255),
      's/empty.txt': '',
    };
    for (const [path, contents] of Object.entries(files)) {
      await mkdir(join(root, path, '..'), { recursive: true });
      await writeFile(join(root, path), contents);
      await utimes(join(root, path), MODIFIED, MODIFIED);
    }
    // From memory with the defaults, and the same folder with nothing held: every file read from disk.
    handlers.memory = createHandler(root);
    handlers.disk = createHandler(root, { maxFileBytes: 0, maxHotFileBytes: 0 });
    for (const kind of ['memory', 'disk'] as const) {
      const server = await listen(handlers[kind]);
      servers.push(server);
      urls[kind] = server.url;
    }
  });

  after(async () => {
    for (const server of servers) await server.close();
    await rm(base, { recursive: true, force: true });
  });

  for (const kind of ['memory', 'disk'] as const) {
    describe(`read from ${kind}`, () => {
      const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => fetchRaw(urls[kind], path, { method, headers });

      it('answers 416 with no content type: the empty body is not audio', async () => {
        const r = await get('/s/a-0123abcd.mp3', { Range: 'bytes=5000-' });
        assert.equal(r.status, 416);
        assert.equal(r.headers['content-type'], undefined);
        assert.equal(r.headers['content-length'], '0');
        assert.equal(r.headers['content-range'], 'bytes */5000');
      });

      it('answers 304 with the validators and caching fields, and no body metadata', async () => {
        const { headers } = await get('/s/a-0123abcd.mp3');
        const r = await get('/s/a-0123abcd.mp3', { 'If-None-Match': String(headers.etag) });
        assert.equal(r.status, 304);
        assert.equal(r.headers['content-type'], undefined);
        assert.equal(r.headers['content-length'], undefined);
        assert.equal(r.headers['last-modified'], MODIFIED.toUTCString());
        assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable');
        assert.equal(r.headers['access-control-allow-origin'], '*');
      });

      it('answers 412 to If-Unmodified-Since before the file last changed, 200 at it', async () => {
        const r = await get('/s/a-0123abcd.mp3', { 'If-Unmodified-Since': new Date(MODIFIED.getTime() - 1000).toUTCString() });
        assert.equal(r.status, 412);
        assert.equal(r.body.toString(), 'Precondition Failed\n');
        assert.equal(r.headers['content-type'], GENERATED['content-type']);
        assert.equal(r.headers['cache-control'], GENERATED['cache-control']);
        assert.equal((await get('/s/a-0123abcd.mp3', { 'If-Unmodified-Since': MODIFIED.toUTCString() })).status, 200);
      });

      it('answers a refused method with a plain, uncached 405', async () => {
        const r = await get('/s/index.html', {}, 'POST');
        assert.equal(r.status, 405);
        assert.equal(r.body.toString(), 'Method Not Allowed\n');
        assert.equal(r.headers['content-type'], GENERATED['content-type']);
        assert.equal(r.headers['cache-control'], GENERATED['cache-control']);
        assert.equal(r.headers['content-length'], '19');
      });

      it('redirects a folder with a plain, uncached 301', async () => {
        const r = await get('/s?x=1');
        assert.equal(r.status, 301);
        assert.equal(r.headers.location, '/s/?x=1');
        assert.equal(r.body.toString(), 'Moved Permanently\n');
        assert.equal(r.headers['cache-control'], GENERATED['cache-control']);
      });

      it('serves the folder\'s own 404 page whole, revalidated, with status 404', async () => {
        const r = await get('/s/missing.mp3');
        assert.equal(r.status, 404);
        assert.equal(r.body.toString(), OWN_404);
        assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
        assert.equal(r.headers['cache-control'], 'no-cache');
        const head = await get('/s/missing.mp3', {}, 'HEAD');
        assert.equal(head.status, 404);
        assert.equal(head.headers['content-length'], String(OWN_404.length));
        assert.equal(head.body.length, 0);
      });

      it('sends a range of a compressible page uncompressed', async () => {
        const r = await get('/s/index.html', { Range: 'bytes=0-14', 'Accept-Encoding': 'br' });
        assert.equal(r.status, 206);
        assert.equal(r.headers['content-encoding'], undefined);
        assert.equal(r.body.toString(), PAGE.slice(0, 15));
      });

      it('sends an empty file as an empty 200, to HEAD as well', async () => {
        for (const method of ['GET', 'HEAD']) {
          const r = await get('/s/empty.txt', {}, method);
          assert.equal(r.status, 200, method);
          assert.equal(r.headers['content-length'], '0', method);
          assert.equal(r.body.length, 0, method);
        }
      });
    });
  }

  it('tags each coding by its name: -br and -gz after the file\'s own tag', async () => {
    const plain = String((await fetchRaw(urls.memory, '/s/index.html')).headers.etag);
    const br = await fetchRaw(urls.memory, '/s/index.html', { headers: { 'Accept-Encoding': 'br' } });
    const gz = await fetchRaw(urls.memory, '/s/index.html', { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(br.headers.etag, `${plain.slice(0, -1)}-br"`);
    assert.equal(gz.headers.etag, `${plain.slice(0, -1)}-gz"`);
    assert.equal(brotliDecompressSync(br.body).toString(), PAGE);
    assert.equal(gunzipSync(gz.body).toString(), PAGE);
  });

  it('compresses text from 256 bytes, not below', async () => {
    const at = await fetchRaw(urls.memory, '/s/edge.txt', { headers: { 'Accept-Encoding': 'gzip' } });
    const below = await fetchRaw(urls.memory, '/s/below.txt', { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(at.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(at.body).toString(), 'x'.repeat(256));
    assert.equal(below.headers['content-encoding'], undefined);
    assert.equal(below.body.toString(), 'x'.repeat(255));
  });

  it('sends a page too big to hold whole and uncompressed, with its own tag', async () => {
    const plain = await fetchRaw(urls.disk, '/s/index.html');
    const r = await fetchRaw(urls.disk, '/s/index.html', { headers: { 'Accept-Encoding': 'br, gzip' } });
    assert.equal(r.status, 200);
    assert.equal(r.headers['content-encoding'], undefined);
    assert.equal(r.headers.etag, plain.headers.etag);
    assert.equal(r.headers['content-length'], String(PAGE.length));
    assert.equal(r.body.toString(), PAGE);
  });

  it('holds small files once sent from memory, and nothing when told to hold nothing', async () => {
    const memory = createHandler(root);
    const server = await listen(memory);
    try {
      assert.equal(memory.stats().heldFiles, 0);
      await fetchRaw(server.url, '/s/small.html');
      assert.deepEqual({ ...memory.stats(), openFiles: 0 }, { heldBytes: 12, heldFiles: 1, entries: 1, openFiles: 0 });
      await fetchRaw(urls.disk, '/s/small.html');
      assert.equal(handlers.disk.stats().heldBytes, 0);
    } finally {
      await server.close();
    }
  });
});
