/**
 * How many words fill an episode's length for the voices that will say it. The estimate comes
 * from the same estimator `ninety check` and the build use (each voice's measured pace per
 * letter, the pauses between sentences, paragraphs and turns), applied to a calibration text of
 * ordinary spoken English, so a model is asked for the length the build will actually produce.
 *
 * @example
 *   targetWords(series, lexicon, 90) // ≈ 240 for Flite rms
 */
import { estimateSeconds } from '../series/lint.js';
import type { Lexicon, Series } from '../series/schema.js';

/** Plain spoken English of typical word and sentence length (about 4.6 letters a word, 12 words a sentence). */
const CALIBRATION = [
  'Think of a baker who tastes every loaf before it leaves the shop. She learns a little from each one.',
  'After a few thousand loaves, her sense of the dough is better than any recipe. That is the whole idea.',
  'The same thing happens here, at a much larger scale, and it costs real money to run.',
];

function calibrationScript(paragraphs: number, hosts?: readonly string[]): string {
  return Array.from({ length: paragraphs }, (_, i) => {
    const text = CALIBRATION.join(' ');
    return hosts ? `${hosts[i % hosts.length]}: ${text}` : text;
  }).join('\n\n');
}

export function targetWords(series: Series, lexicon: Lexicon, seconds: number): number {
  const hosts = series.hosts?.map((h) => h.name);
  const content = { dir: '', series, lexicon, episodes: [] };
  // Two calibration lengths give the seconds per word and the fixed part (lead-in, tail).
  const short = calibrationScript(2, hosts);
  const long = calibrationScript(8, hosts);
  const words = (script: string) => script.split(/\s+/).filter((w) => !w.endsWith(':')).length;
  const perWord = (estimateSeconds(long, content) - estimateSeconds(short, content)) / (words(long) - words(short));
  const fixed = estimateSeconds(short, content) - perWord * words(short);
  return Math.max(20, Math.round((seconds - fixed) / perWord));
}
