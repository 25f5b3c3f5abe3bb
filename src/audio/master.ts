/**
 * Loudness mastering: brings an episode to the podcast target (−16 LUFS integrated) with peaks
 * kept under the ceiling. The loudness reported is the master's own, measured.
 */
import type { LoudnessMeter } from './ebur128.js';
import { dbToGain, limiter } from './limiter.js';

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
  /** Integrated loudness of the master (before encoding), as measured. */
  lufs: number;
}

/**
 * Unweighted energy undercounts the loudness that limiting takes: BS.1770 weights the upper
 * frequencies, where the limiter's quick gain changes fall, above the rest. Measured on every
 * episode of the AI Training series, the loudness lost was 1.09–1.23 times the energy lost.
 */
const LOUDNESS_PER_ENERGY_LOST = 1.15;
/** How close to the target the master must measure. */
const TOLERANCE_LU = 0.05;
/** Gains tried at most: a miss is aimed again, at most twice. */
const AIMS = 3;

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
  // Gain is linear, so loudness before limiting is known for any gain; the limiter's loss is
  // estimated from the energy it removes, and the result is measured. A measurement costs as much
  // as the rest of mastering together, so the aim is to need only one after the first.
  const peaks = limiter(samples, { ceiling, sampleRate, maxGain: dbToGain(target - measured + 2) });
  const lossDb = (gainDb: number) => LOUDNESS_PER_ENERGY_LOST * peaks.energyLossDb(dbToGain(gainDb));
  let gainDb = target - measured;
  // The loss grows by about a third of any gain added, so a few steps settle the aim.
  for (let step = 0; step < 4; step++) gainDb = target - measured + lossDb(gainDb);
  const out = new Float32Array(samples.length);
  let lufs = meter.integrated(peaks.apply(dbToGain(gainDb), out), sampleRate);
  for (let aim = 1; aim < AIMS && Math.abs(target - lufs) > TOLERANCE_LU; aim++) {
    // The estimate misses by about as much at nearby gains: aim again by the miss, over the part
    // of a gain change that survives limiting.
    const kept = 1 - (lossDb(gainDb + 0.1) - lossDb(gainDb)) / 0.1;
    gainDb += (target - lufs) / Math.max(0.25, kept);
    lufs = meter.integrated(peaks.apply(dbToGain(gainDb), out), sampleRate);
  }
  return { samples: out, lufs };
}
