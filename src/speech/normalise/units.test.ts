import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SCALE_PATTERN, SPACED_UNIT_PATTERN, UNITS, UNIT_PATTERN } from './units.js';

describe('unit patterns', () => {
  it('match a whole unit, preferring the longest ("GB/s" over "GB")', () => {
    const re = new RegExp(`^(?:${UNIT_PATTERN})`);
    assert.equal(re.exec('GB/s')?.[0], 'GB/s');
    assert.equal(re.exec('kWh')?.[0], 'kWh');
    assert.equal(re.exec('°C')?.[0], '°C');
  });

  it('leave short units out of the spaced pattern, so "5 s" is not "five seconds" by accident', () => {
    const re = new RegExp(`^(?:${SPACED_UNIT_PATTERN})$`);
    assert.equal(re.test('GB'), true);
    assert.equal(re.test('s'), false);
    assert.equal(re.test('W'), false);
  });

  it('cover the scale letters', () => {
    const re = new RegExp(`^(?:${SCALE_PATTERN})$`);
    for (const s of ['K', 'M', 'B', 'T', 'bn']) assert.equal(re.test(s), true, s);
  });

  it('say every unit with letters and spaces only', () => {
    for (const [key, unit] of Object.entries(UNITS)) {
      assert.match(`${unit.one} ${unit.many}`, /^[a-zA-Z ]+$/, key);
    }
  });
});
