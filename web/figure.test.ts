import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { controlValue } from './figure.js';

describe('figure controls', () => {
  it('reads a log slider as a power of ten, to four significant digits', () => {
    assert.equal(controlValue('23.75', 'log', true), 5.623e23);
  });

  it('reads a log2 slider as a whole power of two', () => {
    assert.equal(controlValue('6', 'log2', true), 64);
  });

  it('keeps a plain slider as its number and a select as its text', () => {
    assert.equal(controlValue('0.25', undefined, true), 0.25);
    assert.equal(controlValue('wsd', undefined, false), 'wsd');
  });
});
