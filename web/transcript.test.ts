import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cueIndexAt, followDelta, shouldFollow, USER_SCROLL_QUIET_MS } from './transcript.js';

describe('cueIndexAt', () => {
  const starts = [0, 2.5, 5, 7.25];
  it('finds the last cue starting at or before the time', () => {
    assert.equal(cueIndexAt(starts, 0), 0);
    assert.equal(cueIndexAt(starts, 2.49), 0);
    assert.equal(cueIndexAt(starts, 2.5), 1);
    assert.equal(cueIndexAt(starts, 6), 2);
    assert.equal(cueIndexAt(starts, 100), 3);
  });
  it('returns -1 before the first cue and for an empty transcript', () => {
    assert.equal(cueIndexAt([1, 2], 0.5), -1);
    assert.equal(cueIndexAt([], 3), -1);
  });
  it('agrees with a linear scan over many cues', () => {
    const many = Array.from({ length: 500 }, (_, i) => i * 0.37);
    for (let t = -1; t < 200; t += 0.93) {
      let expected = -1;
      many.forEach((s, i) => {
        if (s <= t) expected = i;
      });
      assert.equal(cueIndexAt(many, t), expected, `t=${t}`);
    }
  });
});

describe('followDelta', () => {
  const view = { top: 0, height: 1000 };
  it('keeps still while the line is comfortably in view', () => {
    assert.equal(followDelta({ top: 400, height: 30 }, view), null);
  });
  it('scrolls a line below the comfortable band up to a third of the view', () => {
    assert.ok(Math.abs((followDelta({ top: 900, height: 30 }, view) ?? 0) - (900 - 1000 / 3)) < 1e-9);
  });
  it('scrolls back to a line above the view', () => {
    assert.ok((followDelta({ top: -200, height: 30 }, view) ?? 0) < 0);
  });
  it('accounts for a band that starts below a sticky player', () => {
    assert.notEqual(followDelta({ top: 120, height: 30 }, { top: 150, height: 600 }), null);
  });
});

describe('shouldFollow', () => {
  it('follows unless the listener scrolled recently or following is off', () => {
    assert.equal(shouldFollow(10_000, -Infinity, true), true);
    assert.equal(shouldFollow(10_000, 10_000 - USER_SCROLL_QUIET_MS / 2, true), false);
    assert.equal(shouldFollow(10_000, 10_000 - USER_SCROLL_QUIET_MS, true), true);
    assert.equal(shouldFollow(10_000, -Infinity, false), false);
  });
});
