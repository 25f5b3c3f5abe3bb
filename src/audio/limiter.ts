/**
 * A look-ahead true-peak limiter. Speech normalised to −16 LUFS peaks above −1 dBTP (Flite's crest
 * factor is about 16 dB), so the loudest syllables are turned down smoothly instead of clipped.
 * The gain falls before a peak (look-ahead) and recovers after it (release).
 *
 * Why true peak: Flite speaks at 16 kHz with energy up to its Nyquist frequency, so the waveform
 * between samples rises about 2 dB above the highest sample, and resampling to 44.1 kHz brings
 * those peaks out. The limiter therefore works on a 4× oversampled peak estimate, as BS.1770 does.
 */
export interface LimiterOptions {
  /** Highest allowed absolute sample value (linear). */
  ceiling: number;
  sampleRate: number;
  attackSeconds?: number;
  releaseSeconds?: number;
}

export function limit(samples: Float32Array, options: LimiterOptions): Float32Array {
  const { ceiling, sampleRate } = options;
  const n = samples.length;
  const envelope = truePeakEnvelope(samples, ceiling / 2);
  const gain = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const level = envelope[i]!;
    gain[i] = level > ceiling ? ceiling / level : 1;
  }
  // Backward pass: gain starts falling `attack` before each peak.
  const attack = Math.exp(-1 / ((options.attackSeconds ?? 0.002) * sampleRate));
  for (let i = n - 2; i >= 0; i--) {
    const ramp = 1 - (1 - gain[i + 1]!) * attack;
    if (ramp < gain[i]!) gain[i] = ramp;
  }
  // Forward pass: gain recovers slowly after each peak.
  const release = Math.exp(-1 / ((options.releaseSeconds ?? 0.06) * sampleRate));
  for (let i = 1; i < n; i++) {
    const held = 1 - (1 - gain[i - 1]!) * release;
    if (held < gain[i]!) gain[i] = held;
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = samples[i]! * gain[i]!;
  return out;
}

/** Half the taps of each interpolation filter: 8 either side is within 0.1 dB for speech. */
const HALF_TAPS = 8;
const PHASES = [0.25, 0.5, 0.75];

/** Windowed-sinc filters that interpolate a signal at the quarter positions between samples. */
const INTERPOLATORS = PHASES.map((phase) =>
  Float64Array.from({ length: 2 * HALF_TAPS }, (_, j) => {
    const t = j - HALF_TAPS + 1 - phase; // distance from the interpolated point to sample i + (j - HALF_TAPS + 1)
    const sinc = Math.abs(t) < 1e-9 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
    const hann = 0.5 + 0.5 * Math.cos((Math.PI * t) / HALF_TAPS);
    return sinc * hann;
  }),
);

/**
 * For each sample, the largest absolute level from it to the next sample, 4× oversampled.
 * Between two samples both quieter than `floor`, a speech waveform never rises to twice their
 * level, so the (costly) interpolation is done only near loud samples; elsewhere the sample
 * level stands. With floor = ceiling / 2 the limiter sees every peak that could cross it.
 */
export function truePeakEnvelope(samples: Float32Array, floor = 0): Float32Array {
  const n = samples.length;
  const out = new Float32Array(n);
  const taps = 2 * HALF_TAPS;
  for (let i = 0; i < n; i++) {
    const level = Math.abs(samples[i]!);
    let peak = level;
    const next = i + 1 < n ? Math.abs(samples[i + 1]!) : 0;
    if ((level >= floor || next >= floor) && i >= HALF_TAPS - 1 && i + HALF_TAPS < n) {
      const start = i - HALF_TAPS + 1;
      for (let p = 0; p < INTERPOLATORS.length; p++) {
        const filter = INTERPOLATORS[p]!;
        let sum = 0;
        for (let j = 0; j < taps; j++) sum += samples[start + j]! * filter[j]!;
        if (sum > peak) peak = sum;
        else if (-sum > peak) peak = -sum;
      }
    }
    out[i] = peak;
  }
  return out;
}

export function samplePeak(samples: Float32Array): number {
  let peak = 0;
  for (let i = 0; i < samples.length; i++) {
    const level = Math.abs(samples[i]!);
    if (level > peak) peak = level;
  }
  return peak;
}

export const dbToGain = (db: number) => 10 ** (db / 20);
export const gainToDb = (gain: number) => 20 * Math.log10(gain);
