import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loudnessMeter } from '../audio/ebur128.js';
import { parseVtt } from '../publish/transcripts.js';
import { ContentError } from '../series/problems.js';
import { decodeMp3 } from '../audio/decode.js';
import { episodeFile, writeTinySeries } from '../testkit/series.js';
import { buildSeries, type BuildReport } from './build.js';
import { verifySeries } from './verify.js';
import { loadSeries } from '../series/load.js';
import type { Manifest } from './manifest.js';

/** Episode 1 with a figure: the build renders its card and square art. */
function withFigure(microBatches: number): string {
  const figure = `figure:\n  kind: pipeline-bubble\n  stages: 4\n  microBatches: ${microBatches}\n  caption: The bubble.\n  source:\n    title: First source\n    url: https://example.com/a\n`;
  return episodeFile(1).replace('\nsources:\n', `\n${figure}sources:\n`);
}

/** The PNG's width, height and colour type from its IHDR chunk. */
function pngHeader(bytes: Buffer): { width: number; height: number; colourType: number } {
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colourType: bytes[25]! };
}

const quiet = { start: () => undefined, episodeDone: () => undefined, note: () => undefined, finish: () => undefined };

describe('building a small series end to end', () => {
  let seriesDir: string;
  let outDir: string;
  let first: BuildReport;
  let manifest: Manifest;

  before(async () => {
    seriesDir = await writeTinySeries();
    await writeFile(join(seriesDir, 'episodes', '01-episode-1.md'), withFigure(16));
    outDir = await mkdtemp(join(tmpdir(), 'ninety-out-'));
    first = await buildSeries({ seriesDir, outDir, progress: quiet, jobs: 2 });
    manifest = JSON.parse(await readFile(join(outDir, 'tiny-test', 'episodes.json'), 'utf8')) as Manifest;
  });
  after(async () => {
    await rm(seriesDir, { recursive: true, force: true });
    await rm(outDir, { recursive: true, force: true });
  });

  it('speaks every episode the first time and writes the manifest', () => {
    assert.equal(first.spoken, 3);
    assert.deepEqual(
      { slug: manifest.series.slug, title: manifest.series.title, count: manifest.series.episodeCount },
      { slug: 'tiny-test', title: 'Tiny Test', count: 3 },
    );
    assert.deepEqual(manifest.episodes.map((e) => e.number), [1, 2, 3]);
    assert.equal(manifest.episodes[0]!.subtitle, 'a short test');
  });

  it('writes MP3s that decode as mono 44.1 kHz at the target length and loudness', async () => {
    const meter = await loudnessMeter();
    for (const episode of manifest.episodes) {
      const bytes = await readFile(join(outDir, 'tiny-test', episode.audio));
      assert.equal(bytes.length, episode.bytes);
      assert.match(episode.audio, /^audio\/0\d-episode-\d-[0-9a-f]{10}\.mp3$/);
      const decoded = await decodeMp3(bytes);
      assert.equal(decoded.errors, 0);
      assert.equal(decoded.sampleRate, 44100);
      assert.equal(decoded.channels, 1);
      assert.ok(Math.abs(decoded.seconds - 12) <= 3, `${episode.audio} lasts ${decoded.seconds} s`);
      assert.ok(Math.abs(decoded.seconds - episode.durationSeconds) < 0.2);
      const lufs = meter.integrated(decoded.samples, 44100);
      assert.ok(Math.abs(lufs - -16) <= 1, `${episode.audio} at ${lufs} LUFS`);
      assert.ok(meter.truePeakDb(decoded.samples, 44100) <= -1);
    }
  });

  it('tags each MP3 with title, series, author and episode number', async () => {
    const bytes = await readFile(join(outDir, 'tiny-test', manifest.episodes[1]!.audio));
    const tag = bytes.subarray(0, 400).toString('latin1');
    assert.equal(tag.slice(0, 3), 'ID3');
    for (const frame of ['TIT2', 'TALB', 'TPE1', 'TRCK', 'APIC']) assert.ok(tag.includes(frame), `missing ${frame}`);
  });

  it('writes WebVTT whose cues are in order, join back to the script and end with the audio', async () => {
    const script = episodeFile(1).split('---\n')[2]!.replace(/\s+/g, ' ').trim();
    const episode = manifest.episodes[0]!;
    const cues = parseVtt(await readFile(join(outDir, 'tiny-test', episode.transcripts.vtt), 'utf8'));
    assert.ok(cues.length >= 4);
    for (let i = 1; i < cues.length; i++) assert.ok(cues[i]!.start >= cues[i - 1]!.end - 1e-9, 'cues in order');
    assert.equal(cues.map((c) => c.text).join(' '), script);
    assert.ok(episode.durationSeconds - cues.at(-1)!.end <= 1.5);
    const json = JSON.parse(await readFile(join(outDir, 'tiny-test', episode.transcripts.json), 'utf8'));
    assert.equal(json.version, '1.0.0');
    assert.equal(json.segments.length, cues.length);
  });

  it('writes the feed, the pages and the library beside the audio', async () => {
    for (const path of ['index.html', 'tiny-test/index.html', 'tiny-test/episode-1/index.html', 'tiny-test/feed.xml']) {
      assert.ok((await stat(join(outDir, path))).size > 0, path);
    }
  });

  it('passes ninety verify, and verify notices a damaged MP3', async () => {
    const content = await loadSeries(seriesDir);
    const results = await verifySeries(content, outDir);
    assert.deepEqual(results.map((r) => r.problems), [[], [], []]);
    const path = join(outDir, 'tiny-test', manifest.episodes[2]!.audio);
    const original = await readFile(path);
    await writeFile(path, original.subarray(0, original.length >> 1));
    const damaged = await verifySeries(content, outDir);
    assert.ok(damaged[2]!.problems.some((p) => /bytes/.test(p)));
    assert.ok(damaged[2]!.problems.some((p) => /hash/.test(p)));
    await writeFile(path, original);
  });

  it('speaks an episode spread over the workers exactly as a worker speaks it whole', async () => {
    // Three episodes on two workers: the first build spread the third over both. On one worker, each is whole.
    const wholeOut = await mkdtemp(join(tmpdir(), 'ninety-out-'));
    try {
      await buildSeries({ seriesDir, outDir: wholeOut, progress: quiet, jobs: 1 });
      const cached = (dir: string) => join(dir, '.ninety-cache', 'tiny-test');
      const names = (await readdir(cached(outDir))).filter((name) => /^[0-9a-f]{32}\.mp3$/.test(name)).sort();
      assert.equal(names.length, 3);
      assert.deepEqual((await readdir(cached(wholeOut))).filter((name) => name.endsWith('.mp3')).sort(), names);
      for (const name of names) {
        assert.ok((await readFile(join(cached(outDir), name))).equals(await readFile(join(cached(wholeOut), name))), name);
      }
    } finally {
      await rm(wholeOut, { recursive: true, force: true });
    }
  });

  it('speaks nothing again when nothing changed, and leaves the files as they were', async () => {
    const before = (await stat(join(outDir, 'tiny-test', manifest.episodes[0]!.audio))).mtimeMs;
    const again = await buildSeries({ seriesDir, outDir, progress: quiet });
    assert.equal(again.spoken, 0);
    assert.equal((await stat(join(outDir, 'tiny-test', manifest.episodes[0]!.audio))).mtimeMs, before);
  });

  it("writes a figure's wide card for the page and its square art for the feed, both in the manifest's files", async () => {
    const card = manifest.files.find((f) => /^artwork\/figure-episode-1-[0-9a-f]{10}\.png$/.test(f));
    const square = manifest.files.find((f) => /^artwork\/square-episode-1-[0-9a-f]{10}\.png$/.test(f));
    assert.ok(card && square, manifest.files.join(' '));
    assert.deepEqual(pngHeader(await readFile(join(outDir, 'tiny-test', card))), { width: 1200, height: 630, colourType: 2 });
    assert.deepEqual(pngHeader(await readFile(join(outDir, 'tiny-test', square))), { width: 1400, height: 1400, colourType: 2 });
    const feed = await readFile(join(outDir, 'tiny-test', 'feed.xml'), 'utf8');
    assert.match(feed, new RegExp(`<itunes:image href="[^"]*/tiny-test/${square}"/>`));
    assert.ok(!feed.includes(card), 'the wide card is not feed art');
    const page = await readFile(join(outDir, 'tiny-test', 'episode-1', 'index.html'), 'utf8');
    assert.match(page, new RegExp(`<meta property="og:image" content="[^"]*/${card}">`));
  });

  it('renames the figure art when the figure changes and removes the old files', async () => {
    const old = manifest.files.filter((f) => /^artwork\/(figure|square)-episode-1-/.test(f));
    await writeFile(join(seriesDir, 'episodes', '01-episode-1.md'), withFigure(8));
    const rebuilt = await buildSeries({ seriesDir, outDir, progress: quiet });
    assert.equal(rebuilt.spoken, 0);
    const next = JSON.parse(await readFile(join(outDir, 'tiny-test', 'episodes.json'), 'utf8')) as Manifest;
    const renamed = next.files.filter((f) => /^artwork\/(figure|square)-episode-1-/.test(f));
    assert.equal(renamed.length, 2);
    for (const path of renamed) assert.ok(!old.includes(path), path);
    const artwork = await readdir(join(outDir, 'tiny-test', 'artwork'));
    const cached = await readdir(join(outDir, '.ninety-cache', 'tiny-test'));
    for (const path of old) {
      assert.ok(!artwork.includes(path.replace('artwork/', '')), `${path} is still there`);
      assert.ok(!cached.includes(path.replace('artwork/', 'card-')), `${path} is still cached`);
    }
    for (const path of renamed) assert.ok(cached.includes(path.replace('artwork/', 'card-')), `${path} is not cached`);
    manifest = next;
  });

  it('speaks only the edited episode again, gives its audio a new name and removes the old file', async () => {
    const path = join(seriesDir, 'episodes', '02-episode-2.md');
    await writeFile(path, episodeFile(2, { script: 'A different script. It is short, and it says something new about LoRA.' }));
    const edited = await buildSeries({ seriesDir, outDir, progress: quiet });
    assert.equal(edited.spoken, 1);
    const next = JSON.parse(await readFile(join(outDir, 'tiny-test', 'episodes.json'), 'utf8')) as Manifest;
    assert.notEqual(next.episodes[1]!.audio, manifest.episodes[1]!.audio);
    assert.equal(next.episodes[0]!.audio, manifest.episodes[0]!.audio);
    const files = await readdir(join(outDir, 'tiny-test', 'audio'));
    assert.deepEqual(files.sort(), next.episodes.map((e) => e.audio.replace('audio/', '')).sort());
  });

  it('speaks only the sentence an edit changed, at the rate the others were spoken at', async () => {
    const sentencesDir = join(outDir, '.ninety-cache', 'tiny-test', 'sentences');
    const before = new Set(await readdir(sentencesDir));
    const path = join(seriesDir, 'episodes', '03-episode-3.md');
    // The other sentences are episode one's too; this one is the third's alone.
    await writeFile(path, episodeFile(3).replace('Part three.', 'Part three, at last.'));
    const edited = await buildSeries({ seriesDir, outDir, progress: quiet });
    assert.equal(edited.spoken, 1);
    const after = new Set(await readdir(sentencesDir));
    const added = [...after].filter((name) => !before.has(name));
    const removed = [...before].filter((name) => !after.has(name));
    assert.equal(added.length, 1, `new entries: ${added.join(', ')}`);
    assert.equal(removed.length, 1, 'the replaced sentence is dropped');
    assert.equal(added[0]!.split('@')[1], removed[0]!.split('@')[1], 'at the same rate');
    assert.equal(after.size, before.size);
  });

  it('leaves the previous output untouched when the content becomes invalid', async () => {
    const manifestBefore = await readFile(join(outDir, 'tiny-test', 'episodes.json'), 'utf8');
    await writeFile(join(seriesDir, 'episodes', '03-episode-3.md'), episodeFile(3, { title: '' }));
    await assert.rejects(buildSeries({ seriesDir, outDir, progress: quiet }), ContentError);
    assert.equal(await readFile(join(outDir, 'tiny-test', 'episodes.json'), 'utf8'), manifestBefore);
  });

  it('refuses an unknown voice, naming the field and the voices there are', async () => {
    const dir = await writeTinySeries();
    await writeFile(join(dir, 'series.yaml'), `${await readFile(join(dir, 'series.yaml'), 'utf8')}voice:\n  voice: robot\n`);
    await assert.rejects(buildSeries({ seriesDir: dir, outDir, progress: quiet }), (error: ContentError) => {
      assert.equal(error.problems[0]!.field, 'voice.voice');
      assert.match(error.problems[0]!.message, /robot.*rms/);
      return true;
    });
    await rm(dir, { recursive: true, force: true });
  });
});
