import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createFliteEngine } from '../speech/flite.js';
import { decodeMp3 } from './decode.js';
import { loudnessMeter, type LoudnessMeter } from './ebur128.js';
import { dbToGain, limit, limiter, samplePeak, truePeakEnvelope } from './limiter.js';
import { master } from './master.js';
import { encodeMp3 } from './mp3.js';

describe('loudness', () => {
  let meter: LoudnessMeter;
  let speech: Float32Array;
  before(async () => {
    meter = await loudnessMeter();
    const engine = await createFliteEngine();
    const parts: Float32Array[] = [];
    for (const text of [
      'Pre-training turns trillions of tokens into a model.',
      'Every step predicts the next token and learns from the error.',
      'Quiet moments matter too, so the meter must gate them out.',
    ]) {
      parts.push((await engine.synthesize(text, { voice: 'rms', stretch: 1.1 })).samples);
    }
    speech = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) (speech.set(p, at), (at += p.length));
  });

  it('measures a full-scale 1 kHz sine near −3 LUFS, as BS.1770 defines', () => {
    const sine = Float32Array.from({ length: 48000 * 3 }, (_, i) => Math.sin((2 * Math.PI * 1000 * i) / 48000));
    assert.ok(Math.abs(meter.integrated(sine, 48000) - -3.01) < 0.1);
  });

  it('masters real speech to the target plus the expected encoding loss, true peak under the ceiling', () => {
    const mastered = master(speech, 16000, meter);
    assert.ok(Math.abs(mastered.lufs - -15.5) <= 0.05, `lufs ${mastered.lufs}`);
    assert.equal(mastered.lufs, meter.integrated(mastered.samples, 16000), 'the loudness reported is the one measured');
    // Gain moves between samples, so the peak between them may exceed the ceiling by a hair.
    const peakDb = 20 * Math.log10(samplePeak(truePeakEnvelope(mastered.samples)));
    assert.ok(peakDb <= -3 + 0.05, `peak ${peakDb}`);
    assert.ok(meter.truePeakDb(mastered.samples, 16000) <= -2.5, 'BS.1770 true peak agrees within half a dB');
  });

  it('keeps −16 ± 1 LUFS and true peak ≤ −1 dBTP after resampling to 44.1 kHz and MP3 encoding', async () => {
    const mastered = master(speech, 16000, meter);
    const decoded = await decodeMp3(await encodeMp3(mastered.samples, 16000));
    assert.equal(decoded.sampleRate, 44100);
    assert.equal(decoded.channels, 1);
    const lufs = meter.integrated(decoded.samples, 44100);
    const truePeak = meter.truePeakDb(decoded.samples, 44100);
    assert.ok(Math.abs(lufs - -16) <= 0.3, `lufs ${lufs}`);
    assert.ok(truePeak <= -1, `true peak ${truePeak}`);
  });

  it('finds the peak between samples that a sample-peak meter misses', () => {
    // A sine at a quarter of the sample rate, phased so every sample lands 3 dB below its crest.
    const sine = Float32Array.from({ length: 400 }, (_, i) => Math.sin((Math.PI / 2) * i + Math.PI / 4));
    assert.ok(Math.abs(samplePeak(sine) - Math.SQRT1_2) < 1e-6);
    assert.ok(samplePeak(truePeakEnvelope(sine)) > 0.98);
  });

  it('measures the loudness at most three times, and twice when the limiter\'s loss is estimated well', () => {
    let measurements = 0;
    const counting: LoudnessMeter = { ...meter, integrated: (samples, rate) => (measurements++, meter.integrated(samples, rate)) };
    master(speech, 16000, counting);
    assert.ok(measurements >= 2 && measurements <= 3, `${measurements} measurements`);
    // A target far below the speech needs no limiting: the gain alone lands it, measured once after.
    measurements = 0;
    const quiet = master(speech, 16000, counting, { targetLufs: -40, ceilingDb: -3, encodingLossLu: 0 });
    assert.equal(measurements, 2);
    assert.ok(Math.abs(quiet.lufs - -40) < 0.01, `lufs ${quiet.lufs}`);
  });

  it('limits one signal at any gain as it limits the signal scaled by that gain', () => {
    const options = { ceiling: dbToGain(-3), sampleRate: 16000 };
    const peaks = limiter(speech, { ...options, maxGain: 4 });
    for (const gain of [0.5, 2, 4, 6]) {
      const scaled = speech.map((x) => x * gain);
      const expected = limit(scaled, options);
      const got = peaks.apply(gain, new Float32Array(speech.length));
      let worst = 0;
      for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i]! - expected[i]!));
      assert.ok(worst < 1e-5, `gain ${gain}: differs by ${worst}`);
      assert.ok(samplePeak(got) <= dbToGain(-3) + 1e-6, `gain ${gain}: peak ${samplePeak(got)}`);
    }
    assert.equal(peaks.energyLossDb(0.01), 0, 'nothing reaches the ceiling: no energy is lost');
    assert.ok(peaks.energyLossDb(6) > peaks.energyLossDb(2), 'more gain, more limiting');
  });

  it('limits peaks to the ceiling without touching quiet passages', () => {
    const loud = Float32Array.from({ length: 4000 }, (_, i) => (i > 2000 && i < 2100 ? 0.99 : 0.1) * Math.sin(i / 3));
    const out = limit(loud, { ceiling: dbToGain(-6), sampleRate: 16000 });
    assert.ok(samplePeak(out) <= dbToGain(-6) + 1e-6);
    assert.ok(samplePeak(truePeakEnvelope(out)) <= dbToGain(-6) + 1e-3, 'between samples too');
    assert.ok(Math.abs(out[100]! - loud[100]!) < 1e-6, 'far from the peak the signal is unchanged');
  });
});
