import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findMatches, segmentsFor, statusText, stepMatch } from './search.js';

const texts = ['LoRA freezes the weights.', 'Low-rank adapters are small. lora is cheap.', 'Nothing here.'];

describe('findMatches', () => {
  it('finds every case-insensitive occurrence in reading order', () => {
    assert.deepEqual(findMatches(texts, 'lora'), [
      { cue: 0, start: 0, end: 4 },
      { cue: 1, start: 29, end: 33 },
    ]);
  });
  it('ignores queries shorter than two characters', () => {
    assert.deepEqual(findMatches(texts, ' a '), []);
  });
  it('treats regex characters literally', () => {
    assert.deepEqual(findMatches(['a (b) c.*'], '(b)'), [{ cue: 0, start: 2, end: 5 }]);
    assert.deepEqual(findMatches(['abc'], '.*'), []);
  });
  it('lets a space in the query match any run of whitespace', () => {
    assert.deepEqual(findMatches(['low   rank'], 'low rank'), [{ cue: 0, start: 0, end: 10 }]);
  });
});

describe('segmentsFor', () => {
  it('splits a cue into plain text and numbered matches', () => {
    const matches = findMatches(texts, 'lora');
    assert.deepEqual(segmentsFor(texts[1]!, matches, 1), [
      { text: 'Low-rank adapters are small. ', match: -1 },
      { text: 'lora', match: 1 },
      { text: ' is cheap.', match: -1 },
    ]);
  });
  it('returns the whole text for a cue without matches', () => {
    assert.deepEqual(segmentsFor('Nothing here.', [], 2), [{ text: 'Nothing here.', match: -1 }]);
  });
});

describe('stepMatch', () => {
  it('wraps around in both directions', () => {
    assert.equal(stepMatch(2, 3, 1), 0);
    assert.equal(stepMatch(0, 3, -1), 2);
    assert.equal(stepMatch(-1, 3, 1), 0);
    assert.equal(stepMatch(-1, 3, -1), 2);
  });
  it('returns -1 with no matches', () => {
    assert.equal(stepMatch(0, 0, 1), -1);
  });
});

describe('statusText', () => {
  it('counts matches, says when there are none, and is empty for short queries', () => {
    assert.equal(statusText('lora', 0, 2), '1 of 2');
    assert.equal(statusText('zzz', -1, 0), 'No matches');
    assert.equal(statusText('l', -1, 0), '');
  });
});
