import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { progressState, resumePosition } from './progress.js';

const at = (position: number, played = false, duration = 90) => ({ position, duration, played, updated: 0 });

describe('progressState', () => {
  it('is new without a record', () => {
    assert.deepEqual(progressState(null, 90), { kind: 'new' });
  });
  it('says Played for a finished episode', () => {
    assert.deepEqual(progressState(at(0, true), 90), { kind: 'played', label: 'Played' });
  });
  it('offers to resume with a fraction for the progress bar', () => {
    const state = progressState(at(42), 90);
    assert.equal(state.kind, 'started');
    if (state.kind !== 'started') return;
    assert.equal(state.label, 'Resume at 0:42');
    assert.ok(Math.abs(state.fraction - 42 / 90) < 1e-9);
  });
  it('uses the stored duration when the page has none', () => {
    const state = progressState(at(45, false, 90), 0);
    assert.equal(state.kind === 'started' && state.fraction, 0.5);
  });
  it('treats a position in the first seconds as not started', () => {
    assert.deepEqual(progressState(at(1), 90), { kind: 'new' });
  });
});

describe('resumePosition', () => {
  it('resumes a position in the middle', () => {
    assert.equal(resumePosition(at(42), 90), 42);
  });
  it('starts over when the episode was played or nearly finished', () => {
    assert.equal(resumePosition(at(42, true), 90), 0);
    assert.equal(resumePosition(at(88), 90), 0);
  });
  it('starts at 0 without a record', () => {
    assert.equal(resumePosition(null, 90), 0);
  });
});
