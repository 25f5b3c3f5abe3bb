/**
 * The website in a real Chromium: a small built site (real MP3s) served by the project's
 * server, the player driven like a listener would, accessibility checked with axe-core in
 * light and dark mode, screenshots written to /tmp/ninety-shots/ and checked (size, no sideways
 * overflow, the page's own background, dark or light as asked), and the episode page's weight
 * measured (gzip bytes of HTML + CSS + JS).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync, inflateSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../serve/server.js';
import { buildFixture, writeFiles, writeFixtureSite, type FixtureSite } from './pages/fixture.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = '/tmp/ninety-shots';
const PAGE_BUDGET_BYTES = 50 * 1024;
const require = createRequire(import.meta.url);

// Names used inside functions that run in the page. Declared here, in this module only, so
// the Node-side program does not take in the whole DOM library.
interface AudioLike {
  currentTime: number;
  duration: number;
  playbackRate: number;
  muted: boolean;
  controls: boolean;
  pause(): void;
  play(): Promise<void>;
}
interface ElementLike {
  dataset: Record<string, string | undefined>;
}
declare const document: {
  querySelector(selector: string): (AudioLike & ElementLike & { textContent: string | null }) | null;
  documentElement: { scrollWidth: number };
  body: object;
};
declare function getComputedStyle(element: object): { backgroundColor: string };
declare const window: Record<string, unknown>;
declare const navigator: object;
declare const localStorage: { setItem(key: string, value: string): void };
declare function getComputedStyle(element: unknown): { borderLeftColor: string };

// On CI a missing browser is a failure, not a skip: .ci/run installs it. Elsewhere the browser
// tests skip and say why. CHROMIUM_PATH names another browser (or a missing one, to see both).
const ON_CI = !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase());
const missing = existsSync(CHROMIUM) ? undefined : `Chromium not found at ${CHROMIUM}`;

it('finds Chromium for the browser tests', { skip: missing && !ON_CI ? `${missing}; the browser tests are skipped` : false }, () => {
  if (missing) {
    assert.fail(`${missing}. On CI (CI=${process.env.CI}) the browser tests must run: install chromium (.ci/run does) or set CHROMIUM_PATH.`);
  }
});

// A guard against a hung browser, not a speed target: each step has its own shorter timeout, and
// on a busy two-core machine the whole suite has taken over three minutes. Node 22 and later
// enforce a suite's timeout (Node 20 did not), so it must allow for that.
const SUITE_TIMEOUT_MS = 10 * 60_000;

describe('website in Chromium', { skip: missing ?? false, timeout: SUITE_TIMEOUT_MS }, () => {
  let site: FixtureSite;
  let server: RunningServer;
  let browser: Browser;
  let root = '';
  let axeSource = '';

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'ninety-site-'));
    site = await writeFixtureSite(root, { seconds: 40 });
    // A two-host series beside it (its own folder only: the library stays the first site's).
    const talk = await buildFixture({ seconds: 40, dialogue: true });
    await writeFiles(root, talk.files.filter((f) => f.path.startsWith('sound-talk/')));
    server = await startServer({ root, port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--autoplay-policy=no-user-gesture-required',
      ],
    });
    axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    await mkdir(SHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  const slug = (): string => site.built.series.slug;
  const url = (path: string): string => `${server.url}/${path}`;

  async function open(path: string, context?: BrowserContext): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
    const ctx = context ?? (await browser.newContext());
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(url(path));
    return { page, context: ctx, errors };
  }

  const currentTime = (page: Page): Promise<number> => page.$eval('audio', (a) => (a as unknown as AudioLike).currentTime);

  /** Waits until the audio's current time lies in [min, max]. */
  async function waitForTime(page: Page, min: number, max = Infinity): Promise<void> {
    await page.waitForFunction(
      ([lo, hi]) => {
        const t = document.querySelector('audio')!.currentTime;
        return t >= lo! && t <= hi!;
      },
      [min, max === Infinity ? 1e9 : max],
      { timeout: 20_000 },
    );
  }

  async function pauseAt(page: Page, seconds: number): Promise<void> {
    await page.$eval(
      'audio',
      (a, s) => {
        const audio = a as unknown as AudioLike;
        audio.pause();
        audio.currentTime = s;
      },
      seconds,
    );
    await waitForTime(page, seconds - 0.05, seconds + 0.05);
  }

  it('renders the series page like the seed page, newest first, with the feed linked', async () => {
    const { page, context, errors } = await open(`${slug()}/`);
    assert.equal(await page.textContent('h1'), 'Sound & Compression');
    assert.equal(await page.textContent('.series-line'), '3 episodes — 90-second audio overviews on digital audio.');
    const numbers = await page.$$eval('#episodes > li', (items) => items.map((li) => (li as unknown as ElementLike).dataset.number));
    assert.deepEqual(numbers, ['3', '2', '1']);
    assert.equal(await page.textContent('#episodes > li:last-child .episode-title'), 'Sampling — turning sound into numbers');
    assert.equal(await page.getAttribute('link[rel="alternate"][type="application/rss+xml"]', 'href'), 'feed.xml');
    assert.equal(await page.getAttribute('a.button:has-text("Subscribe")', 'href'), 'feed.xml');
    assert.equal(await page.getAttribute('a:has-text("Play from episode 1")', 'href'), 'sampling/?autoplay=1');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('keeps the episode page readable and playable without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const { page } = await open(`${slug()}/sampling/`, context);
    assert.equal(await page.getAttribute('audio', 'preload'), 'metadata');
    assert.equal(await page.$eval('audio', (a) => (a as unknown as AudioLike).controls), true);
    assert.ok(await page.isVisible('audio'));
    const cues = await page.$$eval('.cue', (els) => els.map((e) => e.textContent));
    assert.equal(cues[0], 'Sound is a wave of pressure.');
    assert.ok(await page.isVisible('.cue'));
    assert.equal(await page.$('.player-ui'), null);
    await context.close();
  });

  it("shows the episode's figure, its caption and its numbers without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const { page } = await open(`${slug()}/psychoacoustics/`, context);
    assert.ok(await page.isVisible('figure.figure svg[role="img"]'));
    assert.match((await page.textContent('figure.figure figcaption')) ?? '', /Source: ZeRO: Memory Optimizations/);
    assert.equal(await page.locator('figure.figure table tbody tr').count(), 4);
    assert.match((await page.textContent('.figure-readout')) ?? '', /120 GB → 31\.4 GB → 16\.6 GB → 1\.9 GB/);
    // Controls that could do nothing stay out of the way.
    assert.equal(await page.isVisible('[data-figure-controls]'), false);
    await context.close();
  });

  it('redraws the figure as its controls move, by keyboard, and says the new values', async () => {
    const { page, context, errors } = await open(`${slug()}/psychoacoustics/`);
    await page.waitForSelector('figure.figure.is-live [data-figure-controls]:not([hidden])');
    const before = await page.innerHTML('[data-figure-chart]');
    await page.focus('#figure-gpus');
    await page.keyboard.press('ArrowLeft'); // 64 → 32 GPUs
    await page.waitForFunction(() => document.querySelector('#figure-gpus-value')?.textContent === '32 GPUs');
    assert.equal(await page.textContent('.figure-readout'), '7.5B parameters on 32 GPUs: 120 GB → 32.8 GB → 18.3 GB → 3.8 GB per GPU.');
    assert.equal(await page.getAttribute('#figure-gpus', 'aria-valuetext'), '32 GPUs');
    assert.notEqual(await page.innerHTML('[data-figure-chart]'), before);
    assert.match((await page.textContent('[data-figure-chart] desc')) ?? '', /on 32 GPUs/);
    assert.match((await page.textContent('[data-figure-table]')) ?? '', /18\.3 GB/);
    // The labelled slider is reachable by its name.
    assert.equal(await page.getByLabel('Parameters', { exact: true }).count(), 1);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('plays episode 1 from the series page; time advances and the transcript highlight follows', async () => {
    const { page, context, errors } = await open(`${slug()}/`);
    await page.click('a:has-text("Play from episode 1")');
    await page.waitForURL(/\/sampling\/$/);
    assert.equal(await page.$eval('audio', (a) => (a as unknown as AudioLike).controls), false);
    await waitForTime(page, 1.3);
    const first = await page.$eval('.cue.is-current', (e) => Number((e as unknown as ElementLike).dataset.start));
    assert.ok(first <= (await currentTime(page)));
    // Move to the last paragraph: the highlight follows playback there.
    await page.$eval('audio', (a) => ((a as unknown as AudioLike).currentTime = 30));
    await page.waitForFunction(() => Number(document.querySelector('.cue.is-current')?.dataset.start) > 25);
    assert.equal(await page.getAttribute('.btn-play', 'aria-label'), 'Pause');
    assert.match(await page.getAttribute('.scrubber', 'aria-valuetext') ?? '', /^0:3\d of 0:40$/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('skips back 15 s and forward 30 s, and answers the keyboard', async () => {
    const { page, context } = await open(`${slug()}/sampling/`);
    await page.waitForSelector('.player-ui');
    await pauseAt(page, 2);
    await page.click('button[aria-label="Forward 30 seconds"]');
    await waitForTime(page, 31.9, 32.1);
    await page.click('button[aria-label="Back 15 seconds"]');
    await waitForTime(page, 16.9, 17.1);
    await page.focus('body');
    await page.keyboard.press('ArrowLeft');
    await waitForTime(page, 11.9, 12.1);
    await page.keyboard.press('Shift+Period'); // ">"
    assert.equal(await page.$eval('audio', (a) => (a as unknown as AudioLike).playbackRate), 1.25);
    await page.keyboard.press('m');
    assert.equal(await page.$eval('audio', (a) => (a as unknown as AudioLike).muted), true);
    // The button follows the audio's volumechange event, which arrives a moment later.
    await page.waitForSelector('button:has-text("Mute")[aria-pressed="true"]', { timeout: 5000 });
    // Typing in the search box is not a shortcut.
    await page.fill('#transcript-search', '');
    await page.type('#transcript-search', 'mic');
    assert.equal(await page.$eval('audio', (a) => (a as unknown as AudioLike).muted), true);
    assert.equal(await page.inputValue('#transcript-search'), 'mic');
    await context.close();
  });

  it('remembers the chosen speed after a reload', async () => {
    const { page, context } = await open(`${slug()}/sampling/`);
    await page.selectOption('#player-speed', '1.5');
    assert.equal(await page.$eval('audio', (a) => (a as unknown as AudioLike).playbackRate), 1.5);
    await page.reload();
    await page.waitForSelector('.player-ui');
    assert.equal(await page.$eval('audio', (a) => (a as unknown as AudioLike).playbackRate), 1.5);
    assert.equal(await page.inputValue('#player-speed'), '1.5');
    await context.close();
  });

  it('resumes near the saved position after a reload', async () => {
    const { page, context } = await open(`${slug()}/psychoacoustics/`);
    await page.waitForSelector('.player-ui');
    await page.$eval('audio', (a) => {
      const audio = a as unknown as AudioLike;
      audio.currentTime = 20;
      return audio.play();
    });
    await waitForTime(page, 21.5);
    await page.reload();
    await page.waitForSelector('.player-ui');
    await waitForTime(page, 20.5, 24);
    assert.match(await page.textContent('.player-status') ?? '', /^Resuming at 0:2\d\.$/);
    await context.close();
  });

  it('starts at the time in a ?t=0:03 link and at #t=12', async () => {
    const { page, context } = await open(`${slug()}/frames/?t=0:03`);
    await waitForTime(page, 2.95, 3.05);
    assert.equal(new URL(page.url()).search, '');
    await page.goto(url(`${slug()}/frames/#t=12`));
    await waitForTime(page, 11.95, 12.05);
    // The share link carries the current moment.
    await page.evaluate(() => {
      Object.defineProperty(navigator, 'share', { value: undefined, configurable: true });
      Object.defineProperty(navigator, 'clipboard', {
        value: { writeText: async (text: string) => void (window.copied = text) },
        configurable: true,
      });
    });
    await page.click('button:has-text("Share")');
    await page.waitForFunction(() => window.copied !== undefined);
    const copied = await page.evaluate(() => window.copied);
    assert.equal(copied, url(`${slug()}/frames/?t=0:12`));
    await context.close();
  });

  it('seeks when a sentence is clicked and finds words in the transcript', async () => {
    const { page, context } = await open(`${slug()}/psychoacoustics/`);
    await page.waitForSelector('.player-ui');
    const cue = page.locator('.cue', { hasText: 'An encoder models masking' });
    const start = Number(await cue.getAttribute('data-start'));
    await cue.click();
    await waitForTime(page, start - 0.05);
    await page.fill('#transcript-search', 'masking');
    assert.equal(await page.locator('.cue mark').count(), 2);
    assert.equal(await page.textContent('.search-status'), '1 of 2');
    await page.press('#transcript-search', 'Enter');
    assert.equal(await page.textContent('.search-status'), '2 of 2');
    await page.press('#transcript-search', 'Escape');
    assert.equal(await page.locator('.cue mark').count(), 0);
    assert.equal(await cue.textContent(), 'An encoder models masking for every frame.');
    await context.close();
  });

  it('shows who speaks in a dialogue, and still highlights, seeks and searches what is said', async () => {
    const { page, context, errors } = await open('sound-talk/psychoacoustics/');
    await page.waitForSelector('.player-ui');
    assert.equal((await page.textContent('.episode-facts .hosts'))?.trim(), 'With Ada and Ben');
    const names = await page.locator('#transcript-text .speaker').allTextContents();
    assert.deepEqual(names, ['Ada:', 'Ben:']);
    assert.ok(await page.isVisible('#transcript-text .turn.host-2 .speaker'));
    // The two hosts' turns are told apart at a glance: different edge colours.
    const edge = (host: number) =>
      page.$eval(`#transcript-text .host-${host}`, (p) => getComputedStyle(p).borderLeftColor);
    assert.notEqual(await edge(1), await edge(2));
    // Clicking Ben's sentence seeks there and highlights it, inside Ben's turn.
    const cue = page.locator('.cue', { hasText: 'An encoder models masking' });
    await cue.click();
    await waitForTime(page, Number(await cue.getAttribute('data-start')) - 0.05);
    await page.waitForSelector('.turn[data-speaker="Ben"] .cue.is-current');
    // Search sees what is said, not who says it.
    await page.fill('#transcript-search', 'masking');
    assert.equal(await page.locator('.cue mark').count(), 2);
    await page.fill('#transcript-search', 'Ada');
    assert.equal(await page.locator('.cue mark').count(), 0);
    assert.equal(await page.textContent('.search-status'), 'No matches');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('finishes an episode, lands on the next one and shows progress on the series page', async () => {
    const context = await browser.newContext();
    const { page } = await open(`${slug()}/sampling/`, context);
    await page.waitForSelector('.player-ui');
    await page.$eval('audio', (a) => {
      const audio = a as unknown as AudioLike;
      audio.currentTime = audio.duration - 1;
      return audio.play();
    });
    await page.waitForURL(/\/psychoacoustics\/$/, { timeout: 20_000 });
    // Arrived with ?autoplay=1 (now cleaned from the address): the next episode plays.
    await waitForTime(page, 0.5);
    await pauseAt(page, 14);
    await page.goto(url(`${slug()}/`));
    const sampling = page.locator('li[data-episode="sampling"] .episode-progress');
    const psycho = page.locator('li[data-episode="psychoacoustics"] .episode-progress');
    assert.equal((await sampling.textContent())?.trim(), 'Played');
    assert.equal((await psycho.textContent())?.trim(), 'Resume at 0:14');
    assert.equal(await page.locator('li[data-episode="psychoacoustics"] progress').getAttribute('value'), '0.350');
    assert.equal(await page.locator('li[data-episode="frames"] .episode-progress').isVisible(), false);
    // Mark played by hand, and unmark.
    await page.goto(url(`${slug()}/frames/`));
    await page.click('button:has-text("Played")');
    await page.goto(url(`${slug()}/`));
    assert.equal((await page.locator('li[data-episode="frames"] .episode-progress').textContent())?.trim(), 'Played');
    await context.close();
  });

  it('switches to curriculum order and remembers it', async () => {
    const { page, context } = await open(`${slug()}/`);
    await page.click('button:has-text("Episode 1 first")');
    const order = (): Promise<(string | undefined)[]> =>
      page.$$eval('#episodes > li', (items) => items.map((li) => (li as unknown as ElementLike).dataset.number));
    assert.deepEqual(await order(), ['1', '2', '3']);
    await page.reload();
    await page.waitForSelector('button[aria-pressed="true"]:has-text("Episode 1 first")');
    assert.deepEqual(await order(), ['1', '2', '3']);
    await context.close();
  });

  const axeViews = [
    { name: 'desktop', viewport: { width: 1280, height: 860 } },
    { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true },
  ];
  for (const scheme of ['light', 'dark'] as const) {
    it(`passes axe on the library, series and episode pages, with a live figure, on desktop and phone (${scheme})`, async () => {
     for (const view of axeViews) {
      // axe is injected as an inline script, which the site's CSP rightly refuses.
      const context = await browser.newContext({ ...view, colorScheme: scheme, bypassCSP: true });
      // The phone pass looks at the episode with a figure only: the other pages do not change with the figure.
      const paths = view.name === 'phone' ? [`${slug()}/psychoacoustics/`] : ['', `${slug()}/`, `${slug()}/psychoacoustics/`, 'sound-talk/psychoacoustics/'];
      for (const path of paths) {
        const { page } = await open(path, context);
        await page.waitForLoadState('networkidle');
        if (path.endsWith('psychoacoustics/')) {
          // Check the states a listener sees too: a highlighted sentence and search matches.
          await page.waitForSelector('.player-ui');
          await pauseAt(page, 12);
          await page.fill('#transcript-search', 'tone');
        }
        if (path === `${slug()}/psychoacoustics/`) {
          // The figure with its controls shown and its table open.
          await page.waitForSelector('figure.figure.is-live');
          await page.click('.figure-data summary');
        }
        await page.addScriptTag({ content: axeSource });
        const result = (await page.evaluate(() =>
          (window.axe as { run(): Promise<unknown> }).run(),
        )) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
        const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(
          serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
          [],
          `axe on /${path} (${scheme}, ${view.name})`,
        );
        await page.close();
      }
      await context.close();
     }
    });
  }

  it('takes screenshots of the pages, light and dark, desktop and phone, and each looks its part', async () => {
    const views = [
      { name: 'desktop', viewport: { width: 1280, height: 860 }, deviceScaleFactor: 1 },
      { name: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, deviceScaleFactor: 2 },
    ];
    const problems: string[] = [];
    const summary: string[] = [];
    for (const view of views) {
      for (const scheme of ['light', 'dark'] as const) {
        const context = await browser.newContext({ ...view, colorScheme: scheme });
        // A little listening history so the progress states show.
        const seed = await context.newPage();
        await seed.goto(url(`${slug()}/`));
        await seed.evaluate((s) => {
          localStorage.setItem(`ninety:episode:${s}/sampling`, JSON.stringify({ position: 0, duration: 40, played: true, updated: 1 }));
          localStorage.setItem(`ninety:episode:${s}/psychoacoustics`, JSON.stringify({ position: 17, duration: 40, played: false, updated: 1 }));
        }, slug());
        await seed.close();
        for (const [label, path] of [
          ['library', ''],
          ['series', `${slug()}/`],
          ['episode', `${slug()}/psychoacoustics/`],
          ['dialogue', 'sound-talk/psychoacoustics/'],
        ] as const) {
          const { page } = await open(path, context);
          await page.waitForLoadState('networkidle');
          if (label === 'episode' || label === 'dialogue') {
            await page.waitForSelector('.player-ui');
            await pauseAt(page, 17);
          }
          const name = `${label}-${view.name}-${scheme}`;
          const fullPage = label !== 'episode';
          const shot = await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
          const { scrollWidth, background } = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            background: getComputedStyle(document.body).backgroundColor,
          }));
          const look = measurePng(shot);
          const dominant = `rgb(${look.dominant.join(', ')})`;
          summary.push(
            `${name} ${look.width}x${look.height} mostly ${dominant} (${percent(look.dominantShare)}), ${percent(look.darkShare)} dark, ${look.colours} colours`,
          );
          const want = { width: view.viewport.width * view.deviceScaleFactor, height: view.viewport.height * view.deviceScaleFactor };
          // A full-page shot widens when the page overflows sideways; the viewport shot does not.
          if (look.width !== want.width) problems.push(`${name}: ${look.width} px wide, expected ${want.width}`);
          if (scrollWidth > view.viewport.width) problems.push(`${name}: content ${scrollWidth} px wide in a ${view.viewport.width} px viewport`);
          if (fullPage ? look.height < want.height : look.height !== want.height) {
            problems.push(`${name}: ${look.height} px high, expected ${fullPage ? 'at least ' : ''}${want.height}`);
          }
          // Text, buttons and the cover give a real page many colours; a blank or failed page has few.
          if (look.colours < 64) problems.push(`${name}: only ${look.colours} colours, the page looks blank`);
          // The colour most of the shot shows is the page's own background: the stylesheet applied
          // (an unstyled body is transparent) and nothing covers the page.
          if (!sameColour(look.dominant, background)) problems.push(`${name}: mostly ${dominant}, but the page background is ${background}`);
          // Dark pages are mostly dark and light ones mostly light; the cover art is dark in both.
          const dark = luma(look.dominant) <= 0.25 && look.darkShare >= 0.6;
          const light = luma(look.dominant) >= 0.75 && look.darkShare <= 0.4;
          if (scheme === 'dark' ? !dark : !light) {
            problems.push(`${name}: not ${scheme}: mostly ${dominant}, ${percent(look.darkShare)} of pixels dark`);
          }
          await page.close();
        }
        await context.close();
      }
    }
    console.log(`screenshots in ${SHOTS}:\n  ${summary.join('\n  ')}`);
    assert.deepEqual(problems, []);
  });

  it('keeps an episode page under 50 KB of gzip HTML, CSS and JS before the audio', async () => {
    const context = await browser.newContext();
    const sizes = new Map<string, number>();
    const fresh = await context.newPage();
    fresh.on('response', async (response) => {
      const type = response.request().resourceType();
      if (type !== 'document' && type !== 'stylesheet' && type !== 'script') return;
      const body = await response.body();
      sizes.set(new URL(response.url()).pathname, gzipSync(body, { level: 9 }).length);
    });
    await fresh.goto(url(`${slug()}/psychoacoustics/`));
    await fresh.waitForLoadState('networkidle');
    await fresh.waitForSelector('.player-ui');
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    const files = [...sizes.keys()];
    assert.ok(files.some((f) => f.endsWith('/player.js')) && files.some((f) => f.endsWith('/site.css')));
    console.log(`episode page weight: ${total} bytes gzip over ${files.length} files (${files.map((f) => `${f.split('/').pop()}=${sizes.get(f)}`).join(', ')})`);
    assert.ok(total <= PAGE_BUDGET_BYTES, `episode page is ${total} bytes gzip, over ${PAGE_BUDGET_BYTES}`);
    await context.close();
  });
});

type Rgb = [number, number, number];

interface PngLook {
  width: number;
  height: number;
  /** The most common colour, and its share of the pixels. */
  dominant: Rgb;
  dominantShare: number;
  /** Share of pixels with a luma under one half. */
  darkShare: number;
  /** Distinct colours. */
  colours: number;
}

/** Luma from 0 (black) to 1 (white): Rec. 709 weights on the sRGB values as stored. */
function luma([r, g, b]: Rgb): number {
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

/** Whether a pixel colour is a CSS `rgb(r, g, b)` colour, give or take rounding. */
function sameColour(pixel: Rgb, css: string): boolean {
  const parts = /^rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)$/.exec(css);
  if (!parts || (parts[4] !== undefined && Number(parts[4]) < 1)) return false;
  return pixel.every((value, i) => Math.abs(value - Number(parts[i + 1])) <= 2);
}

const percent = (share: number): string => `${Math.round(share * 100)}%`;

/**
 * Reads what a screenshot looks like: an 8-bit, non-interlaced RGB or RGBA PNG, the form
 * Chromium writes, decoded here so the check does not rely on the browser it checks.
 */
function measurePng(png: Buffer): PngLook {
  assert.equal(png.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'PNG signature');
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, colourType, , , interlace] = data.subarray(8);
      assert.ok(depth === 8 && (colourType === 2 || colourType === 6) && interlace === 0, `PNG form ${depth}/${colourType}/${interlace}`);
      channels = colourType === 6 ? 4 : 3;
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  let previous = new Uint8Array(stride);
  let dark = 0;
  const counts = new Map<number, number>();
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? row[i - channels]! : 0;
      const up = previous[i]!;
      const upLeft = i >= channels ? previous[i - channels]! : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) predicted = paeth(left, up, upLeft);
      row[i] = (line[i]! + predicted) & 0xff;
    }
    for (let i = 0; i < stride; i += channels) {
      const rgb = (row[i]! << 16) | (row[i + 1]! << 8) | row[i + 2]!;
      counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
    }
    previous = row;
  }
  let dominant = 0;
  let most = 0;
  for (const [rgb, count] of counts) {
    if (luma(unpack(rgb)) < 0.5) dark += count;
    if (count > most) [dominant, most] = [rgb, count];
  }
  const pixels = width * height;
  return { width, height, dominant: unpack(dominant), dominantShare: most / pixels, darkShare: dark / pixels, colours: counts.size };
}

function unpack(rgb: number): Rgb {
  return [rgb >> 16, (rgb >> 8) & 0xff, rgb & 0xff];
}

function paeth(left: number, up: number, upLeft: number): number {
  const p = left + up - upLeft;
  const [dl, du, dul] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
  return dl <= du && dl <= dul ? left : du <= dul ? up : upLeft;
}
