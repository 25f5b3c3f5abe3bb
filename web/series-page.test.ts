import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOrder, sortNumbers } from './series-page.js';

describe('series page order', () => {
  it('puts the newest (highest number) first by default', () => {
    assert.deepEqual(sortNumbers([2, 3, 1], 'newest'), [3, 2, 1]);
  });
  it('puts episode 1 first in curriculum order', () => {
    assert.deepEqual(sortNumbers([2, 3, 1], 'curriculum'), [1, 2, 3]);
  });
  it('reads a stored order, falling back to newest first', () => {
    assert.equal(parseOrder('curriculum'), 'curriculum');
    assert.equal(parseOrder(null), 'newest');
    assert.equal(parseOrder('sideways'), 'newest');
  });
});
