/**
 * Sample-rate conversion for dialogues whose voices speak at different rates (Flite's `kal` at
 * 8 kHz beside `rms` at 16 kHz, or a speech server at 24 kHz): band-limited interpolation with a
 * Blackman-windowed sinc. When going down, the kernel is widened so nothing above the new Nyquist
 * frequency folds back as a whistle. Voices that already agree are never touched.
 *
 * @example
 *   const at16k = resample(samplesAt8k, 8000, 16000);
 */
export function resample(samples: Float32Array, from: number, to: number, zeroCrossings = 16): Float32Array {
  if (from === to) return samples;
  const ratio = to / from;
  // Relative to the input rate: the lower of the two Nyquist frequencies.
  const cutoff = Math.min(1, ratio);
  const half = Math.ceil(zeroCrossings / cutoff);
  const out = new Float32Array(Math.round(samples.length * ratio));
  for (let j = 0; j < out.length; j++) {
    const x = j / ratio;
    const centre = Math.floor(x);
    let sum = 0;
    for (let k = Math.max(0, centre - half + 1); k <= Math.min(samples.length - 1, centre + half); k++) {
      const t = x - k;
      sum += samples[k]! * cutoff * sinc(cutoff * t) * blackman(t / half);
    }
    out[j] = sum;
  }
  return out;
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = Math.PI * x;
  return Math.sin(px) / px;
}

/** Blackman window over [−1, 1]. */
function blackman(u: number): number {
  if (u <= -1 || u >= 1) return 0;
  return 0.42 + 0.5 * Math.cos(Math.PI * u) + 0.08 * Math.cos(2 * Math.PI * u);
}
