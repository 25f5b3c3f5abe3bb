import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loudnessMeter } from '../audio/ebur128.js';
import type { SpeechEngine } from '../speech/engine.js';
import { createEngine } from '../speech/engines.js';
import { renderEpisodeAudio, sentenceRequests, type EpisodeAudioTask } from './episode-audio.js';
import { decodeEntry, encodeEntry, reusableRates, SentenceCache, withSentenceCache } from './sentence-cache.js';

const hello = { engine: 'flite', text: 'Hello there.', options: { voice: 'rms', stretch: 1 } };

/** Flite, counting the sentences it is really asked to speak. */
async function countingFlite(): Promise<{ engine: SpeechEngine; spoken: string[] }> {
  const flite = await createEngine('flite');
  const spoken: string[] = [];
  return {
    spoken,
    engine: { ...flite, synthesize: (text, options) => (spoken.push(text), flite.synthesize(text, options)) },
  };
}

describe('sentence cache entries', () => {
  it('give back 16-bit samples and any float samples exactly, at their rate', () => {
    const ints = new Float32Array([0, 1 / 32768, -1, 32767 / 32768, -12345 / 32768]);
    const floats = new Float32Array([0.1, -0.333, 0.5]);
    for (const samples of [ints, floats]) {
      const back = decodeEntry(encodeEntry({ samples, sampleRate: 22050 }))!;
      assert.equal(back.sampleRate, 22050);
      assert.deepEqual([...back.samples], [...samples]);
    }
    // Exactly 16-bit samples take two bytes each, others four.
    assert.equal(encodeEntry({ samples: ints, sampleRate: 16000 }).length - encodeEntry({ samples: floats.subarray(0, 0), sampleRate: 16000 }).length, 10);
  });

  it('refuse a truncated entry, a changed sample, another format and a foreign file', () => {
    const entry = encodeEntry({ samples: new Float32Array([0.25, -0.5, 0.125]), sampleRate: 16000 });
    assert.equal(decodeEntry(entry.subarray(0, entry.length - 1)), undefined);
    const changed = entry.slice();
    changed[changed.length - 1]! ^= 1;
    assert.equal(decodeEntry(changed), undefined);
    const format = entry.slice();
    format[12] = 7;
    assert.equal(decodeEntry(format), undefined);
    assert.equal(decodeEntry(new TextEncoder().encode('RIFF and then some other sound file')), undefined);
  });
});

describe('the sentence cache in front of Flite', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ninety-sentences-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Flite, counting what it speaks, behind a new cache in `name` that it has spoken `hello` into. */
  async function spokenOnce(name: string) {
    const cache = new SentenceCache(join(dir, name));
    const { engine, spoken } = await countingFlite();
    const cached = withSentenceCache(engine, cache);
    const first = await cached.synthesize(hello.text, hello.options);
    await cache.settled();
    return { cache, cached, spoken, first };
  }

  it('speaks a sentence once and then gives it back sample for sample, per voice and rate', async () => {
    const { cache, cached, spoken, first } = await spokenOnce('once');
    const again = await cached.synthesize(hello.text, hello.options);
    assert.deepEqual(spoken, [hello.text]);
    assert.deepEqual(again, first);
    await cached.synthesize(hello.text, { voice: 'rms', stretch: 1.1 });
    await cached.synthesize(hello.text, { voice: 'slt', stretch: 1 });
    await cached.synthesize('Hello there!', hello.options);
    assert.equal(spoken.length, 4, 'another rate, voice or text is spoken');
    await cache.settled();
    assert.equal((await readdir(cache.dir)).length, 4);
  });

  it('speaks again a sentence whose entry was damaged, and mends the entry', async () => {
    const { cache, cached, spoken, first } = await spokenOnce('damaged');
    const [name] = await readdir(cache.dir);
    const bytes = await readFile(join(cache.dir, name!));
    await writeFile(join(cache.dir, name!), bytes.subarray(0, bytes.length >> 1));
    assert.deepEqual(await cached.synthesize(hello.text, hello.options), first);
    assert.equal(spoken.length, 2);
    await cache.settled();
    assert.deepEqual(await cache.get(hello), first, 'the entry is whole again');
  });

  it('tells the rates a task was spoken at, the most sentences first, and keeps only what it is told', async () => {
    const cache = new SentenceCache(join(dir, 'rates'));
    const task = tinyTask(['One sentence here.', 'Another one there.', 'And a third.']);
    const flite = withSentenceCache(await createEngine('flite'), cache);
    for (const request of sentenceRequests(task, 1.05).slice(0, 1)) await flite.synthesize(request.text, request.options);
    for (const request of sentenceRequests(task, 0.95).slice(0, 2)) await flite.synthesize(request.text, request.options);
    await flite.synthesize('Not in the task.', { voice: 'rms', stretch: 1.2 });
    await cache.settled();
    assert.deepEqual(await cache.ratesFor(sentenceRequests(task, 1)), [0.95, 1.05]);
    assert.deepEqual(await reusableRates(task, cache), [0.95], 'a rate with most of the sentences');
    assert.deepEqual(await reusableRates({ ...task, voice: { ...task.voice, voice: 'slt' } }, cache), [], 'another voice has none');

    await cache.keepOnly(sentenceRequests(task, 0.95));
    assert.equal((await readdir(cache.dir)).length, 2);
    assert.deepEqual(await cache.ratesFor(sentenceRequests(task, 1)), [0.95]);
  });
});

