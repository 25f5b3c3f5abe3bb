/**
 * The build's promises, each tested so that breaking it fails a test: write order, verified
 * cache entries, reserved ids, cleanup of recorded files only, one build per folder, finished
 * episodes kept when another fails, and a build stopped by its signal between episodes.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadSeries } from '../series/load.js';
import { ContentError } from '../series/problems.js';
import { episodeFile, writeTinySeries } from '../testkit/series.js';
import { buildSeries } from './build.js';
import { SpeechFailedError } from './errors.js';
import { lockOutput } from './lock.js';
import type { Manifest } from './manifest.js';
import type { ProgressReporter } from './progress.js';
import { verifySeries } from './verify.js';

function recorder(): ProgressReporter & { notes: string[] } {
  const notes: string[] = [];
  return { notes, start: () => undefined, episodeDone: () => undefined, note: (line) => notes.push(line), finish: () => undefined };
}

const readManifest = async (outDir: string) =>
  JSON.parse(await readFile(join(outDir, 'tiny-test', 'episodes.json'), 'utf8')) as Manifest;

describe('the build keeps its promises', () => {
  let seriesDir: string;
  let outDir: string;
  const journal: string[] = [];

  before(async () => {
    seriesDir = await writeTinySeries();
    outDir = await mkdtemp(join(tmpdir(), 'ninety-integrity-'));
    await buildSeries({
      seriesDir,
      outDir,
      jobs: 2,
      progress: recorder(),
      observeWrites: (path) => journal.push(relative(outDir, path)),
    });
  });
  after(async () => {
    await rm(seriesDir, { recursive: true, force: true });
    await rm(outDir, { recursive: true, force: true });
  });

  it('writes audio, transcripts and artwork before any page or the feed, and the manifest last', () => {
    const inSeries = journal.filter((p) => p.startsWith('tiny-test/'));
    const media = inSeries.filter((p) => /\/(audio|transcripts|artwork)\//.test(p));
    const linking = inSeries.filter((p) => p.endsWith('.html') || p.endsWith('feed.xml'));
    assert.equal(media.filter((p) => p.endsWith('.mp3')).length, 3);
    assert.equal(media.filter((p) => p.includes('/transcripts/')).length, 6);
    assert.ok(linking.length >= 5, 'series page, episode pages and feed were written');
    const lastMedia = Math.max(...media.map((p) => journal.indexOf(p)));
    const assets = journal.filter((p) => p.startsWith('assets/')).map((p) => journal.indexOf(p));
    const firstLinking = Math.min(...linking.map((p) => journal.indexOf(p)));
    assert.ok(lastMedia < firstLinking, `a page or the feed came before its media: ${journal.join(', ')}`);
    assert.ok(Math.max(...assets) < firstLinking, 'stylesheet and scripts come before the pages that load them');
    assert.equal(inSeries.at(-1), 'tiny-test/episodes.json');
    assert.ok(journal.indexOf('index.html') > journal.indexOf('tiny-test/episodes.json'), 'the library follows the manifest');
  });

  it('records in the manifest every file it wrote in the series folder', async () => {
    const manifest = await readManifest(outDir);
    const written = journal.filter((p) => p.startsWith('tiny-test/')).map((p) => p.slice('tiny-test/'.length));
    assert.deepEqual(manifest.files, [...written].sort());
  });

  it('does not trust a truncated cache entry: it says so, speaks the episode again and publishes whole audio', async () => {
    const before = await readManifest(outDir);
    const cacheDir = join(outDir, '.ninety-cache', 'tiny-test');
    const mp3s = (await readdir(cacheDir)).filter((n) => /^[0-9a-f]{32}\.mp3$/.test(n));
    assert.equal(mp3s.length, 3);
    await truncate(join(cacheDir, mp3s[0]!), 2000);
    const progress = recorder();
    const report = await buildSeries({ seriesDir, outDir, progress });
    assert.equal(report.spoken, 1);
    assert.equal(progress.notes.length, 1);
    assert.match(progress.notes[0]!, /cached audio is damaged \(its audio holds 2000 of \d+ bytes\); speaking it again/);
    const after = await readManifest(outDir);
    assert.deepEqual(after.episodes.map((e) => e.bytes), before.episodes.map((e) => e.bytes));
    const results = await verifySeries(await loadSeries(seriesDir), outDir);
    assert.deepEqual(results.map((r) => r.problems), [[], [], []]);
  });

  it('refuses an episode id that is a folder the build owns, naming the file and field', async () => {
    const dir = await writeTinySeries();
    await writeFile(join(dir, 'episodes', '02-episode-2.md'), episodeFile(2, { id: 'audio' }));
    await assert.rejects(buildSeries({ seriesDir: dir, outDir, progress: recorder() }), (error: ContentError) => {
      assert.ok(error instanceof ContentError);
      const problem = error.problems.find((p) => p.field === 'id');
      assert.ok(problem, 'a problem names the id field');
      assert.match(problem.file, /02-episode-2\.md$/);
      assert.match(problem.message, /"audio" is a folder the build writes into: choose another id/);
      return true;
    });
    await rm(dir, { recursive: true, force: true });
    assert.ok((await stat(join(outDir, 'tiny-test', 'audio'))).isDirectory());
  });

  it('cleans up only what the previous build recorded, never a file of the user', async () => {
    const seriesOut = join(outDir, 'tiny-test');
    await writeFile(join(seriesOut, 'audio', 'interview-raw.mp3'), 'mine');
    await mkdir(join(seriesOut, 'episode-3', 'extras'), { recursive: true });
    await writeFile(join(seriesOut, 'episode-3', 'extras', 'slides.pdf'), 'mine too');
    await mkdir(join(seriesOut, 'drafts'), { recursive: true });
    await writeFile(join(seriesOut, 'drafts', 'notes.txt'), 'also mine');
    // Rename episode 2: its page, audio and transcripts move; the old ones must go.
    const old = (await readManifest(outDir)).episodes[1]!;
    await writeFile(join(seriesDir, 'episodes', '02-episode-2.md'), episodeFile(2, { id: 'second-episode' }));
    await buildSeries({ seriesDir, outDir, progress: recorder() });
    const gone = [old.audio, old.transcripts.vtt, old.transcripts.json, `${old.page}index.html`];
    for (const path of gone) await assert.rejects(stat(join(seriesOut, path)), `${path} should be removed`);
    await assert.rejects(stat(join(seriesOut, old.page)), 'the empty page folder is removed');
    assert.equal(await readFile(join(seriesOut, 'audio', 'interview-raw.mp3'), 'utf8'), 'mine');
    assert.equal(await readFile(join(seriesOut, 'episode-3', 'extras', 'slides.pdf'), 'utf8'), 'mine too');
    assert.equal(await readFile(join(seriesOut, 'drafts', 'notes.txt'), 'utf8'), 'also mine');
    assert.ok((await stat(join(seriesOut, 'second-episode', 'index.html'))).isFile());
  });

  it('lets only one build write into a folder at a time; the second waits and says so', async () => {
    const order: string[] = [];
    const first = recorder();
    const second = recorder();
    await writeFile(join(seriesDir, 'episodes', '01-episode-1.md'), episodeFile(1, { title: 'Episode one, retitled' }));
    // Hold the folder as a running build would, so both builds meet the lock for certain.
    const release = await lockOutput(outDir, () => undefined);
    const both = Promise.all([
      buildSeries({ seriesDir, outDir, baseUrl: 'https://a.example', progress: first, observeWrites: () => order.push('A') }),
      buildSeries({ seriesDir, outDir, baseUrl: 'https://b.example', progress: second, observeWrites: () => order.push('B') }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(order.length, 0, 'nothing is written while another build holds the folder');
    await release();
    await both;
    const switches = order.filter((who, i) => i > 0 && who !== order[i - 1]).length;
    // Each build has its own public address, so each has a feed and pages of its own to write.
    assert.ok(order.includes('A') && order.includes('B'), `both builds wrote: ${order.join('')}`);
    assert.ok(switches <= 1, `writes interleaved: ${order.join('')}`);
    for (const notes of [first.notes, second.notes]) {
      assert.match(notes.join('\n'), /Another build \(process \d+\) is writing into .*; waiting for it to finish/);
    }
  });
});

describe('a build where one episode cannot be spoken', () => {
  it('keeps the episodes that finished, names the one that failed, and writes nothing', async () => {
    const seriesDir = await writeTinySeries();
    const outDir = await mkdtemp(join(tmpdir(), 'ninety-failing-'));
    // The engine refuses a sentence of over 600 characters: a real, deterministic failure.
    const endless = `This sentence goes on ${'and on '.repeat(100)}without a stop.`;
    const good = join(seriesDir, 'episodes', '02-episode-2.md');
    await rename(good, `${good}.aside`);
    await writeFile(good, episodeFile(2, { script: endless }));
    try {
      await assert.rejects(buildSeries({ seriesDir, outDir, jobs: 2, progress: recorder() }), (error: SpeechFailedError) => {
        assert.ok(error instanceof SpeechFailedError);
        assert.deepEqual(error.failures.map((f) => f.label), ['02 Episode two']);
        assert.equal(error.finished, 2);
        assert.match(error.message, /2 finished and kept in the cache/);
        return true;
      });
      await assert.rejects(stat(join(outDir, 'tiny-test')), 'nothing was published');
      await rm(good);
      await rename(`${good}.aside`, good);
      const report = await buildSeries({ seriesDir, outDir, progress: recorder() });
      assert.equal(report.spoken, 1, 'only the failed episode is spoken again');
    } finally {
      await rm(seriesDir, { recursive: true, force: true });
      await rm(outDir, { recursive: true, force: true });
    }
  });
});

describe('a build stopped by its signal', () => {
  it('stops between episodes, publishes nothing, and keeps what it spoke for the next build', async () => {
    const seriesDir = await writeTinySeries();
    const outDir = await mkdtemp(join(tmpdir(), 'ninety-stopped-'));
    try {
      const controller = new AbortController();
      const progress = { ...recorder(), episodeDone: () => controller.abort(new Error('the job was cancelled')) };
      await assert.rejects(buildSeries({ seriesDir, outDir, jobs: 1, progress, signal: controller.signal }), /the job was cancelled/);
      assert.equal(await stat(join(outDir, 'tiny-test')).catch(() => undefined), undefined, 'nothing is published');
      const next = await buildSeries({ seriesDir, outDir, jobs: 1, progress: recorder() });
      assert.deepEqual({ spoken: next.spoken, cached: next.cached }, { spoken: 2, cached: 1 });
    } finally {
      await rm(seriesDir, { recursive: true, force: true });
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
