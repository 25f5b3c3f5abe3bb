/**
 * Test support: the pitch of a voice, to tell two speakers apart in finished audio. Voiced frames
 * are found by normalised autocorrelation (the usual pitch tracker, kept plain); the median over
 * a stretch of speech is robust to the odd octave error.
 *
 * @example medianPitch(samples, 44100, [{ start: 0.25, end: 1.8 }]);   // ≈ 190 for Flite's slt
 */
export function medianPitch(
  samples: Float32Array,
  sampleRate: number,
  spans: readonly { start: number; end: number }[],
  { low = 60, high = 400 } = {},
): number {
  // Averaging four samples and keeping one is filter and decimation enough for a pitch below 400 Hz.
  const factor = Math.max(1, Math.floor(sampleRate / 11025));
  const rate = sampleRate / factor;
  const pitches: number[] = [];
  const window = Math.round(0.04 * rate);
  const hop = Math.round(0.02 * rate);
  const minLag = Math.floor(rate / high);
  const maxLag = Math.ceil(rate / low);
  for (const span of spans) {
    const from = Math.floor(span.start * sampleRate);
    const to = Math.min(samples.length, Math.ceil(span.end * sampleRate));
    const x = new Float32Array(Math.floor((to - from) / factor));
    for (let i = 0; i < x.length; i++) {
      let sum = 0;
      for (let k = 0; k < factor; k++) sum += samples[from + i * factor + k]!;
      x[i] = sum / factor;
    }
    for (let at = 0; at + window + maxLag < x.length; at += hop) {
      let energy = 0;
      for (let i = at; i < at + window; i++) energy += x[i]! * x[i]!;
      if (energy / window < 1e-4) continue; // silence or a whisper of noise
      let best = 0;
      let bestLag = 0;
      for (let lag = minLag; lag <= maxLag; lag++) {
        let cross = 0;
        let shifted = 0;
        for (let i = at; i < at + window; i++) {
          cross += x[i]! * x[i + lag]!;
          shifted += x[i + lag]! * x[i + lag]!;
        }
        const r = cross / Math.sqrt(energy * shifted || 1);
        if (r > best) {
          best = r;
          bestLag = lag;
        }
      }
      if (best > 0.6) pitches.push(rate / bestLag);
    }
  }
  pitches.sort((a, b) => a - b);
  return pitches[pitches.length >> 1] ?? NaN;
}
