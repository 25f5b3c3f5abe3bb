import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { trimSilence } from '../audio/assemble.js';
import { loudnessMeter, type LoudnessMeter } from '../audio/ebur128.js';
import type { SpeechEngine } from '../speech/engine.js';
import { createEngine } from '../speech/engines.js';
import { renderEpisodeAudio, type EpisodeAudioTask } from './episode-audio.js';

describe('rendering a dialogue whose voices speak at different sample rates', () => {
  let engine: SpeechEngine;
  let meter: LoudnessMeter;
  const loads: string[] = [];
  const engines = async (name: string) => {
    loads.push(name);
    return engine;
  };

  before(async () => {
    engine = await createEngine('flite');
    meter = await loudnessMeter();
  });

  // Flite's kal speaks at 8 kHz, rms at 16 kHz.
  const task: EpisodeAudioTask = {
    key: 'test',
    label: 'test',
    sentences: [
      { spoken: 'Hello there, this is the first voice speaking.', paragraph: 0, speaker: 0 },
      { spoken: 'And this is the second voice, a little later.', paragraph: 1, speaker: 1 },
      { spoken: 'Back to the first voice.', paragraph: 2, speaker: 0 },
    ],
    words: 23,
    voice: {
      engine: 'flite',
      voice: 'rms',
      stretch: 1,
      minStretch: 0.92,
      maxStretch: 1.2,
      sentencePauseMs: 350,
      paragraphPauseMs: 700,
      turnPauseMs: 400,
    },
    targetSeconds: 8,
    toleranceSeconds: 4,
    secondsPerLetter: 0.08,
    hosts: [
      { engine: 'flite', voice: 'kal', secondsPerLetter: 0.08 },
      { engine: 'flite', voice: 'rms', secondsPerLetter: 0.08 },
    ],
  };

  it('keeps every sentence as long as its voice spoke it, at the higher of the two rates', async () => {
    const result = await renderEpisodeAudio(task, engines, meter);
    assert.deepEqual(new Set(loads), new Set(['flite']));
    const stretches = result.hosts!.map((h) => h.stretch);
    for (const [i, sentence] of task.sentences.entries()) {
      const host = task.hosts![sentence.speaker!]!;
      const pcm = await engine.synthesize(sentence.spoken, { voice: host.voice, stretch: stretches[sentence.speaker!]! });
      const alone = trimSilence(pcm.samples, pcm.sampleRate).length / pcm.sampleRate;
      const span = result.spans[i]!;
      assert.ok(Math.abs(span.end - span.start - alone) < 0.01, `sentence ${i}: ${span.end - span.start} s in the episode, ${alone} s alone`);
    }
    // Turn pauses between the hosts, scaled with the others by the fitting.
    const gaps = result.spans.slice(1).map((s, i) => s.start - result.spans[i]!.end);
    assert.ok(Math.abs(gaps[0]! - gaps[1]!) < 0.002 && gaps[0]! < 0.4 * 1.5 + 0.001, `gaps ${gaps}`);
    assert.ok(Math.abs(result.durationSeconds - (result.spans.at(-1)!.end + 0.6)) < 0.01);
  });
});

describe('rendering an episode whose sentences are spoken side by side', () => {
  it('starts the longest sentences first and keeps the script order in the audio', async () => {
    const flite = await createEngine('flite');
    const started: string[] = [];
    const engine: SpeechEngine = {
      ...flite,
      synthesize: (text, options) => {
        started.push(text);
        return flite.synthesize(text, options);
      },
    };
    const sentences = ['Short one.', 'This sentence is the longest of the three by some way.', 'A middle sentence.'];
    const task: EpisodeAudioTask = {
      key: 'side-by-side',
      label: 'side by side',
      sentences: sentences.map((spoken) => ({ spoken, paragraph: 0 })),
      words: 17,
      voice: { engine: 'flite', voice: 'rms', stretch: 1, minStretch: 0.8, maxStretch: 1.25, sentencePauseMs: 350, paragraphPauseMs: 700 },
      targetSeconds: 6,
      toleranceSeconds: 10,
      secondsPerLetter: 0.08,
    };
    const result = await renderEpisodeAudio(task, async () => engine, await loudnessMeter(), { concurrency: 2 });
    assert.deepEqual(started.slice(0, 3), [sentences[1], sentences[2], sentences[0]]);
    // Each span is as long as its own sentence, in the order of the script.
    const lengths = result.spans.map((span) => span.end - span.start);
    assert.ok(lengths[1]! > lengths[2]! && lengths[2]! > lengths[0]!, `spans ${lengths}`);
    assert.ok(result.spans.every((span, i) => i === 0 || span.start > result.spans[i - 1]!.end));
  });
});
