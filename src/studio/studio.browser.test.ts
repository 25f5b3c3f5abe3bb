/**
 * The studio end to end in a real Chromium, against a local OpenAI-compatible model server on
 * loopback and the real job store: topic → outline edited (a title changed, episodes reordered) →
 * scripts written → one script edited by hand (its review redrawn) → voiced → the series plays in
 * the library and its feed parses with podcast-partytime. Every studio page passes axe, light and dark.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { getRequestListener } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parseFeed } from 'podcast-partytime';
import { startServer, type RunningServer } from '../serve/server.js';
import { writerReplies } from '../testkit/writer.js';
import { startModelServer, type ModelServer } from '../write/model/server.js';
import { createStudio, type Studio } from './app.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const missing = existsSync(CHROMIUM) ? undefined : `Chromium not found at ${CHROMIUM}`;
const require = createRequire(import.meta.url);
declare const window: Record<string, unknown>;
declare const document: { querySelector(s: string): { currentTime: number; play(): Promise<void>; muted: boolean } | null };

describe('studio in Chromium', { skip: missing ?? false, timeout: 10 * 60_000 }, () => {
  let root: string;
  let model: ModelServer;
  let studio: Studio;
  let server: RunningServer;
  let browser: Browser;
  let axeSource: string;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'ninety-studio-e2e-'));
    await mkdir(join(root, 'out'));
    model = await startModelServer({ respond: writerReplies() });
    // The steps run in this process and read the model's settings from its environment, as the server does.
    process.env.NINETY_LLM_BASE_URL = model.baseUrl;
    process.env.NINETY_LLM_MODEL = 'test-model';
    studio = createStudio({
      seriesRoot: join(root, 'series'),
      outDir: join(root, 'out'),
      dataDir: join(root, '.ninety'),
    });
    server = await startServer({ root: join(root, 'out'), port: 0, studio: getRequestListener(studio.app.fetch) });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'] });
    axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await studio?.close();
    await model?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  async function axe(path: string): Promise<void> {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${server.url}${path}`);
      await page.addScriptTag({ content: axeSource });
      const result = (await page.evaluate(() => (window.axe as { run(): Promise<unknown> }).run())) as {
        violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
      };
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), [], `axe on ${path} (${colorScheme})`);
      await context.close();
    }
  }

  const status = (page: Page) => page.locator('#job-status');

  it('writes, edits, voices and publishes a series that plays in the library', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${server.url}/studio/`);
    await axe('/studio/');
    await page.fill('#topic', 'bread scoring');
    await page.fill('#episodes', '3');
    await page.fill('#seconds', '20');
    await page.click('button:has-text("Write the outline")');

    // The outline arrives (the page reloads itself when the job is done).
    await page.waitForSelector('#title-3', { timeout: 120_000 });
    assert.match(await page.locator('#job-status').textContent() ?? '', /Writing the outline: done/);
    await page.fill('#title-1', 'Why score bread at all');
    await page.waitForSelector('.studio-saved:has-text("Saved.")');
    await page.click('button[value="down:0"]');
    await page.waitForLoadState('load');
    assert.equal(await page.inputValue('#title-2'), 'Why score bread at all');
    await page.click('button[value="delete:2"]');
    await page.waitForLoadState('load');
    assert.equal(await page.locator('input[name="title"]').count(), 2);
    await axe(new URL(page.url()).pathname);

    // Scripts stream in, one by one, into the episode list.
    await page.click('button:has-text("Write the missing scripts")');
    await page.waitForFunction(() => [...(globalThis as unknown as { document: { querySelectorAll(s: string): { textContent: string }[] } }).document.querySelectorAll('.studio-script-state')].every((e) => e.textContent.startsWith('script written')), undefined, { timeout: 120_000 });
    await status(page).filter({ hasText: 'Writing the scripts: done.' }).waitFor({ timeout: 60_000 });

    // One script edited by hand: saved as typed, its length and findings redrawn.
    await page.click('a:has-text("Edit script") >> nth=1');
    await page.waitForSelector('#script');
    const episodePath = new URL(page.url()).pathname;
    const script = 'Scoring lets the loaf open where you choose. A shallow cut at a low angle makes an ear. A deep straight cut lets it rise evenly. Practice on a few loaves and watch what changes.';
    await page.fill('#script', `${script} See https://example.com for more.`);
    await page.locator('#review-findings').filter({ hasText: /address|URL|link/i }).waitFor({ timeout: 30_000 });
    await page.fill('#script', script);
    await page.locator('#review-length').filter({ hasText: /About \d+ seconds against a target of 20 \(3\d words\)/ }).waitFor({ timeout: 30_000 });
    await page.waitForSelector('.studio-saved:has-text("Saved.")');
    await axe(episodePath);

    // Voiced and published.
    await page.click('button:has-text("Voice and publish")');
    await status(page).filter({ hasText: 'Voicing and publishing: done.' }).waitFor({ timeout: 240_000 });
    // Reordered, not renamed: the first file of the outline is now episode 2, the one edited.
    const saved = await readFile(join(root, 'series', 'bread-scoring', 'episodes', '01-foundations.md'), 'utf8');
    assert.match(saved, /^number: 2$/m);
    assert.ok(saved.endsWith(`---\n${script}\n`), 'the script as last typed is what was saved');

    await page.goto(`${server.url}/`);
    await page.click('a:has-text("A Short Course in Bread Scoring")');
    const episodeLink = page.locator('a:has-text("Why score bread at all")').first();
    await episodeLink.click();
    await page.waitForSelector('audio', { state: 'attached' });
    await page.evaluate(() => {
      const audio = document.querySelector('audio')!;
      audio.muted = true;
      return audio.play();
    });
    await page.waitForFunction(() => document.querySelector('audio')!.currentTime > 0.5, undefined, { timeout: 30_000 });
    const transcript = await page.textContent('main');
    assert.match(transcript ?? '', /A shallow cut at a low angle makes an ear/);

    const feed = parseFeed(await (await fetch(`${server.url}/bread-scoring/feed.xml`)).text());
    assert.ok(feed, 'partytime parses the feed');
    assert.equal(feed.items.length, 2);
    assert.ok(feed.items.every((item) => item.enclosure?.url.endsWith('.mp3')));
    assert.deepEqual(errors, []);
    await context.close();
  });
});
