/**
 * The studio end to end in a real Chromium, against a local OpenAI-compatible model server on
 * loopback and the real job store: topic → outline edited (a title changed, episodes reordered) →
 * scripts written → one script edited by hand (its review redrawn) → a rewrite with a note that
 * fails, shown with its reason, and is retried with the Retry button (one model call) → voiced →
 * the series plays in the library and its feed parses with podcast-partytime. The outline's episodes
 * shown as the model streams them, before its answer is finished. And without a model:
 * the CLI's words on the first page, a series written by hand, voiced, one episode edited and voiced
 * again with only that one spoken. Every studio page passes axe, light and dark.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { getRequestListener } from '@hono/node-server';
import type { Page } from 'playwright-core';
import { parseFeed } from 'podcast-partytime';
import { startServer, type RunningServer } from '../serve/server.js';
import { chromiumMissing, playsInPage, startBrowserStudio, type BrowserStudio } from '../testkit/studio-browser.js';
import { createStudio } from './app.js';

const require = createRequire(import.meta.url);
declare const window: Record<string, unknown>;

describe('studio in Chromium', { skip: chromiumMissing ?? false, timeout: 10 * 60_000 }, () => {
  let s: BrowserStudio;
  let axeSource: string;
  /** The same studio, its pages rendered for a server with no model configured. */
  let bare: RunningServer;

  before(async () => {
    s = await startBrowserStudio();
    const root = s.root;
    // It shares the job store and its runner (one PGlite folder is one process's), so it is never closed itself.
    const withoutModel = createStudio({ seriesRoot: join(s.root, 'series'), outDir: join(s.root, 'out'), dataDir: join(s.root, '.ninety'), env: {}, jobs: s.studio.jobs });
    bare = await startServer({ root: join(s.root, 'out'), port: 0, studio: getRequestListener(withoutModel.app.fetch) });
    axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  });
  after(async () => {
    await bare?.close();
    await s?.close();
  });

  async function axe(path: string, at: RunningServer = s.server): Promise<void> {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await s.browser.newContext({ colorScheme, bypassCSP: true });
      const page = await context.newPage();
      page.setDefaultTimeout(90_000);
      await page.goto(`${at.url}${path}`);
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
    const { page, context, errors } = await s.newPage();
    await page.goto(`${s.server.url}/studio/`);
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
    await page.locator('#review-findings').filter({ hasText: /address|URL|link/i }).waitFor({ timeout: 60_000 });
    await page.fill('#script', script);
    await page.locator('#review-length').filter({ hasText: /About \d+ seconds against a target of 20 \(3\d words\)/ }).waitFor({ timeout: 60_000 });
    await page.waitForSelector('.studio-saved:has-text("Saved.")');
    await axe(episodePath);

    // A rewrite the model refuses: failed, with the reason and a Retry button; retried, one call with the note.
    await page.goto(`${s.server.url}/studio/series/bread-scoring/episodes/1`);
    s.answer = () => ({ refusal: 'I would rather not.' });
    try {
      await page.fill('#note', 'with a sourdough example');
      await page.click('button:has-text("Rewrite with this note")');
      await status(page).filter({ hasText: /^Rewriting an episode failed: episode 1 .*declined.*I would rather not/ }).waitFor({ timeout: 60_000 });
    } finally {
      s.answer = s.good;
    }
    const calls = s.model.requests.length;
    await page.click('button:has-text("Retry")');
    await status(page).filter({ hasText: 'Rewriting an episode: done.' }).waitFor({ timeout: 60_000 });
    assert.equal(s.model.requests.length - calls, 1, 'the rewrite asks the model once');
    assert.match(s.model.requests.at(-1)!.messages.map((m) => m.content).join('\n'), /What to change: with a sourdough example/);
    assert.equal(await page.locator('button:has-text("Retry")').isVisible(), false);

    // Voiced and published.
    await page.click('button:has-text("Voice and publish")');
    await status(page).filter({ hasText: 'Voicing and publishing: done.' }).waitFor({ timeout: 240_000 });
    // Reordered, not renamed: the first file of the outline is now episode 2, the one edited.
    const saved = await readFile(join(s.root, 'series', 'bread-scoring', 'episodes', '01-foundations.md'), 'utf8');
    assert.match(saved, /^number: 2$/m);
    assert.ok(saved.endsWith(`---\n${script}\n`), 'the script as last typed is what was saved');

    await page.goto(`${s.server.url}/`);
    await page.click('a:has-text("A Short Course in Bread Scoring")');
    const episodeLink = page.locator('a:has-text("Why score bread at all")').first();
    await episodeLink.click();
    await playsInPage(page);
    const transcript = await page.textContent('main');
    assert.match(transcript ?? '', /A shallow cut at a low angle makes an ear/);

    const feed = parseFeed(await (await fetch(`${s.server.url}/bread-scoring/feed.xml`)).text());
    assert.ok(feed, 'partytime parses the feed');
    assert.equal(feed.items.length, 2);
    assert.ok(feed.items.every((item) => item.enclosure?.url.endsWith('.mp3')));
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('shows each outline episode as the model writes it, announced politely, and again after a reload', async () => {
    const { page, context, errors } = await s.newPage();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // The outline is sent up to the end of its first episode; the rest waits for the test.
    s.answer = (request) => {
      const reply = s.good(request);
      if (!('json' in reply) || !(reply.json as { episodes?: unknown }).episodes) return reply;
      return { ...reply, stream: { holdAt: JSON.stringify(reply.json).indexOf('}') + 1, release: released } };
    };
    try {
      await page.goto(`${s.server.url}/studio/`);
      await page.fill('#topic', 'coffee roasting');
      await page.fill('#episodes', '3');
      await page.fill('#seconds', '20');
      await page.click('button:has-text("Write the outline")');
      const draft = page.locator('#outline-draft');
      await draft.locator('li').first().filter({ hasText: 'Foundations: step 1 of 3' }).waitFor({ timeout: 120_000 });
      assert.equal(await draft.getAttribute('aria-live'), 'polite');
      assert.equal(await draft.locator('li').count(), 1, 'only the first episode has arrived');
      assert.match(await draft.textContent() ?? '', /What foundations means for coffee roasting, with one worked example\./);
      assert.equal(await status(page).getAttribute('data-state'), 'running', 'the model has not finished the answer');
      assert.equal(s.model.requests.at(-1)?.streamed, true);
      // A reload shows what has arrived so far, from the job's progress.
      await page.reload();
      await draft.locator('li').filter({ hasText: 'Foundations: step 1 of 3' }).waitFor();
      assert.equal(await draft.locator('li').count(), 1);
      await axe(new URL(page.url()).pathname);
    } finally {
      release();
      s.answer = s.good;
    }
    // The rest of the answer arrives; the page reloads itself into the outline's form.
    await page.waitForSelector('#title-3', { timeout: 120_000 });
    assert.equal(await page.inputValue('#title-1'), 'Foundations');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('without a model, says what to set, and a series written by hand is voiced; an edit speaks only that episode again', async () => {
    const { page, context, errors } = await s.newPage();
    await page.goto(`${bare.url}/studio/`);
    await page.locator('.studio-notice').filter({ hasText: /^No language model is configured: set NINETY_LLM_BASE_URL and NINETY_LLM_MODEL, e\.g\./ }).waitFor();
    assert.equal(await page.locator('#topic').count(), 0, 'no form asks for a topic');
    await page.fill('#hand-title', 'Knife Skills');
    await page.fill('#hand-episodes', '2');
    await page.fill('#hand-seconds', '20');
    await page.click('button:has-text("Create the series")');
    await page.waitForSelector('#title-2');
    assert.equal(await page.locator('button:has-text("Write the missing scripts")').count(), 0);
    await page.fill('#title-1', 'Holding the knife');
    await page.waitForSelector('.studio-saved:has-text("Saved.")');

    const scripts = [
      'Hold the handle with three fingers and pinch the blade with your thumb and first finger. The pinch steers the knife. Keep your other hand curled like a claw, so the knuckles guide the blade and the fingertips stay back.',
      'A sharp knife is a safe knife. It goes where you push it instead of slipping off the skin of a tomato. Hone the edge before each use, and sharpen it on a stone a few times a year.',
    ];
    for (const [i, script] of scripts.entries()) {
      await page.goto(`${bare.url}/studio/series/knife-skills/episodes/${i + 1}`);
      await page.fill('#script', script);
      await page.fill('#sources', 'Knife skills | https://example.com/knives\nKitchen safety | https://example.com/safety');
      await page.waitForSelector('.studio-saved:has-text("Saved.")');
    }
    await page.click('button:has-text("Voice and publish")');
    await status(page).filter({ hasText: 'Voicing and publishing: done. 2 episodes spoken, 0 from the cache.' }).waitFor({ timeout: 240_000 });

    // One episode edited and voiced again: the build says one was spoken, the other came from the cache.
    await page.goto(`${bare.url}/studio/series/knife-skills/episodes/1`);
    await page.fill('#script', `${scripts[0]} Slow is smooth, and smooth becomes fast.`);
    await page.waitForSelector('.studio-saved:has-text("Saved.")');
    await page.click('button:has-text("Voice and publish")');
    await status(page).filter({ hasText: 'Voicing and publishing: done. 1 episode spoken, 1 from the cache.' }).waitFor({ timeout: 240_000 });
    // The episode keeps the id the outline gave it, whatever its title became.
    assert.match(await readFile(join(s.root, 'out', 'knife-skills', 'episode-1', 'index.html'), 'utf8'), /Slow is smooth, and smooth becomes fast\./);
    await axe('/studio/', bare);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
