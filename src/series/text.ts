/**
 * Script text into paragraphs and sentences. Sentences are the unit of speech and of the
 * transcript, so splitting must never lose or reorder text: joined with single spaces, the
 * sentences of a paragraph are the paragraph with its whitespace collapsed.
 */

/** Paragraphs are separated by blank lines (lines that are empty or only whitespace). */
export function splitParagraphs(script: string): string[] {
  return script
    .split(/\r?\n[ \t]*\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** Abbreviations whose period does not end a sentence, lower-cased. */
const ABBREVIATIONS = new Set([
  'e.g.', 'i.e.', 'vs.', 'v.', 'etc.', 'al.', 'cf.', 'approx.', 'ca.', 'dr.', 'mr.', 'mrs.', 'ms.', 'prof.',
  'st.', 'fig.', 'figs.', 'eq.', 'sec.', 'vol.', 'pp.', 'ch.', 'gen.', 'sen.', 'rep.', 'gov.', 'lt.', 'col.',
  'sgt.', 'capt.', 'mt.', 'ft.', 'jan.', 'feb.', 'mar.', 'apr.', 'jun.', 'jul.', 'aug.', 'sep.', 'sept.', 'oct.',
  'nov.', 'dec.',
]);

/** Only before a number: "No. 5" continues, "The answer was no. Then" ends. */
const BEFORE_NUMBER = new Set(['no.', 'nos.', 'p.', 'ref.']);

const CLOSERS = /["'”’)\]»]*$/u;
const TERMINATED = /(?:[.!?…]+)["'”’)\]»]*$/u;
/** What may start the next sentence: a capital, a digit or a quote, possibly after an opening bracket; or "iPhone". */
const STARTS_SENTENCE = /^(?:[(\[]*[\p{Lu}\p{Nd}]|["“‘'«]|\p{Ll}+\p{Lu})/u;

function endsSentence(word: string, next: string): boolean {
  if (!TERMINATED.test(word) || !STARTS_SENTENCE.test(next)) return false;
  const bare = word.replace(CLOSERS, '').replace(/^["'“‘(\[«]+/u, '');
  if (/[!?…]$/.test(bare) || bare.endsWith('..')) return true;
  const lower = bare.toLowerCase();
  if (ABBREVIATIONS.has(lower)) return false;
  if (BEFORE_NUMBER.has(lower) && /^\d/.test(next)) return false;
  // Dotted initialisms ("U.S.", "a.m.") and single initials ("John F. Kennedy").
  if (/^(?:\p{L}\.){2,}$/u.test(bare) || /^\p{Lu}\.$/u.test(bare)) return false;
  return true;
}

/** Sentences of one paragraph, split after . ! ? or … (with any closing quote) before a new sentence. */
export function splitSentences(paragraph: string): string[] {
  const words = paragraph.split(/\s+/).filter((w) => w.length > 0);
  const sentences: string[] = [];
  let current: string[] = [];
  words.forEach((word, i) => {
    current.push(word);
    const next = words[i + 1];
    if (next === undefined || endsSentence(word, next)) {
      sentences.push(current.join(' '));
      current = [];
    }
  });
  return sentences;
}

/** One line of plain text: no control characters, no line breaks, at most `max` characters. */
export function plainLine(value: string | undefined, max: number): string {
  return (value ?? '').replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, max);
}

/** Whitespace-separated tokens, as a narrator's word count. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => w.length > 0).length;
}

export interface ScriptSentence {
  text: string;
  /** Index of the paragraph (from 0) the sentence belongs to. */
  paragraph: number;
}

/** Every sentence of a script, in order, with its paragraph. */
export function scriptSentences(script: string): ScriptSentence[] {
  return splitParagraphs(script).flatMap((p, paragraph) => splitSentences(p).map((text) => ({ text, paragraph })));
}
