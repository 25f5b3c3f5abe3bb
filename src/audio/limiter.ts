/**
 * A look-ahead peak limiter. Speech normalised to −16 LUFS peaks above −1 dBTP (Flite's crest
 * factor is about 16 dB), so the loudest syllables are turned down smoothly instead of clipped.
 * The gain falls before a peak (look-ahead) and recovers after it (release).
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
  const gain = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const level = Math.abs(samples[i]!);
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
