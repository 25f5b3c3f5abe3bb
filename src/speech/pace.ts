/**
 * How long spoken text will take, before it is spoken: an engine's pace per letter times the
 * letters of the spoken form (numbers and jargon already written out). For Flite's rms voice this
 * predicts an episode's speech within about 2%.
 */
export function estimateSpeechSeconds(spoken: readonly string[], secondsPerLetter: number, stretch: number): number {
  const letters = spoken.reduce((n, text) => n + text.replace(/[^a-z]/gi, '').length, 0);
  return letters * secondsPerLetter * stretch;
}
