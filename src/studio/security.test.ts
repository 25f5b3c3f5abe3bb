/**
 * The studio's safety rules over real HTTP on loopback: the token, cross-site writes, uploads (size,
 * kind, names), user text never rendered as markup, and a flood of generation requests that is
 * refused while the site goes on being served.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { getRequestListener } from '@hono/node-server';
import { startServer, type RunningServer } from '../serve/server.js';
import { studioAccess } from './access.js';
import { createStudio, type Studio } from './app.js';
import type { StudioJobs } from './studio-jobs.js';
import { studioClient } from '../testkit/studio.js';

const TOKEN = 'a-long-enough-test-token-0123456789';
const MODEL_ENV = { NINETY_LLM_BASE_URL: 'http://127.0.0.1:9/v1', NINETY_LLM_MODEL: 'test-model' };

function fakeJobs(queued: { kind: string; payload: unknown }[]): StudioJobs {
  return {
    enqueue: async (kind, payload) => String(queued.push({ kind, payload })),
    latest: async () => undefined,
    get: async () => undefined,
    cancel: async () => undefined,
    retry: async () => undefined,
    isReady: () => true,
    close: async () => undefined,
  };
}

describe('studio safety', () => {
  let root: string;
  let server: RunningServer;
  let studio: Studio;
  const queued: { kind: string; payload: unknown }[] = [];

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'ninety-studio-safety-'));
    await mkdir(join(root, 'out'), { recursive: true });
    await writeFile(join(root, 'out', 'index.html'), '<!doctype html><title>Library</title><p>library</p>');
    studio = createStudio({
      seriesRoot: join(root, 'series'),
      outDir: join(root, 'out'),
      dataDir: join(root, '.ninety'),
      token: TOKEN,
      env: MODEL_ENV,
      jobs: fakeJobs(queued),
      rate: { burst: 5, perMinute: 5 },
    });
    server = await startServer({ root: join(root, 'out'), port: 0, studio: getRequestListener(studio.app.fetch) });
  });
  after(async () => {
    await server?.close();
    await studio?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('refuses to start on a non-loopback address without NINETY_TOKEN, and starts with one', () => {
    assert.match((studioAccess('0.0.0.0', {}) as { problem: string }).problem, /set NINETY_TOKEN/);
    assert.deepEqual(studioAccess('0.0.0.0', { NINETY_TOKEN: TOKEN }), { token: TOKEN });
    assert.deepEqual(studioAccess('127.0.0.1', {}), {});
    assert.deepEqual(studioAccess('::1', {}), {});
    assert.match((studioAccess('0.0.0.0', { NINETY_TOKEN: 'short' }) as { problem: string }).problem, /too short/);
  });

  it('answers a studio request without the token with 401, and the site stays public', async () => {
    const studioPage = await fetch(`${server.url}/studio/`);
    assert.equal(studioPage.status, 401);
    assert.doesNotMatch(await studioPage.text(), new RegExp(TOKEN));
    assert.equal((await fetch(`${server.url}/studio/?token=wrong-token-of-some-length`)).status, 401);
    assert.equal((await fetch(`${server.url}/`)).status, 200);
    assert.equal((await fetch(`${server.url}/studio/`, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 200);
  });

  it('keeps the strict Content-Security-Policy on studio pages', async () => {
    const c = await studioClient(server.url, TOKEN);
    const page = await c.get('/studio/');
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.equal(page.headers.get('cache-control'), 'no-store');
  });

  it('refuses a cross-origin POST even with a valid form token, and a same-origin POST without one', async () => {
    const c = await studioClient(server.url, TOKEN);
    const form = () => new URLSearchParams({ _csrf: c.csrf, title: 'Cross site' });
    assert.equal((await c.post('/studio/handwritten', form(), { origin: 'http://evil.example' })).status, 403);
    assert.equal((await c.post('/studio/handwritten', new URLSearchParams({ title: 'No token' }))).status, 403);
    assert.equal((await c.post('/studio/handwritten', new URLSearchParams({ title: 'Bad token', _csrf: '0'.repeat(64) }))).status, 403);
    assert.deepEqual(await readdir(join(root, 'series')).catch(() => []), []);
  });

  it('refuses an oversized upload with 413 and stores nothing', async () => {
    const c = await studioClient(server.url, TOKEN);
    const form = new FormData();
    form.set('_csrf', c.csrf);
    form.set('topic', 'big files');
    form.set('files', new File([new Uint8Array(6 * 1024 * 1024).fill(65)], 'big.txt', { type: 'text/plain' }));
    const response = await c.post('/studio/series', form);
    assert.equal(response.status, 413);
    assert.match(await response.text(), /larger than 5 MB/);
    assert.deepEqual(await readdir(join(root, '.ninety', 'uploads')).catch(() => []), []);
    const huge = new FormData();
    huge.set('_csrf', c.csrf);
    huge.set('files', new File([new Uint8Array(50 * 1024 * 1024)], 'huge.txt'));
    assert.equal((await c.post('/studio/series', huge)).status, 413);
  });

  it('stores an upload in a folder of a generated name under its plain file name, whatever path its name holds, and refuses a file that is not what it says', async () => {
    const c = await studioClient(server.url, TOKEN);
    const form = new FormData();
    form.set('_csrf', c.csrf);
    form.set('topic', 'paths in names');
    form.set('files', new File(['Some notes on baking.\n'], '../../../escaped.txt', { type: 'text/plain' }));
    assert.equal((await c.post('/studio/series', form)).status, 303);
    const stored = await readdir(join(root, '.ninety', 'uploads'));
    assert.equal(stored.length, 1);
    assert.match(stored[0]!, /^[0-9a-f-]{36}$/);
    assert.deepEqual(await readdir(join(root, '.ninety', 'uploads', stored[0]!)), ['escaped.txt']);
    assert.deepEqual((await readdir(root)).filter((n) => n.includes('escaped')), []);
    const payload = queued.at(-1)!.payload as { sources: string[] };
    assert.equal(payload.sources[0], join(root, '.ninety', 'uploads', stored[0]!, 'escaped.txt'));

    const fake = new FormData();
    fake.set('_csrf', c.csrf);
    fake.set('topic', 'not a pdf');
    fake.set('files', new File(['hello'], 'paper.pdf'));
    const refused = await c.post('/studio/series', fake);
    assert.equal(refused.status, 400);
    assert.match(await refused.text(), /paper\.pdf is not what its name says/);
  });

  it('shows HTML in a topic or title as text, never as markup', async () => {
    const c = await studioClient(server.url, TOKEN);
    const title = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const made = await c.post('/studio/handwritten', new URLSearchParams({ _csrf: c.csrf, title, episodes: '1' }));
    assert.equal(made.status, 303);
    const page = await (await c.get(made.headers.get('location')!)).text();
    assert.match(page, /&lt;img src=x onerror=alert\(1\)&gt;&lt;script&gt;alert\(2\)&lt;\/script&gt;/);
    assert.doesNotMatch(page, /<img src=x|<script>alert/);
    const home = await (await c.get('/studio/')).text();
    assert.doesNotMatch(home, /<script>alert/);
  });

  it('answers a flood of generation requests with 429 while the site and the studio pages are still served', async () => {
    const c = await studioClient(server.url, TOKEN);
    const made = await c.post('/studio/handwritten', new URLSearchParams({ _csrf: c.csrf, title: 'Flooded', episodes: '1' }));
    const path = `${made.headers.get('location')!}/voice`;
    const flood = Array.from({ length: 200 }, () => c.post(path, new URLSearchParams({ _csrf: c.csrf })).then((r) => r.status));
    const started = Date.now();
    const site = await fetch(`${server.url}/`);
    assert.equal(site.status, 200);
    const statuses = await Promise.all(flood);
    assert.ok(Date.now() - started < 30_000);
    assert.ok(statuses.filter((s) => s === 303).length <= 6, `at most the burst is queued: ${statuses.filter((s) => s === 303).length}`);
    assert.ok(statuses.filter((s) => s === 429).length >= 190);
    assert.equal((await c.get('/studio/')).status, 200);
  });
});
