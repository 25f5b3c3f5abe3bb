import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatSpeed, nearestSpeed, SPEEDS, stepSpeed } from './speed.js';

describe('speeds', () => {
  it('offers 0.75× to 2×', () => {
    assert.equal(SPEEDS[0], 0.75);
    assert.equal(SPEEDS[SPEEDS.length - 1], 2);
  });
  it('steps up and down and stops at the ends', () => {
    assert.equal(stepSpeed(1, 1), 1.25);
    assert.equal(stepSpeed(1, -1), 0.75);
    assert.equal(stepSpeed(2, 1), 2);
    assert.equal(stepSpeed(0.75, -1), 0.75);
  });
  it('snaps odd stored rates to the nearest offered speed', () => {
    assert.equal(nearestSpeed(1.3), 1.25);
    assert.equal(nearestSpeed(9), 2);
    assert.equal(nearestSpeed(Number.NaN), 1);
  });
  it('formats with a multiplication sign', () => {
    assert.equal(formatSpeed(1.25), '1.25×');
    assert.equal(formatSpeed(2), '2×');
  });
});
