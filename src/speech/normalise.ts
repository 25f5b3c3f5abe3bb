/**
 * The spoken form of a sentence: what the voice is given instead of the written text.
 * Flite reads digits, symbols and acronyms badly, so each sentence is rewritten in plain
 * words before speech, in this order: lexicon entries (so "IA³" or "GPT-3" win), written
 * abbreviations, numbers with their units, then symbols. The transcript keeps the written
 * form. `unsayable` is the matching lint: what would still come out wrong.
 */
import { normalisesLanguage } from './languages.js';
import { speakAbbreviations } from './normalise/abbreviations.js';
import { applyLexicon, findLexiconTerms } from './normalise/lexicon.js';
import { spellLetters } from './normalise/letters.js';
import { speakNumbers } from './normalise/quantities.js';
import { speakSymbols, tidySpoken } from './normalise/symbols.js';
import { UNITS } from './normalise/units.js';

export interface Unsayable {
  /** Where the token starts in the text given to `unsayable`, or -1 if only the spoken form has it. */
  index: number;
  token: string;
  /** What to do about it, in words a script writer can act on. */
  reason: string;
}

const SPACES = /[\u00a0\u2000-\u200b\u202f]/g;

/** The sentence as the voice should say it: letters, spaces and . , ? ! ' - : ; only. */
export function toSpoken(sentence: string, lexicon: Record<string, string>): string {
  let out = sentence.normalize('NFC').replace(SPACES, ' ');
  out = applyLexicon(out, lexicon);
  out = speakAbbreviations(out);
  out = speakNumbers(out);
  out = speakSymbols(out);
  return tidySpoken(out);
}

/**
 * The spoken form for a series in `language`: English is normalised (`toSpoken`); any other
 * language goes to the voice as written, with only the lexicon applied, since the rules for
 * numbers and symbols are English. For English the result is exactly `toSpoken`'s.
 */
export function spokenForm(sentence: string, lexicon: Record<string, string>, language: string): string {
  if (normalisesLanguage(language)) return toSpoken(sentence, lexicon);
  return applyLexicon(sentence.normalize('NFC').replace(SPACES, ' '), lexicon).replace(/\s+/g, ' ').trim();
}

/** Anything Flite cannot say: letters (with their accents), spaces and light punctuation are fine. */
const LEFTOVER = /[^\p{L}\p{M}\s.,?!'\-:;]+/gu;

/** Word tokens; digits are included so that names like "A100" are seen whole and skipped. */
const TOKEN = /[\p{L}\p{M}\p{Nd}]+/gu;

function jargonReason(token: string): { term: string; reason: string } | undefined {
  if (/\d/.test(token)) return undefined;
  const letters = token.replace(/\p{M}/gu, '');
  const plural = /^\p{Lu}{2,}s$/u.test(letters);
  const allCaps = /^\p{Lu}{2,}$/u.test(letters);
  const mixed = /\p{Ll}/u.test(letters) && /\p{Lu}/u.test(letters.slice(1));
  if (allCaps) {
    return {
      term: token,
      reason: `add "${token}" to lexicon.yaml with how to say it (for letters one by one: "${token}: ${spellLetters(token)}")`,
    };
  }
  if (plural) {
    const single = token.slice(0, -1);
    return {
      term: token,
      reason: `add "${single}" to lexicon.yaml with how to say it ("${token}" is then said as its plural)`,
    };
  }
  if (mixed) return { term: token, reason: `add "${token}" to lexicon.yaml with how to say it` };
  return undefined;
}

function leftoverReason(token: string): string {
  if (/\d/.test(token)) return `the digits "${token}" would be read out badly: write the number in words`;
  return `the voice cannot say "${token}": write it in words, or add the term that contains it to lexicon.yaml`;
}

/**
 * What would still come out wrong: characters left after `toSpoken` that are neither letters
 * nor light punctuation, and jargon in the written text (all-capitals like "FSDP", or capitals
 * inside a word like "LoRA" or "PyTorch") that has no lexicon entry. Each token is reported
 * once, at its first position, in order of position.
 */
export function unsayable(text: string, lexicon: Record<string, string>): Unsayable[] {
  const found: Unsayable[] = [];

  const spoken = toSpoken(text, lexicon);
  const seenLeftover = new Set<string>();
  for (const m of spoken.matchAll(LEFTOVER)) {
    const token = m[0];
    if (seenLeftover.has(token)) continue;
    seenLeftover.add(token);
    found.push({ index: text.indexOf(token), token, reason: leftoverReason(token) });
  }

  const covered = findLexiconTerms(text, lexicon);
  const isCovered = (start: number, end: number) => covered.some((c) => start < c.end && end > c.start);
  const seenJargon = new Set<string>();
  for (const m of text.matchAll(TOKEN)) {
    const token = m[0];
    const start = m.index;
    if (seenJargon.has(token) || isCovered(start, start + token.length)) continue;
    // A unit after a number ("312 TFLOPS") is already said in full.
    if (UNITS[token] && /\d\s?$/.test(text.slice(0, start))) continue;
    const jargon = jargonReason(token);
    if (!jargon) continue;
    seenJargon.add(token);
    found.push({ index: start, token: jargon.term, reason: jargon.reason });
  }

  return found.sort((a, b) => a.index - b.index);
}
