/**
 * Two or more hosts made to sound like one show: the same pace and the same loudness.
 *
 * Pace: each voice has its own seconds per letter (rms is slower than slt), so each host gets its
 * own stretch, chosen so every host speaks at one common pace; length fitting then moves a single
 * common rate. Loudness: each host's speech is measured (EBU R128) and gained to the hosts'
 * average before mastering, so the listener does not reach for the volume at every turn.
 *
 * @example
 *   matchedStretches([0.072, 0.081], 1, { min: 0.92, max: 1.2 });   // [1.061, 0.943]
 *   const { mastered, hosts } = masterDialogue(sentences, 2, 16000, pauses, meter);
 */
import { assemble, type Assembled, type Pauses, type SpokenSentence } from './assemble.js';
import type { LoudnessMeter } from './ebur128.js';
import { dbToGain } from './limiter.js';
import { master, type Mastered } from './master.js';

export interface StretchBounds {
  min: number;
  max: number;
}

/**
 * The pace every host is brought to: the geometric mean of theirs, so the hosts meet in the middle
 * and their stretches stay as close to 1 (their natural sound) as matching allows.
 */
export function referencePace(paces: readonly number[]): number {
  if (paces.length === 0) throw new RangeError('no paces to match');
  return Math.exp(paces.reduce((sum, pace) => sum + Math.log(pace), 0) / paces.length);
}

/**
 * Each host's stretch for a common rate: at rate 1 every host speaks at the reference pace
 * (stretch = reference / own pace). Kept within the bounds, which is where matching gives way.
 */
export function matchedStretches(paces: readonly number[], rate: number, bounds: StretchBounds): number[] {
  const reference = referencePace(paces);
  return paces.map((pace) => round(Math.min(bounds.max, Math.max(bounds.min, (rate * reference) / pace))));
}

/** The common rates over which at least one host's stretch still moves: the range length fitting may use. */
export function rateBounds(paces: readonly number[], bounds: StretchBounds): StretchBounds {
  const reference = referencePace(paces);
  return {
    min: Math.min(...paces.map((pace) => (bounds.min * pace) / reference)),
    max: Math.max(...paces.map((pace) => (bounds.max * pace) / reference)),
  };
}

export interface LoudnessMatch {
  /** The sentences, each gained by its speaker's gain. */
  pieces: Float32Array[];
  /** Integrated loudness of each speaker's speech as synthesised (LUFS; −Infinity if silent). */
  before: number[];
  /** Gain applied to each speaker, in dB. */
  gainsDb: number[];
}

/**
 * Brings every speaker's speech to the same integrated loudness — the average of the speakers'
 * own — so the mastering that follows moves them together.
 */
export function matchLoudness(
  pieces: readonly Float32Array[],
  speakers: readonly number[],
  count: number,
  sampleRate: number,
  meter: LoudnessMeter,
): LoudnessMatch {
  const before = Array.from({ length: count }, (_, speaker) =>
    meter.integrated(concat(pieces.filter((_, i) => speakers[i] === speaker)), sampleRate),
  );
  const audible = before.filter((lufs) => Number.isFinite(lufs));
  const target = audible.reduce((sum, lufs) => sum + lufs, 0) / Math.max(1, audible.length);
  const gainsDb = before.map((lufs) => (Number.isFinite(lufs) ? target - lufs : 0));
  return { pieces: applyGains(pieces, speakers, gainsDb), before, gainsDb };
}

/** Each sentence scaled by its speaker's gain in dB. */
export function applyGains(pieces: readonly Float32Array[], speakers: readonly number[], gainsDb: readonly number[]): Float32Array[] {
  return pieces.map((piece, i) => scale(piece, dbToGain(gainsDb[speakers[i]!] ?? 0)));
}

/** How each host came out of `masterDialogue`. */
export interface HostLoudness {
  /** Integrated loudness of the host's speech as synthesised. */
  before: number;
  gainDb: number;
  /** Integrated loudness of the host's speech in the master. */
  after: number;
}

/** Hosts further apart than this after mastering get one more, corrected pass. */
const AFTER_SPREAD_LU = 0.2;

/**
 * Assembles and masters a dialogue with every host at one loudness. The hosts are matched before
 * mastering; the limiter then takes more off a voice with sharper peaks, so their loudness in
 * the master is measured and, when they have drifted apart, the gains are corrected once.
 */
export function masterDialogue(
  sentences: readonly (SpokenSentence & { speaker: number })[],
  count: number,
  sampleRate: number,
  pauses: Pauses,
  meter: LoudnessMeter,
): { assembled: Assembled; mastered: Mastered; hosts: HostLoudness[] } {
  const pieces = sentences.map((s) => s.samples);
  const speakers = sentences.map((s) => s.speaker);
  const matched = matchLoudness(pieces, speakers, count, sampleRate, meter);
  const mix = (gainsDb: readonly number[]) => {
    const gained = applyGains(pieces, speakers, gainsDb);
    const assembled = assemble(sentences.map((s, i) => ({ ...s, samples: gained[i]! })), sampleRate, pauses);
    const mastered = master(assembled.samples, sampleRate, meter);
    const after = speakerLoudness(mastered.samples, sampleRate, assembled.spans, speakers, count, meter);
    return { assembled, mastered, after, gainsDb };
  };
  let result = mix(matched.gainsDb);
  const drift = (after: readonly number[]) => {
    const audible = after.filter((lufs) => Number.isFinite(lufs));
    const mean = audible.reduce((sum, lufs) => sum + lufs, 0) / Math.max(1, audible.length);
    return after.map((lufs) => (Number.isFinite(lufs) ? lufs - mean : 0));
  };
  const first = drift(result.after);
  if (first.some((d) => Math.abs(d) > AFTER_SPREAD_LU)) {
    const corrected = mix(result.gainsDb.map((gain, h) => gain - first[h]!));
    const spread = (d: number[]) => Math.max(...d.map(Math.abs));
    if (spread(drift(corrected.after)) < spread(first)) result = corrected;
  }
  return {
    assembled: result.assembled,
    mastered: result.mastered,
    hosts: matched.before.map((before, h) => ({ before, gainDb: result.gainsDb[h]!, after: result.after[h]! })),
  };
}

/** Integrated loudness of each speaker's sentences inside an assembled episode, found by their spans. */
export function speakerLoudness(
  samples: Float32Array,
  sampleRate: number,
  spans: readonly { start: number; end: number }[],
  speakers: readonly number[],
  count: number,
  meter: LoudnessMeter,
): number[] {
  return Array.from({ length: count }, (_, speaker) =>
    meter.integrated(
      concat(
        spans
          .filter((_, i) => speakers[i] === speaker)
          .map((span) => samples.subarray(Math.round(span.start * sampleRate), Math.round(span.end * sampleRate))),
      ),
      sampleRate,
    ),
  );
}

function concat(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function scale(samples: Float32Array, gain: number): Float32Array {
  if (gain === 1) return samples;
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = samples[i]! * gain;
  return out;
}

const round = (x: number) => Math.round(x * 1000) / 1000;
