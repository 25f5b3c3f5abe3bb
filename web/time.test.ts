import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clampTime, formatClock, parseTime, sliderText } from './time.js';

describe('formatClock', () => {
  it('shows minutes and zero-padded seconds', () => {
    assert.equal(formatClock(0), '0:00');
    assert.equal(formatClock(83.9), '1:23');
    assert.equal(formatClock(600), '10:00');
  });
  it('adds hours past an hour', () => {
    assert.equal(formatClock(3723), '1:02:03');
  });
  it('shows 0:00 for unknown, negative or infinite times', () => {
    assert.equal(formatClock(Number.NaN), '0:00');
    assert.equal(formatClock(-5), '0:00');
    assert.equal(formatClock(Infinity), '0:00');
  });
});

describe('sliderText', () => {
  it('reads as "1:23 of 1:30"', () => {
    assert.equal(sliderText(83, 90), '1:23 of 1:30');
  });
});

describe('parseTime', () => {
  it('reads plain seconds, with or without decimals', () => {
    assert.equal(parseTime('83'), 83);
    assert.equal(parseTime('83.5'), 83.5);
  });
  it('reads m:ss and h:mm:ss', () => {
    assert.equal(parseTime('1:23'), 83);
    assert.equal(parseTime('0:03'), 3);
    assert.equal(parseTime('1:02:03'), 3723);
  });
  it('reads 1m23s style', () => {
    assert.equal(parseTime('1m23s'), 83);
    assert.equal(parseTime('90s'), 90);
    assert.equal(parseTime('1h'), 3600);
  });
  it('returns null for malformed values instead of guessing', () => {
    for (const bad of ['', 'abc', '1:75', '1:60:00', '-3', '1::2', 'm', '1:2:3:4']) assert.equal(parseTime(bad), null, bad);
  });
});

describe('clampTime', () => {
  it('keeps a position between 0 and the duration', () => {
    assert.equal(clampTime(-4, 90), 0);
    assert.equal(clampTime(120, 90), 90);
    assert.equal(clampTime(45, 90), 45);
  });
  it('does not clamp to an unknown duration', () => {
    assert.equal(clampTime(120, Number.NaN), 120);
  });
});
