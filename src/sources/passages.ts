/**
 * Sources cut into passages of about `words` words (160 by default, kept between three quarters
 * and five quarters of that), so a script is written from, and checked against, pieces small
 * enough to quote. Cuts fall between paragraphs where they can and between sentences where they
 * must, never inside a sentence; a passage never spans two sources.
 *
 * @example
 *   splitPassages(sources)[0] // → { source: 0, index: 0, text: 'Chinchilla has 70 billion parameters. …' }
 */
import { countWords, splitParagraphs, splitSentences } from '../series/text.js';
import type { SourceText } from './source.js';

export interface Passage {
  /** Index of the source in the list given to splitPassages. */
  source: number;
  /** Position of the passage within its source, from 0. */
  index: number;
  /** Sentences joined by spaces, paragraphs by a blank line. */
  text: string;
}

export const DEFAULT_PASSAGE_WORDS = 160;

interface Sentence {
  text: string;
  words: number;
  opensParagraph: boolean;
}

function sentencesOf(text: string): Sentence[] {
  return splitParagraphs(text).flatMap((paragraph) =>
    splitSentences(paragraph).map((sentence, i) => ({ text: sentence, words: countWords(sentence), opensParagraph: i === 0 })),
  );
}

function render(sentences: readonly Sentence[]): string {
  let out = '';
  sentences.forEach((s, i) => {
    out += i === 0 ? s.text : `${s.opensParagraph ? '\n\n' : ' '}${s.text}`;
  });
  return out;
}

function group(sentences: readonly Sentence[], target: number): Sentence[][] {
  const min = Math.round(target * 0.75);
  const max = Math.round(target * 1.25);
  const groups: Sentence[][] = [];
  let current: Sentence[] = [];
  let count = 0;
  for (const sentence of sentences) {
    const full = count + sentence.words > max;
    const goodBreak = sentence.opensParagraph && count >= min;
    if (current.length > 0 && (full || goodBreak)) {
      groups.push(current);
      current = [];
      count = 0;
    }
    current.push(sentence);
    count += sentence.words;
  }
  if (current.length > 0) groups.push(current);
  // A short tail reads better as the end of the passage before it, when that still fits.
  const last = groups.at(-1);
  const before = groups.at(-2);
  const words = (g: Sentence[]) => g.reduce((n, s) => n + s.words, 0);
  if (last && before && words(last) < min && words(before) + words(last) <= max) {
    groups.splice(-2, 2, [...before, ...last]);
  }
  return groups;
}

export function splitPassages(sources: readonly SourceText[], options: { words?: number } = {}): Passage[] {
  const target = options.words ?? DEFAULT_PASSAGE_WORDS;
  if (!(target >= 4)) throw new RangeError(`passage length must be at least 4 words, not ${target}`);
  return sources.flatMap((source, s) =>
    group(sentencesOf(source.text), target).map((sentences, index) => ({ source: s, index, text: render(sentences) })),
  );
}
