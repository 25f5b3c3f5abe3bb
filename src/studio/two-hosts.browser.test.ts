/**
 * A two-host series from a PDF, the whole way through the studio in a real Chromium: the topic with
 * two hosts and a PDF uploaded → the outline → the scripts (dialogues whose figures come from the
 * PDF) → voiced with the real Flite engine → the published episode shows both hosts, its WebVTT
 * puts each cue in its host's voice span, its show notes name the PDF by its file name and never by
 * the folder it was stored in, and it plays in the library's player.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makePdf } from '../testkit/pdf.js';
import { chromiumMissing, playsInPage, startBrowserStudio, type BrowserStudio } from '../testkit/studio-browser.js';
import { episodeScripts } from '../testkit/studio.js';


/** A sentence only the PDF says, with a figure the scripts must take from it. */
const FACT = 'A light roast ends at about 205 degrees Celsius, just after the first crack.';
const PDF = makePdf({ pages: [['Roasting notes', '', FACT, 'The beans lose about a sixth of their weight as water leaves them.']] });

describe('a two-host series from a PDF in the studio, in Chromium', { skip: chromiumMissing ?? false, timeout: 10 * 60_000 }, () => {
  let s: BrowserStudio;
  before(async () => {
    s = await startBrowserStudio();
  });
  after(() => s?.close());

  it('is outlined, written, voiced and published with both hosts, its PDF named by file name, and plays', async () => {
    const { page, context, errors } = await s.newPage();
    const status = page.locator('#job-status');
    await page.goto(`${s.server.url}/studio/`);
    await page.fill('#topic', 'coffee roasting');
    await page.fill('#episodes', '1');
    await page.fill('#seconds', '20');
    await page.check('input[name="hosts"][value="2"]');
    await page.selectOption('#voice-1', 'slt');
    await page.selectOption('#voice-2', 'rms');
    await page.setInputFiles('#files', { name: 'roasting-notes.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
    await page.click('button:has-text("Write the outline")');
    await page.waitForSelector('#title-1', { timeout: 120_000 });
    // The outline was asked with the PDF's passages.
    assert.match(s.model.requests[0]!.messages.map((m) => m.content).join('\n'), /205 degrees Celsius/);

    await page.click('button:has-text("Write the missing scripts")');
    await status.filter({ hasText: 'Writing the scripts: done.' }).waitFor({ timeout: 120_000 });
    const [written] = await episodeScripts(join(s.root, 'series', 'coffee-roasting'));
    assert.match(written!.script, /^Ada: /);
    assert.match(written!.script, /^Ben: /m);
    assert.match(written!.script, /first crack/, 'the script states the PDF’s fact');

    await page.click('button:has-text("Voice and publish")');
    await status.filter({ hasText: 'Voicing and publishing: done.' }).waitFor({ timeout: 240_000 });

    await page.goto(`${s.server.url}/`);
    await page.click('a:has-text("A Short Course in Coffee Roasting")');
    await page.locator('a:has-text("Foundations")').first().click();
    await page.waitForSelector('audio', { state: 'attached' });
    assert.equal((await page.textContent('.hosts'))?.trim(), 'With Ada and Ben');
    for (const host of ['Ada', 'Ben']) {
      assert.ok(await page.locator(`.transcript-text p[data-speaker="${host}"] .speaker`).count(), `the transcript shows ${host} speaking`);
    }
    const vttHref = await page.getAttribute('.transcript-files a:has-text("WebVTT")', 'href');
    const vtt = await (await fetch(new URL(vttHref!, page.url()))).text();
    assert.match(vtt, /^WEBVTT/);
    assert.match(vtt, /<v Ada>/);
    assert.match(vtt, /<v Ben>/);

    // The show notes name the PDF as its author named it; nothing public names where it was stored.
    const sources = (await page.textContent('.notes')) ?? '';
    assert.match(sources, /roasting-notes\.pdf/);
    const published = [await page.content(), await (await fetch(`${s.server.url}/coffee-roasting/feed.xml`)).text(), await readFile(join(s.root, 'out', 'coffee-roasting', 'episodes.json'), 'utf8')];
    const [stored] = await readdir(join(s.root, '.ninety', 'uploads'));
    assert.ok(stored, 'the upload was stored');
    for (const text of published) {
      for (const local of [s.root, '.ninety', 'uploads', stored]) assert.ok(!text.includes(local), `a published file names ${local}`);
    }

    await playsInPage(page);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
