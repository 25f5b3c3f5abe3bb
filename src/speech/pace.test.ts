import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { estimateSpeechSeconds } from './pace.js';

describe('estimateSpeechSeconds', () => {
  it('counts only letters of the spoken form, scaled by pace and stretch', () => {
    assert.equal(estimateSpeechSeconds(['Hi, there!', 'ok 42'], 0.1, 1), 0.9);
    assert.equal(estimateSpeechSeconds(['abcd'], 0.1, 1.5), 0.4 * 1.5);
  });
});
