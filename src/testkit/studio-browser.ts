/**
 * Test support for the studio in a real Chromium: a loopback model server (the writer by default,
 * or whatever a test sets as `answer`), the studio with the real job store on a temporary folder,
 * served with the library by the real static server, and Chromium through playwright-core. The
 * steps run in this process and read the model's settings from its environment, as the server does.
 *
 * @example
 *   const s = await startBrowserStudio();
 *   const { page, errors } = await s.newPage();
 *   await page.goto(`${s.server.url}/studio/`);
 *   …
 *   await s.close();
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../serve/server.js';
import { createStudio, type Studio } from '../studio/app.js';
import { startModelServer, type ModelRequest, type ModelServer, type Reply } from '../write/model/server.js';
import { writerReplies } from './writer.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Why the browser tests cannot run here, or undefined when they can. */
export const chromiumMissing = existsSync(CHROMIUM) ? undefined : `Chromium not found at ${CHROMIUM}`;

export interface BrowserStudio {
  root: string;
  model: ModelServer;
  studio: Studio;
  server: RunningServer;
  browser: Browser;
  /** The writer's answers, which `answer` starts as. */
  good: (request: ModelRequest) => Reply;
  /** What the model answers now; a test may change it and must put `good` back. */
  answer: (request: ModelRequest) => Reply;
  /** A page in a fresh context, with generous waits, collecting the page's script errors. */
  newPage(): Promise<{ page: Page; context: BrowserContext; errors: string[] }>;
  close(): Promise<void>;
}

/** Headless Chromium as the studio's browser tests run it (audio may play without a gesture). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'] });
}

/** A page in a fresh context, with generous waits, collecting the page's script errors. */
export async function newPage(browser: Browser): Promise<{ page: Page; context: BrowserContext; errors: string[] }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  // CI machines are small and busy: waits are generous, and a real failure still ends them.
  page.setDefaultTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, context, errors };
}

/** The page's document, as much of it as the functions run in the page use (this project has no DOM types). */
type PageDocument = { document: { querySelector(s: string): { currentTime: number; muted: boolean; play(): Promise<void> } | null } };

/** Plays the page's player, muted, and waits until its audio has really played half a second. */
export async function playsInPage(page: Page): Promise<void> {
  await page.waitForSelector('audio', { state: 'attached' });
  await page.evaluate(() => {
    const audio = (globalThis as unknown as PageDocument).document.querySelector('audio')!;
    audio.muted = true;
    return audio.play();
  });
  await page.waitForFunction(() => (globalThis as unknown as PageDocument).document.querySelector('audio')!.currentTime > 0.5, undefined, { timeout: 60_000 });
}

export async function startBrowserStudio(): Promise<BrowserStudio> {
  const root = await mkdtemp(join(tmpdir(), 'ninety-studio-e2e-'));
  await mkdir(join(root, 'out'));
  const good = writerReplies();
  const model = await startModelServer({ respond: (request) => self.answer(request) });
  process.env.NINETY_LLM_BASE_URL = model.baseUrl;
  process.env.NINETY_LLM_MODEL = 'test-model';
  const studio = createStudio({ seriesRoot: join(root, 'series'), outDir: join(root, 'out'), dataDir: join(root, '.ninety') });
  const server = await startServer({ root: join(root, 'out'), port: 0, studio: getRequestListener(studio.app.fetch) });
  const browser = await launchChromium();
  const self: BrowserStudio = {
    root,
    model,
    studio,
    server,
    browser,
    good,
    answer: good,
    newPage: () => newPage(browser),
    async close() {
      await browser.close();
      await server.close();
      await studio.close();
      await model.close();
      await rm(root, { recursive: true, force: true });
    },
  };
  return self;
}
