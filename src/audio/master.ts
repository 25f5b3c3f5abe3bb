/**
 * Loudness mastering: brings an episode to the podcast target (−16 LUFS integrated) with peaks
 * kept under the ceiling. Gain is linear, so loudness after gain is known exactly; the limiter
 * takes a little loudness off the peaks, so a second, small correction follows it.
 */
import type { LoudnessMeter } from './ebur128.js';
import { dbToGain, gainToDb, limit, truePeakEnvelope } from './limiter.js';

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
  peakDb: number;
}

export function master(
  samples: Float32Array,
  sampleRate: number,
  meter: LoudnessMeter,
  options: MasterOptions = PODCAST_MASTER,
): Mastered {
  const ceiling = dbToGain(options.ceilingDb);
  let current = samples;
  let lufs = meter.integrated(current, sampleRate);
  if (!Number.isFinite(lufs)) throw new Error('the episode audio is silent');
  const target = options.targetLufs + options.encodingLossLu;
  for (let pass = 0; pass < 2 && Math.abs(lufs - target) >= 0.1; pass++) {
    const gain = dbToGain(target - lufs);
    const louder = new Float32Array(current.length);
    for (let i = 0; i < current.length; i++) louder[i] = current[i]! * gain;
    current = limit(louder, { ceiling, sampleRate });
    lufs = meter.integrated(current, sampleRate);
  }
  let peak = 0;
  for (const level of truePeakEnvelope(current)) if (level > peak) peak = level;
  return { samples: current, lufs, peakDb: gainToDb(peak) };
}
