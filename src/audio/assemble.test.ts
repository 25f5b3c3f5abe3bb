import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assemble, gapCounts, trimSilence } from './assemble.js';

const rate = 1000;
const tone = (n: number, level = 0.5) => Float32Array.from({ length: n }, (_, i) => level * Math.sin(i));

describe('trimSilence', () => {
  it('cuts silence at both ends but keeps a short margin around the sound', () => {
    const samples = new Float32Array(1000);
    samples.set(tone(200), 400);
    const trimmed = trimSilence(samples, rate);
    assert.ok(trimmed.length >= 200 && trimmed.length <= 200 + 2 * 20 + 2, `length ${trimmed.length}`);
  });

  it('returns nothing for pure silence', () => {
    assert.equal(trimSilence(new Float32Array(500), rate).length, 0);
  });
});

describe('assemble', () => {
  const pauses = { sentence: 0.3, paragraph: 0.8, lead: 0.1, tail: 0.5 };

  it('places sentences with sentence pauses inside a paragraph and longer ones between paragraphs', () => {
    const out = assemble(
      [
        { samples: tone(1000), paragraph: 0 },
        { samples: tone(500), paragraph: 0 },
        { samples: tone(700), paragraph: 1 },
      ],
      rate,
      pauses,
    );
    assert.deepEqual(out.spans, [
      { start: 0.1, end: 1.1 },
      { start: 1.4, end: 1.9 },
      { start: 2.7, end: 3.4 },
    ]);
    assert.equal(out.samples.length, 3900);
    assert.equal(out.samples[Math.round(1.2 * rate)], 0, 'the pause is silent');
  });

  it('counts the gaps between sentences and between paragraphs', () => {
    assert.deepEqual(gapCounts([0, 0, 0, 1, 1, 2]), { sentence: 3, paragraph: 2, turn: 0 });
    assert.deepEqual(gapCounts([0]), { sentence: 0, paragraph: 0, turn: 0 });
  });

  it('counts a new paragraph by another speaker as a turn, and one by the same speaker as a paragraph', () => {
    assert.deepEqual(gapCounts([0, 0, 1, 2, 2, 3], [0, 0, 1, 1, 1, 0]), { sentence: 2, paragraph: 1, turn: 2 });
  });

  it('puts the turn pause where the speaker changes and the paragraph pause where the same one goes on', () => {
    const out = assemble(
      [
        { samples: tone(1000), paragraph: 0, speaker: 0 },
        { samples: tone(500), paragraph: 1, speaker: 1 },
        { samples: tone(700), paragraph: 2, speaker: 1 },
      ],
      rate,
      { ...pauses, turn: 0.2 },
    );
    assert.deepEqual(out.spans, [
      { start: 0.1, end: 1.1 },
      { start: 1.3, end: 1.8 },
      { start: 2.6, end: 3.3 },
    ]);
  });
});
