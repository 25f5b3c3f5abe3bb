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
