import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen } from '../serve/loopback.fixture.js';
import { readSource } from './read.js';
import { SourceError } from './source.js';

const fixture = (name: string) => readFile(new URL(`../../src/sources/fixtures/${name}`, import.meta.url));

describe('readSource on http addresses (a real server on loopback)', () => {
  let server: { url: string; close(): Promise<void> };
  /** How many bytes the endless route had written when the client went away. */
  let endlessSent = 0;
  const pending = new Set<NodeJS.Timeout>();

  before(async () => {
    const html = await fixture('chinchilla.html');
    const pdf = await fixture('chinchilla.pdf');
    const md = await fixture('chinchilla.md');
    const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
      '/article': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html),
      '/paper': (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end(pdf),
      '/download': (_req, res) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(pdf),
      '/notes.md': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(md),
      '/latin': (_req, res) =>
        res.writeHead(200, { 'content-type': 'text/plain; charset=ISO-8859-1' }).end(Buffer.from('caf\xe9 au lait', 'latin1')),
      '/image': (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50])),
      '/missing': (_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<p>Not here</p>'),
      '/hop': (_req, res) => res.writeHead(302, { location: '/hop2' }).end(),
      '/hop2': (_req, res) => res.writeHead(301, { location: `${server.url}/article` }).end(),
      '/loop': (req, res) => {
        const n = Number(new URL(req.url!, server.url).searchParams.get('n') ?? 0);
        res.writeHead(307, { location: `/loop?n=${n + 1}` }).end();
      },
      '/big': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(64 * 1024) });
        res.end(Buffer.alloc(64 * 1024, 'a'));
      },
      // Sends forever without a length: the client must stop it once past its limit.
      '/endless': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = Buffer.alloc(4096, 'b');
        const pump = () => {
          while (res.write(chunk)) endlessSent += chunk.length;
          endlessSent += chunk.length;
        };
        res.on('drain', pump);
        res.on('close', () => res.off('drain', pump));
        pump();
      },
      '/slow': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('The first part arrives, ');
        const timer = setTimeout(() => res.end('and the rest far too late.'), 5_000);
        pending.add(timer);
      },
    };
    server = await listen((req, res) => {
      const route = routes[new URL(req.url!, 'http://x').pathname];
      if (route) route(req, res);
      else res.writeHead(500).end();
    });
  });
  after(async () => {
    for (const timer of pending) clearTimeout(timer);
    await server.close();
  });

  it('reads an HTML article by its content type, title from the page', async () => {
    const source = await readSource(`${server.url}/article`);
    assert.equal(source.kind, 'html');
    assert.equal(source.address, `${server.url}/article`);
    assert.equal(source.title, 'Chinchilla and compute-optimal training');
    assert.match(source.text, /1\.4 trillion tokens/);
    assert.doesNotMatch(source.text, /Subscribe/);
  });

  it('reads a PDF by its content type, and one sent as octet-stream by its bytes', async () => {
    for (const path of ['/paper', '/download']) {
      const source = await readSource(`${server.url}${path}`);
      assert.equal(source.kind, 'pdf');
      assert.equal(source.bytes, (await fixture('chinchilla.pdf')).byteLength);
      assert.match(source.text, /trained on 1\.4T tokens/);
    }
  });

  it('reads Markdown served as plain text when the address ends in .md', async () => {
    const source = await readSource(`${server.url}/notes.md`);
    assert.equal(source.kind, 'markdown');
    assert.equal(source.title, 'Notes on the Chinchilla scaling law');
  });

  it('decodes text in the charset the server names', async () => {
    const source = await readSource(`${server.url}/latin`);
    assert.deepEqual([source.kind, source.text, source.title], ['text', 'café au lait', 'latin']);
  });

  it('follows redirects and keeps the address the user gave', async () => {
    const source = await readSource(`${server.url}/hop`);
    assert.equal(source.address, `${server.url}/hop`);
    assert.equal(source.title, 'Chinchilla and compute-optimal training');
  });

  it('gives up after five redirects', async () => {
    await assert.rejects(readSource(`${server.url}/loop`), {
      name: 'SourceError',
      message: `${server.url}/loop: more than 5 redirects — give the address the page finally lives at`,
    });
  });

  it('names the status when the server answers with an error', async () => {
    await assert.rejects(readSource(`${server.url}/missing`), {
      message: `${server.url}/missing: the server answered 404 Not Found — check the address, or save the page as a file and give that`,
    });
  });

  it('refuses content that is not a document', async () => {
    await assert.rejects(readSource(`${server.url}/image`), { message: /: the server sent image\/png, not HTML, PDF, Markdown or plain text/ });
  });

  it('refuses a body over the size limit from its declared length', async () => {
    await assert.rejects(readSource(`${server.url}/big`, { fetchLimits: { maxBytes: 32 * 1024, timeoutMs: 5_000 } }), {
      message: `${server.url}/big: larger than the 32 KB limit — save the part you need as a file and give that`,
    });
  });

  it('stops an endless body as soon as it passes the size limit', async () => {
    const started = Date.now();
    await assert.rejects(readSource(`${server.url}/endless`, { fetchLimits: { maxBytes: 256 * 1024, timeoutMs: 10_000 } }), (error: Error) => {
      assert.ok(error instanceof SourceError);
      assert.match(error.message, /larger than the 256 KB limit/);
      return true;
    });
    assert.ok(Date.now() - started < 5_000, 'stopped long before the time limit');
    // The server fills socket buffers ahead of the reader, but nowhere near an unbounded amount.
    assert.ok(endlessSent < 16 * 1024 * 1024, `server sent ${endlessSent} bytes`);
  });

  it('gives up on a slow server at the time limit', async () => {
    const started = Date.now();
    await assert.rejects(readSource(`${server.url}/slow`, { fetchLimits: { maxBytes: 1024, timeoutMs: 300 } }), {
      message: `${server.url}/slow: no complete answer within 0.3 s — try again later, or save the page as a file and give that`,
    });
    const took = Date.now() - started;
    assert.ok(took >= 250 && took < 3_000, `took ${took} ms`);
  });

  it('says when nothing answers at the address', async () => {
    const closed = await listen((_req, res) => res.end());
    const url = `${closed.url}/gone`;
    await closed.close();
    await assert.rejects(readSource(url), { message: new RegExp(`^${url.replace(/[.]/g, '\\.')}: could not be fetched \\(.*ECONNREFUSED.*\\) — check the address`) });
  });
});
