/**
 * The contract every speech engine passes. An engine's own test file calls `engineContract`
 * with a factory; nothing here knows which engine it is testing.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { SpeechEngine } from './engine.js';

const seconds = (pcm: { samples: Float32Array; sampleRate: number }) => pcm.samples.length / pcm.sampleRate;

export function engineContract(label: string, create: () => Promise<SpeechEngine>, voice: string): void {
  describe(`speech engine contract: ${label}`, () => {
    let engine: SpeechEngine;
    before(async () => {
      engine = await create();
    });

    it('names itself, its version and its voices', () => {
      assert.match(engine.name, /\S/);
      assert.match(engine.version, /\S/);
      // An engine in front of a server takes any name and lets the server judge it.
      assert.ok(engine.anyVoice || engine.voices.includes(voice), `voices should include ${voice}`);
    });

    it('declares the languages of every voice it lists', () => {
      for (const name of engine.voices) {
        const languages = engine.languages[name];
        assert.ok(languages && languages.length > 0, `voice ${name} declares no language`);
        for (const tag of languages) assert.match(tag, /^(\*|[a-z]{2,3}(-[A-Za-z0-9]+)*)$/, `voice ${name}: "${tag}"`);
      }
    });

    it('turns a sentence into mono PCM within [-1, 1] at a real sample rate', async () => {
      const pcm = await engine.synthesize('The model reads a trillion tokens.', { voice, stretch: 1 });
      assert.ok(pcm.sampleRate >= 8000 && pcm.sampleRate <= 96000, `sample rate ${pcm.sampleRate}`);
      assert.ok(seconds(pcm) > 0.8 && seconds(pcm) < 6, `duration ${seconds(pcm)} s`);
      let peak = 0;
      for (const s of pcm.samples) peak = Math.max(peak, Math.abs(s));
      assert.ok(peak > 0.05, 'audio should not be silent');
      assert.ok(peak <= 1, 'samples stay within [-1, 1]');
    });

    it('speaks longer sentences for longer', async () => {
      const short = await engine.synthesize('Training begins.', { voice, stretch: 1 });
      const long = await engine.synthesize(
        'Training begins with a careful mixture of web pages, books, code and scientific papers.',
        { voice, stretch: 1 },
      );
      assert.ok(seconds(long) > seconds(short) * 2);
    });

    it('slows down in proportion to the stretch', async () => {
      const text = 'Warm up the learning rate, then let it decay.';
      const normal = await engine.synthesize(text, { voice, stretch: 1 });
      const slow = await engine.synthesize(text, { voice, stretch: 1.2 });
      const ratio = seconds(slow) / seconds(normal);
      assert.ok(ratio > 1.1 && ratio < 1.3, `stretch 1.2 gave ratio ${ratio.toFixed(3)}`);
    });

    it('gives the same audio for the same input, so caching is sound', async () => {
      const a = await engine.synthesize('Same words, same sound.', { voice, stretch: 1.1 });
      const b = await engine.synthesize('Same words, same sound.', { voice, stretch: 1.1 });
      assert.deepEqual(a.samples, b.samples);
    });

    it('refuses a voice it does not have, naming the voices it has', async () => {
      await assert.rejects(engine.synthesize('Hello.', { voice: 'no-such-voice', stretch: 1 }), (error: Error) => {
        assert.match(error.message, /no-such-voice/);
        assert.match(error.message, new RegExp(voice));
        return true;
      });
    });

    it('survives many calls in a row (a whole episode, sentence by sentence)', async () => {
      for (let i = 0; i < 25; i++) {
        const pcm = await engine.synthesize(`Sentence number ${['one', 'two', 'three'][i % 3]} of many.`, {
          voice,
          stretch: 1,
        });
        assert.ok(pcm.samples.length > 0);
      }
    });
  });
}
