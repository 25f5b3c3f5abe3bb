/**
 * Duration fitting: decides pauses and speaking rate so an episode lands on the series' target
 * length. Pauses are tried first because they cost nothing; the speaking rate (Flite's duration
 * stretch) is changed only when pauses cannot close the gap, and never beyond its bounds.
 * A dialogue is fitted as a whole: its turn pauses scale with the others, and `stretch` is the
 * hosts' common rate (see hosts.ts).
 */
export interface FitInput {
  /** Speech-only seconds (trimmed sentences, no pauses) at `stretch`. */
  speechSeconds: number;
  stretch: number;
  words: number;
  gaps: { sentence: number; paragraph: number; turn?: number };
  pauses: { sentence: number; paragraph: number; turn?: number; lead: number; tail: number };
  target: number;
  tolerance: number;
  minStretch: number;
  maxStretch: number;
  /**
   * Keep the rate whenever the pauses, at their limit, bring the episode within this many
   * seconds of the target: for speech that was spoken before at this rate (a small edit), where
   * a new rate would mean speaking every sentence again. Without it the plan aims at the target.
   * At most FIT_AIM_SECONDS, so a kept rate lands where a fitted one may.
   */
  keepRateWithin?: number;
}

export interface FitPlan {
  /** Stretch to synthesise at; equal to the input stretch when no new synthesis is needed. */
  stretch: number;
  resynthesize: boolean;
  pauses: { sentence: number; paragraph: number; turn?: number; lead: number; tail: number };
  /** Expected total seconds with this plan. */
  expectedSeconds: number;
  /** Set when even the bounded stretch cannot reach the target: how many words to cut (+) or add (−). */
  wordsToCut?: number;
}

/**
 * Pauses may shrink or grow this much before the speaking rate is touched; to keep a rate spoken
 * before (see keepRateWithin) they may shrink a little further, still clearly pauses.
 */
const PAUSE_SCALE = { min: 0.7, max: 1.5, keptMin: 0.6 };
/** Aim for the target within this many seconds when choosing a plan (tighter than the tolerance). */
export const FIT_AIM_SECONDS = 1.5;
const AIM = FIT_AIM_SECONDS;

export function planFit(input: FitInput): FitPlan {
  const { pauses, target } = input;
  const { fixed, pauseTotal } = silences(input);
  const total = (speech: number, scale: number) => speech + fixed + pauseTotal * scale;
  const scaled = (scale: number) => ({
    ...pauses,
    sentence: pauses.sentence * scale,
    paragraph: pauses.paragraph * scale,
    ...(pauses.turn !== undefined ? { turn: pauses.turn * scale } : {}),
  });

  const asIs = total(input.speechSeconds, 1);
  if (Math.abs(asIs - target) <= AIM) {
    return { stretch: input.stretch, resynthesize: false, pauses, expectedSeconds: asIs };
  }
  if (pauseTotal > 0) {
    const scale = (target - fixed - input.speechSeconds) / pauseTotal;
    if (scale >= PAUSE_SCALE.min && scale <= PAUSE_SCALE.max) {
      return { stretch: input.stretch, resynthesize: false, pauses: scaled(scale), expectedSeconds: target };
    }
    const limit = Math.min(PAUSE_SCALE.max, Math.max(PAUSE_SCALE.keptMin, scale));
    const atLimit = total(input.speechSeconds, limit);
    if (input.keepRateWithin !== undefined && Math.abs(atLimit - target) <= Math.min(AIM, input.keepRateWithin)) {
      return { stretch: input.stretch, resynthesize: false, pauses: scaled(limit), expectedSeconds: atLimit };
    }
  }
  const stretch = stretchFor(input, 1);
  const speech = (input.speechSeconds * stretch) / input.stretch;
  // Pauses take up what the bounded stretch could not.
  const scale = pauseTotal > 0
    ? Math.min(PAUSE_SCALE.max, Math.max(PAUSE_SCALE.min, (target - fixed - speech) / pauseTotal))
    : 1;
  const expectedSeconds = total(speech, scale);
  const plan: FitPlan = {
    stretch: round(stretch),
    resynthesize: Math.abs(stretch - input.stretch) > 1e-6,
    pauses: scaled(scale),
    expectedSeconds,
  };
  if (Math.abs(expectedSeconds - target) > input.tolerance) {
    const secondsPerWord = input.speechSeconds / Math.max(1, input.words);
    const perWordAtStretch = (secondsPerWord * stretch) / input.stretch;
    plan.wordsToCut = Math.round((expectedSeconds - target) / perWordAtStretch);
  }
  return plan;
}

/**
 * The rate to speak at first, when the speech is only estimated (see speech/pace.ts). The plan
 * for the estimate stands when it would stand for speech that much shorter or longer too;
 * otherwise the rate is chosen so the pauses land in the middle of their range, with room either
 * way. An estimate that only just fits (the pauses at their limit) would, a few percent off, mean
 * speaking the whole episode a second time.
 */
export function firstStretch(estimate: FitInput, relativeError: number): number {
  const plan = planFit(estimate);
  if (plan.resynthesize) return plan.stretch;
  const holds = [1 - relativeError, 1 + relativeError].every(
    (factor) => !planFit({ ...estimate, speechSeconds: estimate.speechSeconds * factor }).resynthesize,
  );
  // Pauses can shrink less than they can grow: aiming at the middle of their range leaves the
  // most room for an error either way.
  return holds ? estimate.stretch : round(stretchFor(estimate, (PAUSE_SCALE.min + PAUSE_SCALE.max) / 2));
}

/** Seconds of silence: before and after the speech (fixed), and between sentences at their set lengths. */
function silences({ pauses, gaps }: FitInput): { fixed: number; pauseTotal: number } {
  return {
    fixed: pauses.lead + pauses.tail,
    pauseTotal:
      gaps.sentence * pauses.sentence + gaps.paragraph * pauses.paragraph + (gaps.turn ?? 0) * (pauses.turn ?? pauses.paragraph),
  };
}

/**
 * The rate at which the speech fills the target with the pauses at `pauseScale` of their set
 * lengths, within the bounds. Duration scales in proportion to the stretch, so one new synthesis
 * lands where we aim.
 */
function stretchFor(input: FitInput, pauseScale: number): number {
  const { fixed, pauseTotal } = silences(input);
  const wanted = (input.stretch * (input.target - fixed - pauseTotal * pauseScale)) / input.speechSeconds;
  return Math.min(input.maxStretch, Math.max(input.minStretch, wanted));
}

const round = (x: number) => Math.round(x * 1000) / 1000;
