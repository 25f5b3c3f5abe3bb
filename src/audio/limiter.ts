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

/** The limited signal at unity gain (see `limiter` for one signal at several gains). */
export function limit(samples: Float32Array, options: LimiterOptions): Float32Array {
  return limiter(samples, options).apply(1, new Float32Array(samples.length));
}

/** One signal's limiter, ready to limit it at any gain. */
export interface GainLimiter {
  /**
   * How much plain (unweighted) energy limiting takes away at this gain, in dB: a guide to the
   * loudness it takes, found without a loudness measurement.
   */
  energyLossDb(gain: number): number;
  /** The signal times `gain`, limited, written into `out` (as long as the signal), which is returned. */
  apply(gain: number, out: Float32Array): Float32Array;
}

/**
 * Mastering tries a few gains on one signal. The true-peak envelope, the costly part, scales with
 * the gain, so it is found once and serves every gain up to `maxGain` (found again past it).
 */
export function limiter(samples: Float32Array, options: LimiterOptions & { maxGain?: number }): GainLimiter {
  const { ceiling, sampleRate } = options;
  const n = samples.length;
  let envelopeUpTo = Math.max(1, options.maxGain ?? 1);
  let envelope = truePeakEnvelope(samples, ceiling / (2 * envelopeUpTo));
  const attack = Math.exp(-1 / ((options.attackSeconds ?? 0.002) * sampleRate));
  const release = Math.exp(-1 / ((options.releaseSeconds ?? 0.06) * sampleRate));
  const gains = new Float32Array(n);
  let gainsFor = Number.NaN;
  let keptEnergy = 0;

  /**
   * Fills `gains` with the gain reduction at `gain` (each peak brought to the ceiling, smoothly)
   * and sums the energy the limited signal keeps. Two passes over local variables: these loops
   * run a few times an episode over a million and a half samples.
   */
  const reduce = (gain: number) => {
    if (gain === gainsFor) return;
    if (gain > envelopeUpTo) {
      envelopeUpTo = gain;
      envelope = truePeakEnvelope(samples, ceiling / (2 * gain));
    }
    const levels = envelope;
    const out = gains;
    // Backward: the gain each peak needs, falling `attack` before it.
    let next = 1;
    for (let i = n - 1; i >= 0; i--) {
      const level = levels[i]! * gain;
      const needed = level > ceiling ? ceiling / level : 1;
      const ramp = 1 - (1 - next) * attack;
      next = needed < ramp ? needed : ramp;
      out[i] = next;
    }
    // Forward: the gain recovers slowly after each peak.
    let held = 1;
    let kept = 0;
    for (let i = 0; i < n; i++) {
      const recovering = 1 - (1 - held) * release;
      const here = out[i]!;
      held = here < recovering ? here : recovering;
      out[i] = held;
      const sample = samples[i]! * held;
      kept += sample * sample;
    }
    keptEnergy = kept;
    gainsFor = gain;
  };

  let plainEnergy = 0;
  for (let i = 0; i < n; i++) plainEnergy += samples[i]! * samples[i]!;

  return {
    energyLossDb(gain) {
      reduce(gain);
      // Limiting only takes energy away; max() also makes the no-loss case +0.
      return keptEnergy > 0 ? Math.max(0, -10 * Math.log10(keptEnergy / plainEnergy)) : 0;
    },
    apply(gain, out) {
      if (out.length !== n) throw new Error(`expected an output of ${n} samples, got ${out.length}`);
      reduce(gain);
      const reduction = gains;
      for (let i = 0; i < n; i++) out[i] = samples[i]! * gain * reduction[i]!;
      return out;
    },
  };
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