describe('an episode spoken again after a small edit', () => {
  it('keeps the rate its sentences were spoken at and speaks only the new sentence', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ninety-sentences-edit-'));
    try {
      const cache = new SentenceCache(dir);
      const { engine, spoken } = await countingFlite();
      const cached = withSentenceCache(engine, cache);
      const meter = await loudnessMeter();
      const sentences = [
        'The first sentence sets the scene for the listener.',
        'A second one carries the example along.',
        'The third sentence closes the paragraph.',
        'A new paragraph starts with this sentence.',
        'And the last one says what to take away.',
      ];
      // A target the script is a little too long for: the fitted rate is not the voice's own.
      const before = tinyTask(sentences, { targetSeconds: 15, toleranceSeconds: 1.5 });
      const first = await renderEpisodeAudio(before, async () => cached, meter, { reusableRates: await reusableRates(before, cache) });
      assert.notEqual(first.stretch, 1);
      await cache.settled();
      spoken.length = 0;

      const after = tinyTask([...sentences.slice(0, 4), 'And the last one, edited, says what to take away.'], { targetSeconds: 15, toleranceSeconds: 1.5 });
      const rates = await reusableRates(after, cache);
      assert.deepEqual(rates, [first.stretch]);
      const second = await renderEpisodeAudio(after, async () => cached, meter, { reusableRates: rates });
      assert.equal(second.stretch, first.stretch);
      assert.deepEqual(spoken, ['And the last one, edited, says what to take away.']);
      await cache.settled();
      assert.ok(Math.abs(second.durationSeconds - 15) <= 1.5, `${second.durationSeconds} s`);

      // Without the cache's rates the edit would have chosen a new rate, and spoken every sentence.
      const fresh = await renderEpisodeAudio(after, async () => engine, meter);
      assert.notEqual(fresh.stretch, first.stretch);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

function tinyTask(sentences: string[], fit: { targetSeconds: number; toleranceSeconds: number } = { targetSeconds: 5, toleranceSeconds: 10 }): EpisodeAudioTask {
  return {
    key: 'tiny',
    label: 'tiny',
    sentences: sentences.map((spoken, i) => ({ spoken, paragraph: i < 3 ? 0 : 1 })),
    words: sentences.join(' ').split(/\s+/).length,
    voice: { engine: 'flite', voice: 'rms', stretch: 1, minStretch: 0.8, maxStretch: 1.25, sentencePauseMs: 350, paragraphPauseMs: 700 },
    ...fit,
    secondsPerLetter: 0.08,
  };
}
