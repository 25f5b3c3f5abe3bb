import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstStretch, planFit, type FitInput } from './fit.js';

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

  it('keeps a rate spoken before when the pauses at their limit land within the allowance, and only then', () => {
    const speech = 90 - fixed - pauseTotal * 0.6 + 1; // a second too long even with pauses at 0.6 of theirs
    assert.equal(planFit({ ...base, speechSeconds: speech }).resynthesize, true);
    const kept = planFit({ ...base, speechSeconds: speech, keepRateWithin: 1.25 });
    assert.equal(kept.resynthesize, false);
    assert.equal(kept.stretch, base.stretch);
    assert.ok(Math.abs(kept.pauses.sentence - 0.35 * 0.6) < 1e-9);
    assert.ok(Math.abs(kept.expectedSeconds - 91) < 1e-9);
    assert.equal(planFit({ ...base, speechSeconds: speech, keepRateWithin: 0.75 }).resynthesize, true);
    // Never further from the target than a fitted plan may land, whatever the allowance.
    assert.equal(planFit({ ...base, speechSeconds: speech + 1, keepRateWithin: 4 }).resynthesize, true);
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

  it('fits a dialogue as a whole: turn pauses count and scale with the others', () => {
    const dialogue: FitInput = {
      ...base,
      gaps: { sentence: 12, paragraph: 1, turn: 6 },
      pauses: { sentence: 0.35, paragraph: 0.7, turn: 0.4, lead: 0.25, tail: 0.6 },
    };
    const pauses = 12 * 0.35 + 1 * 0.7 + 6 * 0.4;
    // Speech that leaves 1.4 times the pauses to fill the target: too far off to leave as it is.
    const speech = 90 - fixed - 1.4 * pauses;
    const plan = planFit({ ...dialogue, speechSeconds: speech });
    assert.equal(plan.resynthesize, false);
    assert.ok(Math.abs(plan.pauses.turn! - 0.56) < 1e-9, `turn pause ${plan.pauses.turn}`);
    assert.ok(Math.abs(plan.expectedSeconds - 90) < 1e-9);
    // Without the turns counted, the same speech would seem far too short and be spoken again slower.
    const blind = planFit({ ...dialogue, speechSeconds: speech, gaps: { sentence: 12, paragraph: 1 } });
    assert.equal(blind.resynthesize, true);
    assert.ok(blind.stretch > dialogue.stretch);
  });
});

describe('firstStretch', () => {
  const error = 0.03;
  /** Whether speech that came out `factor` times the estimate, spoken at `stretch`, would be spoken again. */
  const spokenAgain = (estimate: number, stretch: number, factor: number) =>
    planFit({ ...base, stretch, speechSeconds: ((estimate * stretch) / base.stretch) * factor }).resynthesize;

  it('keeps the rate when the plan for the estimate holds for speech a few percent off either way', () => {
    const estimate = 90 - fixed - pauseTotal; // lands on the target with the pauses as set
    assert.equal(firstStretch({ ...base, speechSeconds: estimate }, 0.02), base.stretch);
    for (const factor of [0.98, 1.02]) assert.equal(spokenAgain(estimate, base.stretch, factor), false, `×${factor}`);
  });

  it('moves the rate when the estimate only just fits by the pauses, so a few percent off is still not spoken again', () => {
    const estimate = 90 - fixed - pauseTotal * 0.72; // the pauses near their shortest
    assert.equal(planFit({ ...base, speechSeconds: estimate }).resynthesize, false);
    assert.equal(spokenAgain(estimate, base.stretch, 1 + error), true, 'the kept rate would be spoken again');
    const stretch = firstStretch({ ...base, speechSeconds: estimate }, error);
    assert.ok(stretch < base.stretch, `${stretch}`);
    for (const factor of [1 - error, 1, 1 + error]) assert.equal(spokenAgain(estimate, stretch, factor), false, `×${factor}`);
  });

  it('takes the fitted rate when the estimate is too far off for the pauses, within the bounds', () => {
    const long = 90 - fixed - pauseTotal * 0.3;
    assert.equal(firstStretch({ ...base, speechSeconds: long }, error), planFit({ ...base, speechSeconds: long }).stretch);
    assert.equal(firstStretch({ ...base, speechSeconds: 120 }, error), base.minStretch);
  });
});
