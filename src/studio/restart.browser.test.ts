/**
 * The studio in a real Chromium while its server is killed and started again: the real
 * `ninety serve` (a child process, on a fixed loopback port) writes a series' scripts against a
 * model on loopback; with some scripts written and not all, it is killed with -9 and started again
 * on the same port and folders. The page that stayed open — never reloaded by the test — says the
 * connection was lost and is back, shows the job finishing with every script written once, and
 * voices and publishes the series from its own button (its form token renewed by the new server);
 * the series then plays in the library. The disk and the model's count of calls are checked in
 * depth by server-jobs.test.ts; here, what the user sees, and each script once on disk.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { episodeScripts, freePort, startStudioProcess, type StudioProcess } from '../testkit/studio.js';
import { chromiumMissing, launchChromium, newPage, playsInPage } from '../testkit/studio-browser.js';
import { writerReplies } from '../testkit/writer.js';
import { startModelServer, type ModelRequest, type ModelServer } from '../write/model/server.js';

declare const document: { querySelectorAll(s: string): { textContent: string }[] };

const EPISODES = 3;
const isOutline = (r: ModelRequest) => r.messages[0]!.content.includes('You plan short audio series');
const episodeOf = (r: ModelRequest) => Number(/Write episode (\d+)/.exec(r.messages.find((m) => m.role === 'user')?.content ?? '')?.[1]);

describe('studio in Chromium, its server killed mid-job', { skip: chromiumMissing ?? false, timeout: 10 * 60_000 }, () => {
  let root: string;
  let model: ModelServer;
  let browser: Browser;
  let server: StudioProcess | undefined;
  const good = writerReplies();
  let killed!: () => void;
  const afterKill = new Promise<void>((resolve) => (killed = resolve));
  let holding!: () => void;
  const held = new Promise<void>((resolve) => (holding = resolve));

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'ninety-studio-restart-e2e-'));
    await mkdir(join(root, 'out'));
    // Every answer is slow, and the last episode's first one waits for the kill: the server dies
    // with a script in flight, whatever order its jobs took the episodes in.
    let holds = false;
    model = await startModelServer({
      latencyMs: 300,
      respond: async (request) => {
        if (!holds && !isOutline(request) && episodeOf(request) === EPISODES) {
          holds = true;
          holding();
          await afterKill;
          return { hang: true };
        }
        return good(request);
      },
    });
    browser = await launchChromium();
  });
  after(async () => {
    killed?.();
    await server?.kill('SIGTERM');
    await browser?.close();
    await model?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('keeps the open page going through a kill and restart: the scripts finish, each once, and the series is voiced and plays', async () => {
    const port = await freePort();
    const start = () => startStudioProcess({ cwd: root, port, env: { NINETY_LLM_BASE_URL: model.baseUrl, NINETY_LLM_MODEL: 'test-model' } });
    server = await start();
    const { page, context, errors } = await newPage(browser);
    const status = page.locator('#job-status');
    const connection = page.locator('#connection-status');
    const states = () => page.locator('.studio-script-state').allTextContents();

    await page.goto(`${server.url}/studio/`);
    await page.fill('#topic', 'bread scoring');
    await page.fill('#episodes', String(EPISODES));
    await page.fill('#seconds', '20');
    await page.click('button:has-text("Write the outline")');
    await page.waitForSelector(`#title-${EPISODES}`, { timeout: 120_000 });
    await status.filter({ hasText: 'Writing the outline: done.' }).waitFor();
    const seriesPage = page.url();

    await page.click('button:has-text("Write the missing scripts")');
    await page.waitForFunction(
      () => {
        const written = [...document.querySelectorAll('.studio-script-state')].map((e) => e.textContent.startsWith('script written'));
        return written.includes(true) && written.includes(false);
      },
      undefined,
      { timeout: 120_000 },
    );
    // The kill must find a script in flight: on a busy machine the last episode's request may not be sent yet.
    await held;
    await server.kill('SIGKILL');
    const dir = join(root, 'series', 'bread-scoring');
    const writtenAtKill = (await episodeScripts(dir)).filter((e) => e.script).length;
    const askedAtKill = model.requests.filter((r) => !isOutline(r)).length;
    assert.ok(writtenAtKill < EPISODES, `killed before the job could finish (${writtenAtKill} of ${EPISODES} written)`);
    killed();

    // The page notices by itself, in a live region of its own.
    assert.equal(await connection.getAttribute('role'), 'status');
    await connection.filter({ hasText: 'The connection to the server was lost; trying again…' }).waitFor({ timeout: 60_000 });

    server = await start();
    await connection.filter({ hasText: 'Connected to the server again.' }).waitFor({ timeout: 120_000 });
    await status.filter({ hasText: 'Writing the scripts: done.' }).waitFor({ timeout: 180_000 });
    assert.equal(page.url(), seriesPage, 'the page stayed where it was');
    const shown = await states();
    assert.equal(shown.length, EPISODES);
    assert.ok(shown.every((s) => s.startsWith('script written')), `every script is shown written: ${shown.join('; ')}`);

    const episodes = await episodeScripts(dir);
    assert.equal(episodes.length, EPISODES, `one file per episode: ${episodes.map((e) => e.file).join(', ')}`);
    for (const episode of episodes) {
      const text = await readFile(join(dir, 'episodes', episode.file), 'utf8');
      assert.equal(text.match(/^---$/gm)?.length, 2, `${episode.file} has one front matter`);
      // The stand-in model opens every script with this question, so two scripts in one file show.
      assert.equal(episode.script.match(/Why does episode/g)?.length, 1, `${episode.file} holds one script`);
    }
    const scriptCalls = model.requests.filter((r) => !isOutline(r)).length;
    const inFlight = askedAtKill - writtenAtKill;
    assert.ok(scriptCalls >= EPISODES && scriptCalls <= EPISODES + inFlight, `${scriptCalls} script calls: one per episode and at most the ${inFlight} in flight at the kill again`);

    // The page's own button posts to the new server: its form token was renewed on reconnecting.
    await page.click('button:has-text("Voice and publish")');
    await status.filter({ hasText: 'Voicing and publishing: done.' }).waitFor({ timeout: 240_000 });

    await page.goto(`${server.url}/`);
    await page.click('a:has-text("A Short Course in Bread Scoring")');
    await page.locator('a:has-text("Foundations")').first().click();
    await playsInPage(page);
    assert.match((await page.textContent('main')) ?? '', /Why does episode one matter\?/);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
