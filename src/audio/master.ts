/**
 * Loudness mastering: brings an episode to the podcast target (−16 LUFS integrated) with peaks
 * kept under the ceiling. Gain is linear, so loudness after gain is known exactly; the limiter
 * takes a little loudness off the peaks, so a second, small correction follows it.
 */
import type { LoudnessMeter } from './ebur128.js';
import { dbToGain, limit, samplePeak, gainToDb } from './limiter.js';

export interface MasterOptions {
  targetLufs: number;
  /** Sample-peak ceiling in dBFS; kept below the −1 dBTP true-peak limit to leave room for resampling and MP3. */
  ceilingDb: number;
}

export const PODCAST_MASTER: MasterOptions = { targetLufs: -16, ceilingDb: -2 };

export interface Mastered {
  samples: Float32Array;
  /** Integrated loudness after mastering. */
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
  for (let pass = 0; pass < 2 && Math.abs(lufs - options.targetLufs) >= 0.1; pass++) {
    const gain = dbToGain(options.targetLufs - lufs);
    const louder = new Float32Array(current.length);
    for (let i = 0; i < current.length; i++) louder[i] = current[i]! * gain;
    current = samplePeak(louder) > ceiling ? limit(louder, { ceiling, sampleRate }) : louder;
    lufs = meter.integrated(current, sampleRate);
  }
  return { samples: current, lufs, peakDb: gainToDb(samplePeak(current)) };
}
