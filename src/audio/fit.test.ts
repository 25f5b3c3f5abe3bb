import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planFit, type FitInput } from './fit.js';

const base: FitInput = {
  speechSeconds: 80,
  stretch: 1.1,
  words: 225,
  gaps: { sentence: 12, paragraph: 4 },
  pauses: { sentence: 0.35, paragraph: 0.7, lead: 0.25, tail: 0.6 },
  target: 90,
  tolerance: 5,
  minStretch: 0.95,
  maxStretch: 1.25,
};
const pauseTotal = 12 * 0.35 + 4 * 0.7;
const fixed = 0.85;

describe('planFit', () => {
  it('keeps everything as it is when the episode already lands near the target', () => {
    const speech = 90 - fixed - pauseTotal - 0.5;
    const plan = planFit({ ...base, speechSeconds: speech });
    assert.equal(plan.resynthesize, false);
    assert.deepEqual(plan.pauses, base.pauses);
    assert.ok(Math.abs(plan.expectedSeconds - 90) <= 1.5);
  });

  it('closes a small gap with pauses alone, without speaking again', () => {
    const speech = 90 - fixed - pauseTotal - 3; // three seconds short
    const plan = planFit({ ...base, speechSeconds: speech });
    assert.equal(plan.resynthesize, false);
    assert.ok(plan.pauses.sentence > base.pauses.sentence);
    assert.ok(Math.abs(plan.expectedSeconds - 90) < 1e-9);
  });

  it('changes the speaking rate in proportion when pauses cannot close the gap', () => {
    const plan = planFit({ ...base, speechSeconds: 75 });
    assert.equal(plan.resynthesize, true);
    const expectedStretch = (1.1 * (90 - fixed - pauseTotal)) / 75;
    assert.ok(Math.abs(plan.stretch - expectedStretch) < 0.001, `${plan.stretch} vs ${expectedStretch}`);
    assert.ok(Math.abs(plan.expectedSeconds - 90) < 0.1);
    assert.equal(plan.wordsToCut, undefined);
  });

  it('never goes beyond the rate bounds, and says how many words to cut from a script that is far too long', () => {
    const plan = planFit({ ...base, speechSeconds: 140, words: 390 });
    assert.equal(plan.stretch, base.minStretch);
    assert.ok(plan.expectedSeconds > 95);
    assert.ok(plan.wordsToCut !== undefined && plan.wordsToCut > 50, `wordsToCut ${plan.wordsToCut}`);
  });

  it('says how many words to add to a script that is far too short', () => {
    const plan = planFit({ ...base, speechSeconds: 30, words: 85 });
    assert.equal(plan.stretch, base.maxStretch);
    assert.ok(plan.wordsToCut !== undefined && plan.wordsToCut < -50, `wordsToCut ${plan.wordsToCut}`);
  });
});
