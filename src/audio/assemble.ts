/**
 * Joins sentence audio into one episode: each sentence's own leading and trailing silence is
 * trimmed, then pauses of a chosen length go between sentences (longer between paragraphs; in a
 * dialogue, a turn pause where the speaker changes). The exact start and end of every sentence
 * fall out of the sample counts.
 */
export interface SpokenSentence {
  samples: Float32Array;
  paragraph: number;
  /** Who says it, in a dialogue: a new paragraph by another speaker is a turn. */
  speaker?: number;
}

export interface Pauses {
  /** Seconds between sentences of one paragraph. */
  sentence: number;
  /** Seconds between paragraphs. */
  paragraph: number;
  /** Seconds between two speakers' turns in a dialogue; the paragraph pause when not given. */
  turn?: number;
  /** Seconds of room before the first word and after the last. */
  lead: number;
  tail: number;
}

export interface Assembled {
  samples: Float32Array;
  sampleRate: number;
  /** Start and end of each sentence in seconds, in order. */
  spans: { start: number; end: number }[];
}

/** Level below which a sample counts as silence at the edges of a sentence (−50 dBFS). */
const SILENCE = 10 ** (-50 / 20);
/** Kept on each side of the first and last audible sample, so consonants are not clipped. */
const EDGE_SECONDS = 0.02;

export function trimSilence(samples: Float32Array, sampleRate: number): Float32Array {
  let first = 0;
  while (first < samples.length && Math.abs(samples[first]!) < SILENCE) first++;
  if (first === samples.length) return samples.subarray(0, 0);
  let last = samples.length - 1;
  while (last > first && Math.abs(samples[last]!) < SILENCE) last--;
  const edge = Math.round(EDGE_SECONDS * sampleRate);
  return samples.subarray(Math.max(0, first - edge), Math.min(samples.length, last + 1 + edge));
}

/** Speech-only length of trimmed sentences, used to plan pauses and stretch before assembling. */
export function speechSeconds(sentences: readonly Float32Array[], sampleRate: number): number {
  return sentences.reduce((sum, s) => sum + s.length, 0) / sampleRate;
}

/** How many gaps of each kind lie between the sentences; a turn is a new paragraph by another speaker. */
export function gapCounts(
  paragraphs: readonly number[],
  speakers: readonly (number | undefined)[] = [],
): { sentence: number; paragraph: number; turn: number } {
  let sentence = 0;
  let paragraph = 0;
  let turn = 0;
  for (let i = 1; i < paragraphs.length; i++) {
    if (paragraphs[i] === paragraphs[i - 1]) sentence++;
    else if (speakers[i] !== speakers[i - 1]) turn++;
    else paragraph++;
  }
  return { sentence, paragraph, turn };
}

/** Sentences must already be trimmed (see trimSilence). */
export function assemble(sentences: readonly SpokenSentence[], sampleRate: number, pauses: Pauses): Assembled {
  const gap = (i: number) =>
    i === 0
      ? pauses.lead
      : sentences[i]!.paragraph === sentences[i - 1]!.paragraph
        ? pauses.sentence
        : sentences[i]!.speaker !== sentences[i - 1]!.speaker
          ? (pauses.turn ?? pauses.paragraph)
          : pauses.paragraph;
  const gapSamples = sentences.map((_, i) => Math.round(gap(i) * sampleRate));
  const total =
    sentences.reduce((sum, s, i) => sum + s.samples.length + gapSamples[i]!, 0) + Math.round(pauses.tail * sampleRate);
  const samples = new Float32Array(total);
  const spans: Assembled['spans'] = [];
  let at = 0;
  sentences.forEach((sentence, i) => {
    at += gapSamples[i]!;
    samples.set(sentence.samples, at);
    spans.push({ start: at / sampleRate, end: (at + sentence.samples.length) / sampleRate });
    at += sentence.samples.length;
  });
  return { samples, sampleRate, spans };
}
