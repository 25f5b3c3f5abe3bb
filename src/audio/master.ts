/**
 * Loudness mastering: brings an episode to the podcast target (−16 LUFS integrated) with peaks
 * kept under the ceiling. Gain is linear, so loudness after gain is known exactly; the limiter
 * takes a little loudness off the peaks, so a second, small correction follows it.
 */
import type { LoudnessMeter } from './ebur128.js';
import { dbToGain, limit } from './limiter.js';

export interface MasterOptions {
  targetLufs: number;
  /** True-peak ceiling in dBTP; kept below the −1 dBTP limit to leave room for MP3 coding overshoot. */
  ceilingDb: number;
  /**
   * How much quieter the finished MP3 measures than the 16 kHz master. LAME's resampler and the
   * 64 kbps coder take away the top of the spectrum, which K-weighting counts extra: measured
   * 0.51–0.55 LU on every episode of the AI Training series. Mastering aims this much higher so
   * the file a listener gets lands on the target (`ninety verify` measures the MP3 itself).
   */
  encodingLossLu: number;
}

export const PODCAST_MASTER: MasterOptions = { targetLufs: -16, ceilingDb: -3, encodingLossLu: 0.5 };

export interface Mastered {
  samples: Float32Array;
  /** Integrated loudness of the master (before encoding). */
  lufs: number;
}

export function master(
  samples: Float32Array,
  sampleRate: number,
  meter: LoudnessMeter,
  options: MasterOptions = PODCAST_MASTER,
): Mastered {
  const ceiling = dbToGain(options.ceilingDb);
  const target = options.targetLufs + options.encodingLossLu;
  const measured = meter.integrated(samples, sampleRate);
  if (!Number.isFinite(measured)) throw new Error('the episode audio is silent');
  // The limiter takes a little loudness off the peaks, so the gain is measured again after the
  // first pass and corrected once. The correction is a fraction of a dB, so what it adds is known
  // exactly from the gain itself (the second limiting touches almost nothing).
  const first = limit(scale(samples, dbToGain(target - measured)), { ceiling, sampleRate });
  const afterFirst = meter.integrated(first, sampleRate);
  const correction = target - afterFirst;
  if (Math.abs(correction) < 0.1) return { samples: first, lufs: afterFirst };
  return { samples: limit(scale(first, dbToGain(correction)), { ceiling, sampleRate }), lufs: afterFirst + correction };
}

function scale(samples: Float32Array, gain: number): Float32Array {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! * gain;
  return out;
}
