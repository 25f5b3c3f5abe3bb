import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createHandler } from './handler.js';
import { sendRaw } from './loopback.fixture.js';
import { startServer, type RunningServer } from './server.js';

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const AUDIO = 's/audio/01-intro-0123abcd.mp3';
const AUDIO_BYTES = Buffer.from(Array.from({ length: 10_000 }, (_, i) => i % 251));
const PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intro</title></head><body>' + '<p>A sentence of the transcript, read aloud.</p>\n'.repeat(40) + '</body></html>\n';
const MODIFIED = new Date('2024-10-01T10:00:00Z');
const SECRET = 'TOP SECRET';

/** A GET (or other method) with the path sent exactly as given, so `..` is not normalised away. */
function fetchRaw(base: string, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const statusOf = (raw: string): number => Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);

describe('startServer', () => {
  let base: string;
  let root: string;
  let server: RunningServer;
  let url: string;
  /** The same folder behind a handler that streams every file from disk instead of memory. */
  let streaming: Server;
  let streamingUrl: string;

  before(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'ninety-serve-')));
    root = join(base, 'out');
    const files: Record<string, string | Buffer> = {
      [AUDIO]: AUDIO_BYTES,
      's/audio/big-0123abcd.mp3': Buffer.alloc(8 * 1024 * 1024, 7),
      's/intro/index.html': PAGE,
      's/index.html': PAGE,
      'index.html': PAGE,
      's/feed.xml': '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>S</title></channel></rss>\n',
      's/episodes.json': JSON.stringify({ episodes: [{ id: 'intro', title: 'Intro' }] }),
      's/transcripts/01-intro.vtt': 'WEBVTT\n\n00:00.000 --> 00:02.000\nA sentence.\n',
      's/transcripts/01-intro.json': JSON.stringify({ version: '1.0.0', segments: [] }),
      's/artwork/cover-0123abcd-600.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      'assets/icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
      'evil.example/index.html': PAGE,
      '.git/config': SECRET,
      's/empty.txt': '',
    };
    for (const [path, contents] of Object.entries(files)) {
      const full = join(root, path);
      await mkdir(join(full, '..'), { recursive: true });
      await writeFile(full, contents);
      await utimes(full, MODIFIED, MODIFIED);
    }
    await mkdir(join(base, 'outside'));
    await writeFile(join(base, 'outside', 'secret.txt'), SECRET);
    await symlink(join(base, 'outside', 'secret.txt'), join(root, 's', 'leak.txt'));
    await symlink(join(base, 'outside'), join(root, 's', 'leakdir'));

    server = await startServer({ root, port: 0 });
    url = server.url;
    streaming = createServer(createHandler(root, { maxFileBytes: 0, maxHotFileBytes: 0 }));
    await new Promise<void>((resolve) => streaming.listen(0, '127.0.0.1', resolve));
    const address = streaming.address();
    streamingUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  });

  after(async () => {
    await server.close();
    streaming.closeAllConnections();
    await new Promise((resolve) => streaming.close(resolve));
    await rm(base, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and reports its URL and port', () => {
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(url, `http://127.0.0.1:${server.port}`);
  });

  describe('pages', () => {
    it('serves a folder URL from its index.html as UTF-8 HTML', async () => {
      const r = await fetchRaw(url, '/s/intro/');
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
      assert.equal(r.body.toString(), PAGE);
      assert.equal(r.headers['cache-control'], 'no-cache');
      assert.ok(r.headers.etag);
    });

    it('serves the library at /', async () => {
      const r = await fetchRaw(url, '/');
      assert.equal(r.status, 200);
      assert.equal(r.body.toString(), PAGE);
    });

    it('redirects a folder without its slash with 301, keeping the query', async () => {
      const r = await fetchRaw(url, '/s/intro?t=1:23');
      assert.equal(r.status, 301);
      assert.equal(r.headers.location, '/s/intro/?t=1:23');
    });

    it('never redirects to another host when the path starts with two slashes', async () => {
      const r = await fetchRaw(url, '//evil.example');
      assert.equal(r.status, 301);
      assert.equal(r.headers.location, '/evil.example/');
    });

    it('sends the security headers on every response, errors included', async () => {
      for (const path of ['/s/intro/', `/${AUDIO}`, '/missing', '/%zz']) {
        const r = await fetchRaw(url, path);
        assert.match(String(r.headers['content-security-policy']), /default-src 'self'.*script-src 'self'/, path);
        assert.match(String(r.headers['content-security-policy']), /frame-ancestors 'none'/, path);
        assert.equal(r.headers['x-content-type-options'], 'nosniff', path);
        assert.ok(r.headers['referrer-policy'], path);
      }
    });

    it('forbids framing and sets the opener policy on pages, including the 404 page', async () => {
      for (const path of ['/s/intro/', '/missing']) {
        const r = await fetchRaw(url, path);
        assert.equal(r.headers['x-frame-options'], 'DENY', path);
        assert.equal(r.headers['cross-origin-opener-policy'], 'same-origin', path);
      }
    });

    it('compresses HTML with Brotli when offered, preferring it to gzip', async () => {
      const r = await fetchRaw(url, '/s/intro/', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-encoding'], 'br');
      assert.equal(r.headers.vary, 'Accept-Encoding');
      assert.equal(Number(r.headers['content-length']), r.body.length);
      assert.ok(r.body.length < PAGE.length / 4);
      assert.equal(brotliDecompressSync(r.body).toString(), PAGE);
    });

    it('compresses with gzip when Brotli is not offered', async () => {
      const r = await fetchRaw(url, '/s/intro/', { headers: { 'Accept-Encoding': 'gzip' } });
      assert.equal(r.headers['content-encoding'], 'gzip');
      assert.equal(gunzipSync(r.body).toString(), PAGE);
    });

    it('sends HTML uncompressed, still with Vary, when no coding is accepted', async () => {
      const r = await fetchRaw(url, '/s/intro/');
      assert.equal(r.headers['content-encoding'], undefined);
      assert.equal(r.headers.vary, 'Accept-Encoding');
    });

    it('serves a rebuilt page, compressed copy included, once the short stat cache has lapsed', async () => {
      const page = join(root, 's', 'rebuilt', 'index.html');
      await mkdir(join(page, '..'), { recursive: true });
      await writeFile(page, PAGE);
      const before = await fetchRaw(url, '/s/rebuilt/', { headers: { 'Accept-Encoding': 'br' } });
      assert.equal(brotliDecompressSync(before.body).toString(), PAGE);
      await writeFile(page, PAGE + '<!-- rebuilt -->\n');
      await new Promise((resolve) => setTimeout(resolve, 250));
      const after = await fetchRaw(url, '/s/rebuilt/', { headers: { 'Accept-Encoding': 'br' } });
      assert.equal(brotliDecompressSync(after.body).toString(), PAGE + '<!-- rebuilt -->\n');
      assert.notEqual(after.headers.etag, before.headers.etag);
    });

    it('gives each coding its own strong ETag', async () => {
      const plain = await fetchRaw(url, '/s/intro/');
      const br = await fetchRaw(url, '/s/intro/', { headers: { 'Accept-Encoding': 'br' } });
      const gz = await fetchRaw(url, '/s/intro/', { headers: { 'Accept-Encoding': 'gzip' } });
      const tags = [plain.headers.etag, br.headers.etag, gz.headers.etag];
      assert.equal(new Set(tags).size, 3);
      for (const tag of tags) assert.match(String(tag), /^"[^"]+"$/);
    });

    it('keeps answering each Accept-Encoding value by its own preferences when values repeat', async () => {
      const offers: [string, string | undefined][] = [
        ['gzip, deflate, br', 'br'],
        ['br;q=0, gzip', 'gzip'],
        ['identity', undefined],
        ['gzip;q=0.5, br;q=0.4', 'gzip'],
      ];
      for (let round = 0; round < 2; round++) {
        for (const [offer, coding] of offers) {
          const r = await fetchRaw(url, '/s/intro/', { headers: { 'Accept-Encoding': offer } });
          assert.equal(r.headers['content-encoding'], coding, offer);
          assert.equal(Number(r.headers['content-length']), r.body.length, offer);
        }
      }
    });

    it('answers 304 to each coding with that coding\'s own ETag, again and again', async () => {
      for (const offer of ['br', 'gzip', '', 'br', 'gzip', '']) {
        const headers: Record<string, string> = offer === '' ? {} : { 'Accept-Encoding': offer };
        const first = await fetchRaw(url, '/s/intro/', { headers });
        const again = await fetchRaw(url, '/s/intro/', { headers: { ...headers, 'If-None-Match': String(first.headers.etag) } });
        assert.equal(again.status, 304, offer);
        assert.equal(again.headers.etag, first.headers.etag, offer);
        assert.equal(again.headers['content-length'], undefined, offer);
      }
    });
  });

  describe('content types and CORS', () => {
    const cases: [string, string, boolean][] = [
      ['/s/feed.xml', 'application/rss+xml; charset=utf-8', true],
      ['/s/transcripts/01-intro.vtt', 'text/vtt; charset=utf-8', true],
      ['/s/transcripts/01-intro.json', 'application/json', true],
      ['/s/episodes.json', 'application/json', true],
      [`/${AUDIO}`, 'audio/mpeg', true],
      ['/s/artwork/cover-0123abcd-600.png', 'image/png', false],
      ['/assets/icon.svg', 'image/svg+xml', false],
      ['/s/intro/', 'text/html; charset=utf-8', false],
    ];
    for (const [path, type, cors] of cases) {
      it(`serves ${path} as ${type}${cors ? ' readable from any origin' : ''}`, async () => {
        const r = await fetchRaw(url, path);
        assert.equal(r.status, 200);
        assert.equal(r.headers['content-type'], type);
        assert.equal(r.headers['access-control-allow-origin'], cors ? '*' : undefined);
      });
    }

    it('marks content-hashed audio and artwork immutable for a year, feeds no-cache', async () => {
      assert.equal((await fetchRaw(url, `/${AUDIO}`)).headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal((await fetchRaw(url, '/s/artwork/cover-0123abcd-600.png')).headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.equal((await fetchRaw(url, '/s/feed.xml')).headers['cache-control'], 'no-cache');
    });
  });

  for (const [label, target] of [
    ['from memory', (): string => url],
    ['streamed from disk', (): string => streamingUrl],
  ] as const) {
    describe(`audio ${label}`, () => {
      const get = (headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> => fetchRaw(target(), `/${AUDIO}`, { method, headers });

      it('sends the whole file with Accept-Ranges, exact length, strong ETag and Last-Modified', async () => {
        const r = await get();
        assert.equal(r.status, 200);
        assert.equal(r.headers['accept-ranges'], 'bytes');
        assert.equal(r.headers['content-length'], String(AUDIO_BYTES.length));
        assert.deepEqual(r.body, AUDIO_BYTES);
        assert.match(String(r.headers.etag), /^"[^"]+"$/);
        assert.equal(r.headers['last-modified'], MODIFIED.toUTCString());
      });

      it('never compresses audio, whatever the client accepts', async () => {
        const r = await get({ 'Accept-Encoding': 'br, gzip' });
        assert.equal(r.headers['content-encoding'], undefined);
        assert.equal(r.headers.vary, undefined);
        assert.deepEqual(r.body, AUDIO_BYTES);
      });

      it('answers HEAD with the headers of GET and no body', async () => {
        const r = await get({}, 'HEAD');
        assert.equal(r.status, 200);
        assert.equal(r.headers['accept-ranges'], 'bytes');
        assert.equal(r.headers['content-length'], String(AUDIO_BYTES.length));
        assert.equal(r.body.length, 0);
      });

      it('answers bytes=0-1 with 206 and the first two bytes', async () => {
        const r = await get({ Range: 'bytes=0-1' });
        assert.equal(r.status, 206);
        assert.equal(r.headers['content-range'], `bytes 0-1/${AUDIO_BYTES.length}`);
        assert.equal(r.headers['content-length'], '2');
        assert.equal(r.headers['accept-ranges'], 'bytes');
        assert.deepEqual(r.body, AUDIO_BYTES.subarray(0, 2));
      });

      it('answers an open range with everything from its start', async () => {
        const r = await get({ Range: 'bytes=100-' });
        assert.equal(r.status, 206);
        assert.equal(r.headers['content-range'], `bytes 100-9999/10000`);
        assert.equal(r.headers['content-length'], '9900');
        assert.deepEqual(r.body, AUDIO_BYTES.subarray(100));
      });

      it('answers a suffix range with the last bytes', async () => {
        const r = await get({ Range: 'bytes=-500' });
        assert.equal(r.status, 206);
        assert.equal(r.headers['content-range'], 'bytes 9500-9999/10000');
        assert.deepEqual(r.body, AUDIO_BYTES.subarray(9500));
      });

      it('answers a range ending past the file with the bytes that exist', async () => {
        const r = await get({ Range: 'bytes=9990-20000' });
        assert.equal(r.status, 206);
        assert.equal(r.headers['content-range'], 'bytes 9990-9999/10000');
        assert.deepEqual(r.body, AUDIO_BYTES.subarray(9990));
      });

      it('answers HEAD with a range with 206 headers and no body', async () => {
        const r = await get({ Range: 'bytes=0-1' }, 'HEAD');
        assert.equal(r.status, 206);
        assert.equal(r.headers['content-length'], '2');
        assert.equal(r.headers['accept-ranges'], 'bytes');
        assert.equal(r.body.length, 0);
      });

      it('returns 416 with bytes */size when the range starts past the end', async () => {
        const r = await get({ Range: 'bytes=10000-' });
        assert.equal(r.status, 416);
        assert.equal(r.headers['content-range'], 'bytes */10000');
        assert.equal(r.body.length, 0);
      });

      it('ignores a Range header with bad syntax and sends the whole file', async () => {
        for (const range of ['bytes=abc', 'bytes=5-2', 'pages=1-2', 'bytes=0-1;x']) {
          const r = await get({ Range: range });
          assert.equal(r.status, 200, range);
          assert.deepEqual(r.body, AUDIO_BYTES, range);
        }
      });

      it('answers several ranges with the whole file', async () => {
        const r = await get({ Range: 'bytes=0-1,100-199' });
        assert.equal(r.status, 200);
        assert.deepEqual(r.body, AUDIO_BYTES);
      });

      it('returns 304 for If-None-Match with the current ETag, with validators and no body', async () => {
        const { headers } = await get();
        const r = await get({ 'If-None-Match': String(headers.etag) });
        assert.equal(r.status, 304);
        assert.equal(r.headers.etag, headers.etag);
        assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable');
        assert.equal(r.body.length, 0);
      });

      it('returns 200 for If-None-Match with another ETag', async () => {
        const r = await get({ 'If-None-Match': '"something-else"' });
        assert.equal(r.status, 200);
      });

      it('returns 304 for If-Modified-Since at or after Last-Modified, 200 before it', async () => {
        assert.equal((await get({ 'If-Modified-Since': MODIFIED.toUTCString() })).status, 304);
        assert.equal((await get({ 'If-Modified-Since': new Date(MODIFIED.getTime() - 60_000).toUTCString() })).status, 200);
      });

      it('returns 412 when If-Match names another ETag', async () => {
        assert.equal((await get({ 'If-Match': '"something-else"' })).status, 412);
      });

      it('honours the range when If-Range holds the current ETag', async () => {
        const { headers } = await get();
        const r = await get({ Range: 'bytes=0-1', 'If-Range': String(headers.etag) });
        assert.equal(r.status, 206);
        assert.deepEqual(r.body, AUDIO_BYTES.subarray(0, 2));
      });

      it('sends the whole file when If-Range holds another or a weak ETag', async () => {
        const { headers } = await get();
        for (const tag of ['"something-else"', `W/${String(headers.etag)}`]) {
          const r = await get({ Range: 'bytes=0-1', 'If-Range': tag });
          assert.equal(r.status, 200, tag);
          assert.deepEqual(r.body, AUDIO_BYTES, tag);
        }
      });

      it('honours the range when If-Range holds Last-Modified, not any other date', async () => {
        assert.equal((await get({ Range: 'bytes=0-1', 'If-Range': MODIFIED.toUTCString() })).status, 206);
        assert.equal((await get({ Range: 'bytes=0-1', 'If-Range': new Date(MODIFIED.getTime() + 1000).toUTCString() })).status, 200);
      });
    });
  }

  describe('not found and methods', () => {
    it('answers a missing file with a real HTML 404 page', async () => {
      const r = await fetchRaw(url, '/s/nothing-here/');
      assert.equal(r.status, 404);
      assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
      assert.match(r.body.toString(), /<title>Not found<\/title>/);
    });

    it('serves the folder\'s own 404.html with status 404 when there is one', async () => {
      const other = join(base, 'with-404');
      await mkdir(other);
      await writeFile(join(other, '404.html'), '<!doctype html><title>Our own</title>');
      const own = await startServer({ root: other, port: 0 });
      try {
        const r = await fetchRaw(own.url, '/missing.mp3');
        assert.equal(r.status, 404);
        assert.equal(r.body.toString(), '<!doctype html><title>Our own</title>');
        assert.equal(r.headers['content-type'], 'text/html; charset=utf-8');
      } finally {
        await own.close();
      }
    });

    it('answers a file path with a trailing slash as not found', async () => {
      assert.equal((await fetchRaw(url, `/${AUDIO}/`)).status, 404);
    });

    it('sends an empty file as an empty 200', async () => {
      const r = await fetchRaw(url, '/s/empty.txt', { headers: { Range: 'bytes=0-1' } });
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-length'], '0');
    });

    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      it(`refuses ${method} with 405 and Allow: GET, HEAD`, async () => {
        const r = await fetchRaw(url, '/s/intro/', { method });
        assert.equal(r.status, 405);
        assert.equal(r.headers.allow, 'GET, HEAD');
      });
    }
  });

  describe('nothing outside the folder', () => {
    const attempts = [
      '/../outside/secret.txt',
      '/s/../../outside/secret.txt',
      '/%2e%2e/outside/secret.txt',
      '/%2E%2E/%2E%2E/etc/passwd',
      '/s/%2e%2e/%2e%2e/outside/secret.txt',
      '/..%2foutside%2fsecret.txt',
      '/s/..%2F..%2Foutside/secret.txt',
      '/%252e%252e/outside/secret.txt',
      '/%25252e%25252e/outside/secret.txt',
      '/..%5coutside%5csecret.txt',
      '/s/..\\..\\outside\\secret.txt',
      '/.%2e/outside/secret.txt',
      '/%c0%ae%c0%ae/outside/secret.txt',
      '/s/leak.txt',
      '/s/leakdir/secret.txt',
      '/s/leakdir/',
      '/.git/config',
      '/%2egit/config',
      '/s/./../../outside/secret.txt',
      '//etc/passwd',
      '/etc/passwd',
      `/${AUDIO}%00.html`,
      '/%00',
      'http://127.0.0.1/../outside/secret.txt',
    ];
    for (const path of attempts) {
      it(`refuses ${path} with a 4xx that leaks nothing`, async () => {
        const raw = await sendRaw(url, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
        const status = statusOf(raw);
        assert.ok(status >= 400 && status < 500, `status ${status}`);
        assert.ok(!raw.includes(SECRET), 'secret leaked');
        assert.ok(!raw.includes('root:x:0:0'), '/etc/passwd leaked');
      });
    }

    it('refuses over-long URLs with 414', async () => {
      const r = await fetchRaw(url, '/' + 'a'.repeat(5000));
      assert.equal(r.status, 414);
    });
  });

  describe('malformed requests', () => {
    it('answers bad percent-encoding with 400', async () => {
      for (const path of ['/%zz', '/s/%E0%A4%A', '/%']) {
        assert.equal((await fetchRaw(url, path)).status, 400, path);
      }
    });

    it('answers a garbage request line with 400 and keeps serving', async () => {
      const raw = await sendRaw(url, 'THIS IS NOT HTTP\r\n\r\n');
      assert.equal(statusOf(raw), 400);
      const again = await sendRaw(url, 'GARBAGE\x00\x01\x02 / HTTP/9.9\r\n\r\n');
      assert.equal(statusOf(again), 400);
      assert.equal((await fetchRaw(url, '/s/intro/')).status, 200);
    });

    it('answers a request with a broken header with 400', async () => {
      const raw = await sendRaw(url, 'GET / HTTP/1.1\r\nHost: x\r\nBad Header Without Colon\r\n\r\n');
      assert.equal(statusOf(raw), 400);
    });

    it('answers oversized headers with 431', async () => {
      const raw = await sendRaw(url, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      assert.equal(statusOf(raw), 431);
    });

    it('stays healthy when a client hangs up in the middle of a download', async () => {
      const address = new URL(url);
      for (let i = 0; i < 5; i++) {
        await new Promise<void>((resolve, reject) => {
          const req = request({ host: address.hostname, port: address.port, path: '/s/audio/big-0123abcd.mp3', agent: false }, (res) => {
            res.once('data', () => {
              req.destroy();
              resolve();
            });
          });
          req.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? resolve() : reject(err)));
          req.end();
        });
      }
      const r = await fetchRaw(url, `/${AUDIO}`, { headers: { Range: 'bytes=0-1' } });
      assert.equal(r.status, 206);
      const big = await fetchRaw(url, '/s/audio/big-0123abcd.mp3', { headers: { Range: 'bytes=-3' } });
      assert.deepEqual(big.body, Buffer.from([7, 7, 7]));
    });
  });
});
