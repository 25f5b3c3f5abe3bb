import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { medianPitch } from './pitch.js';

/** A buzzy voiced sound: a fundamental with falling harmonics. */
const voiced = (hz: number, rate: number, seconds: number) =>
  Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => {
    let sum = 0;
    for (let h = 1; h <= 6; h++) sum += Math.sin((2 * Math.PI * hz * h * i) / rate) / h;
    return 0.3 * sum;
  });

describe('medianPitch', () => {
  it('finds the fundamental of a low and a high voice', () => {
    for (const hz of [105, 190]) {
      const found = medianPitch(voiced(hz, 44100, 1), 44100, [{ start: 0, end: 1 }]);
      assert.ok(Math.abs(found / hz - 1) < 0.03, `${found} for ${hz}`);
    }
  });

  it('finds nothing in silence', () => {
    assert.ok(Number.isNaN(medianPitch(new Float32Array(44100), 44100, [{ start: 0, end: 1 }])));
  });
});
