/**
 * How long spoken text will take, before it is spoken: an engine's pace per letter times the
 * letters of the spoken form (numbers and jargon already written out). For Flite's rms voice this
 * predicts an episode's speech within about 2%.
 */

/** The largest error of that estimate seen on a whole episode (AI Training, Flite's rms): 3%. */
export const ESTIMATE_ERROR = 0.03;

export function estimateSpeechSeconds(spoken: readonly string[], secondsPerLetter: number, stretch: number): number {
  const letters = spoken.reduce((n, text) => n + text.replace(/[^a-z]/gi, '').length, 0);
  return letters * secondsPerLetter * stretch;
}
