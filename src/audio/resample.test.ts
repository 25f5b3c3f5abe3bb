import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resample } from './resample.js';

const sine = (hz: number, rate: number, seconds: number) =>
  Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => Math.sin((2 * Math.PI * hz * i) / rate));

/** Root-mean-square level of the middle of a signal (the edges lack neighbours to interpolate from). */
function rms(samples: Float32Array): number {
  const middle = samples.subarray(samples.length >> 3, samples.length - (samples.length >> 3));
  return Math.sqrt(middle.reduce((sum, x) => sum + x * x, 0) / middle.length);
}

describe('resample', () => {
  it('keeps the length in time and the waveform when going up from 8 kHz to 16 kHz', () => {
    const up = resample(sine(440, 8000, 0.5), 8000, 16000);
    assert.equal(up.length, 8000);
    const exact = sine(440, 16000, 0.5);
    let worst = 0;
    for (let i = 800; i < up.length - 800; i++) worst = Math.max(worst, Math.abs(up[i]! - exact[i]!));
    assert.ok(worst < 0.01, `largest error ${worst}`);
  });

  it('removes what the lower rate cannot carry when going down, instead of folding it back', () => {
    const kept = resample(sine(2000, 16000, 0.5), 16000, 8000);
    const above = resample(sine(6000, 16000, 0.5), 16000, 8000);
    assert.ok(Math.abs(rms(kept) - Math.SQRT1_2) < 0.02, `kept ${rms(kept)}`);
    assert.ok(rms(above) < 0.02, `6 kHz leaked at ${rms(above)}`);
  });

  it('returns the very samples when the rates already agree', () => {
    const samples = sine(100, 16000, 0.1);
    assert.equal(resample(samples, 16000, 16000), samples);
  });
});
