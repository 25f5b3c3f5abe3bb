/**
 * Finds lexicon terms in text and swaps in their spoken forms. Matching is whole-word;
 * at each position the longest term wins, an exact-case match beats a case-insensitive one,
 * and only all-lower-case terms match case-insensitively (so "LoRA: lora" never fires on
 * "lora" by accident, but "pytorch: pie torch" covers "PyTorch"). An acronym term also
 * covers its plural: with "GPU: gee pee you", "GPUs" is said "gee pee yous".
 */

export interface LexiconMatch {
  start: number;
  end: number;
  /** The lexicon term that matched (not the text as written). */
  term: string;
  spoken: string;
}

interface Entry {
  term: string;
  lower: string;
  spoken: string;
  caseInsensitive: boolean;
  acronym: boolean;
}

/** Entries bucketed by lower-cased first character, longest first, exact-case before case-insensitive. */
type Compiled = Map<string, Entry[]>;

const cache = new WeakMap<object, Compiled>();

function compile(lexicon: Record<string, string>): Compiled {
  const cached = cache.get(lexicon);
  if (cached) return cached;
  const entries: Entry[] = Object.entries(lexicon)
    .filter(([term, spoken]) => term.length > 0 && spoken.trim().length > 0)
    .map(([term, spoken]) => ({
      term,
      lower: term.toLowerCase(),
      spoken: spoken.trim(),
      caseInsensitive: term === term.toLowerCase() && term !== term.toUpperCase(),
      acronym: /\p{Lu}/u.test(term) && !/\p{Ll}/u.test(term),
    }));
  entries.sort((a, b) => b.term.length - a.term.length || Number(a.caseInsensitive) - Number(b.caseInsensitive));
  const compiled: Compiled = new Map();
  for (const e of entries) {
    const key = e.lower[0]!;
    const bucket = compiled.get(key) ?? [];
    bucket.push(e);
    compiled.set(key, bucket);
  }
  cache.set(lexicon, compiled);
  return compiled;
}

/** Letters and decimal digits; superscripts are not, so "IA" still matches inside "IA³". */
const WORD_CHAR = /[\p{L}\p{Nd}]/u;

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && WORD_CHAR.test(c);
}

function rightBoundaryOk(text: string, end: number, term: string): boolean {
  if (!isWordChar(term[term.length - 1])) return true;
  const next = text[end];
  if (isWordChar(next)) return false;
  // "GPT-3" must not fire inside "GPT-3.5".
  if ((next === '.' || next === ',') && /\d/.test(term[term.length - 1]!) && /\d/.test(text[end + 1] ?? '')) return false;
  return true;
}

function matchAt(text: string, i: number, e: Entry): { end: number; spoken: string } | undefined {
  const candidate = text.slice(i, i + e.term.length);
  const hit = candidate === e.term || (e.caseInsensitive && candidate.toLowerCase() === e.lower);
  if (!hit) return undefined;
  const end = i + e.term.length;
  if (rightBoundaryOk(text, end, e.term)) return { end, spoken: e.spoken };
  if (e.acronym && text[end] === 's' && rightBoundaryOk(text, end + 1, e.term)) {
    return { end: end + 1, spoken: pluralOfSpoken(e.spoken) };
  }
  return undefined;
}

/** "gee pee you" → "gee pee yous", "oh ess" → "oh esses". */
export function pluralOfSpoken(spoken: string): string {
  return /(?:s|x|z|sh|ch)$/i.test(spoken) ? `${spoken}es` : `${spoken}s`;
}

/** Every lexicon term found in the text, left to right, never overlapping. */
export function findLexiconTerms(text: string, lexicon: Record<string, string>): LexiconMatch[] {
  const compiled = compile(lexicon);
  if (compiled.size === 0) return [];
  const found: LexiconMatch[] = [];
  let i = 0;
  while (i < text.length) {
    const bucket = compiled.get(text[i]!.toLowerCase());
    const leftOk = !isWordChar(text[i - 1]) || !isWordChar(text[i]);
    let advanced = false;
    if (bucket && leftOk) {
      for (const e of bucket) {
        const m = matchAt(text, i, e);
        if (m) {
          found.push({ start: i, end: m.end, term: e.term, spoken: m.spoken });
          i = m.end;
          advanced = true;
          break;
        }
      }
    }
    if (!advanced) i += 1;
  }
  return found;
}

/** The text with every lexicon term replaced by its spoken form. */
export function applyLexicon(text: string, lexicon: Record<string, string>): string {
  const matches = findLexiconTerms(text, lexicon);
  if (matches.length === 0) return text;
  let out = '';
  let last = 0;
  for (const m of matches) {
    out += text.slice(last, m.start) + m.spoken;
    last = m.end;
  }
  return out + text.slice(last);
}
