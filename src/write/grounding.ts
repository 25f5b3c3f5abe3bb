/**
 * The grounding check: which figures and names in a spoken script do the source passages not
 * support? Scripts say numbers in words ("fifteen point six trillion tokens"), sources write
 * them in digits ("15.6T"), so both sides are read into values and compared as numbers.
 *
 * What counts as a figure in a script:
 * - numbers over ten, in words or digits: "four hundred and five billion", "16,000", "1.4T";
 * - any number with a scale, a percentage or a size: "seven billion", "two percent", "8 GB";
 * - years: "twenty twenty-two", "in 2022";
 * - names of models, papers and tools: a word with a digit ("GPT-4", "H100"), a capital inside
 *   a word ("LLaMA", "FlashAttention"), or a capitalised word followed by a spoken version
 *   ("Llama three" is the name "Llama 3").
 * Not figures: numbers up to ten said plainly ("three stages"), "a hundred" or "a million"
 * (manners of speaking), ordinals and fractions ("first", "twenty-fifth", "a third"), plurals
 * ("thousands of GPUs", "the nineties"), and numbers inside names. Plain capitalised words
 * ("Chinchilla", "Stanford") and companies ("OpenAI", "DeepMind") are not checked: scripts name
 * many people, places and firms that a source need not, and a check that flags them all would
 * be ignored.
 *
 * When a figure is grounded: some number in the passages comes to it at the precision it was
 * said — the source value rounds to it or truncates to it at the place of its last non-zero
 * digit (15.6T is "fifteen point six trillion", "fifteen trillion" or "sixteen trillion";
 * 30.84 million is "thirty-one million") — and lies within 5% of it, so a round figure does not
 * stretch far ("seventy billion" is not grounded by 65B). Names are grounded when they appear
 * in the passages, ignoring case, spaces and hyphens ("Llama three" matches "Llama-3" and
 * "LLaMA 3.1"). The check leans towards silence: a flag should mean something.
 *
 * @example
 *   ungroundedFigures('Chinchilla saw two point one trillion tokens.', ['Chinchilla: 70B params, 1.4T tokens.'])
 *   // → [{ text: 'two point one trillion', kind: 'number', value: 2.1e12, … }]
 */
import { SCALES, UNITS, isNumberWord, readNumberWords } from './spoken-numbers.js';

export interface Figure {
  text: string;
  kind: 'number' | 'percent' | 'year' | 'size' | 'name';
  /** The number, with its scale and unit applied (bytes for sizes); none for names. */
  value?: number;
  /** For numbers: the place of the last digit said, which sets how closely a source must agree. */
  precision?: number;
  /** For names: the form compared with the passages (lower case, no spaces, versions in digits). */
  key?: string;
  /** Where the figure starts in the text, in UTF-16 code units. */
  index: number;
}

interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  type: 'digits' | 'word' | 'symbol';
  /** What separates it from the token before: '' (touching), '-', ' ' (any other space), or 'break'. */
  gap: '' | '-' | ' ' | 'break';
}

const TOKEN = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\p{L}[\p{L}\p{M}]*|[%$€£×]|[^\s\p{L}\p{N}]/gu;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const between = text.slice(last, m.index);
    const gap = between === '' ? '' : between === '-' ? '-' : /^\s+$/.test(between) ? ' ' : 'break';
    const t = m[0];
    const type = /^\d/.test(t) ? 'digits' : /^\p{L}/u.test(t) ? 'word' : 'symbol';
    tokens.push({ text: t, lower: t.toLowerCase(), start: m.index, end: m.index + t.length, type, gap });
    last = m.index + t.length;
  }
  // A hyphen or an apostrophe between two tokens joins them; any other symbol was its own token.
  return tokens.filter((t, i) => {
    if (t.text === '-' && t.gap === '' && tokens[i + 1]?.gap === '') {
      tokens[i + 1]!.gap = '-';
      return false;
    }
    if ((t.text === "'" || t.text === '’') && tokens[i + 1]?.lower === 's' && tokens[i + 1]?.gap === '') {
      tokens[i + 1]!.gap = 'break'; // the possessive "s" belongs to no number or name
      return false;
    }
    return true;
  });
}

/** Scale letters written against a number: 70B, 1.4T, 16K, $4.6M. */
const SCALE_SUFFIX: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, m: 1e6, B: 1e9, b: 1e9, bn: 1e9, T: 1e12, tn: 1e12 };
/** Sizes in bytes (binary units read as their decimal names, as people say them) and bits. */
const SIZE_UNITS: Record<string, number> = {
  kb: 1e3, kib: 1e3, kilobyte: 1e3, kilobytes: 1e3,
  mb: 1e6, mib: 1e6, megabyte: 1e6, megabytes: 1e6,
  gb: 1e9, gib: 1e9, gigabyte: 1e9, gigabytes: 1e9,
  tb: 1e12, tib: 1e12, terabyte: 1e12, terabytes: 1e12,
  pb: 1e15, pib: 1e15, petabyte: 1e15, petabytes: 1e15,
  byte: 1, bytes: 1, bit: 1, bits: 1,
};
/** Rates of arithmetic, whose prefixes scale the number. */
const FLOP_UNITS: Record<string, number> = {
  gflops: 1e9, gigaflops: 1e9, tflops: 1e12, teraflops: 1e12, pflops: 1e15, petaflops: 1e15, eflops: 1e18, exaflops: 1e18,
};
const ORDINALS = new Set([
  'first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh',
  'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth',
  'twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth', 'eightieth', 'ninetieth',
  'hundredth', 'thousandth', 'millionth', 'billionth', 'trillionth', 'half', 'halves', 'thirds', 'quarter',
  'quarters', 'fourths', 'fifths', 'sixths', 'tenths', 'hundredths',
]);
const PLURAL_NUMBERS = new Set([
  'tens', 'dozens', 'hundreds', 'thousands', 'millions', 'billions', 'trillions', 'teens', 'twenties', 'thirties',
  'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties',
]);
const DIGIT_ORDINAL = new Set(['st', 'nd', 'rd', 'th']);

/** A number found in text, before deciding whether it is a figure. */
interface Found {
  start: number;
  end: number;
  value: number;
  /** The number before its scale or unit, as a source may also give it ("80" in "80 GB"). */
  bare: number;
  precision: number;
  kind: Exclude<Figure['kind'], 'name'>;
  /** Whether it is a figure in a script (see the module comment). */
  figure: boolean;
}

/** Scale words, units and percent after a number, from token i; how many tokens they took. */
function qualifiers(tokens: Token[], i: number, allowSuffix: boolean) {
  let scale = 1;
  let unit: number | undefined;
  let percent = false;
  let j = i;
  const next = () => tokens[j];
  let t = next();
  if (allowSuffix && t && t.gap === '' && t.type === 'word' && t.text in SCALE_SUFFIX) {
    scale = SCALE_SUFFIX[t.text]!;
    t = tokens[++j];
  }
  while (t && t.gap !== 'break' && t.lower in SCALES && scale === 1) {
    scale = SCALES[t.lower]!;
    t = tokens[++j];
  }
  // "400 TFLOPs" is four hundred trillion operations: the prefix is a scale.
  if (t && t.gap !== 'break' && t.lower in FLOP_UNITS && scale === 1) {
    scale = FLOP_UNITS[t.lower]!;
    t = tokens[++j];
  }
  if (t && t.gap !== 'break' && t.lower in SIZE_UNITS) {
    unit = SIZE_UNITS[t.lower]!;
    j++;
  } else if (t && t.gap !== 'break' && (t.text === '%' || t.lower === 'percent')) {
    percent = true;
    j++;
  } else if (t && t.gap !== 'break' && t.lower === 'per' && tokens[j + 1]?.lower === 'cent') {
    percent = true;
    j += 2;
  }
  return { scale, unit, percent, used: j - i };
}

/** Whole digits and their decimals as written: "16,000" → 16000, precision 1000. */
function digitsValue(text: string): { value: number; precision: number } {
  const clean = text.replace(/,/g, '');
  const value = Number(clean);
  const dot = clean.indexOf('.');
  if (dot >= 0) return { value, precision: 10 ** -(clean.length - dot - 1) };
  let precision = 1;
  while (value !== 0 && value % (precision * 10) === 0) precision *= 10;
  return { value, precision };
}

/** Every number in the tokens, skipping those inside names (token indexes in `inName`). */
function numbersIn(tokens: Token[], inName: Set<number>): Found[] {
  const found: Found[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (inName.has(i)) {
      i++;
      continue;
    }
    let reading: { value: number; precision: number; year: boolean; leadingScale: boolean } | undefined;
    let used = 0;
    let isWords = false;
    if (t.type === 'digits') {
      const after = tokens[i + 1];
      if (after && after.gap === '' && DIGIT_ORDINAL.has(after.lower)) {
        i += 2;
        continue;
      }
      reading = { ...digitsValue(t.text), year: false, leadingScale: false };
      reading.year = /^(1[89]|20)\d\d$/.test(t.text);
      used = 1;
    } else if (t.type === 'word' && isNumberWord(t.lower)) {
      // The run of words a number can be made of, up to anything else or a break.
      const run: string[] = [];
      let j = i;
      while (j < tokens.length && !inName.has(j)) {
        const w = tokens[j]!;
        if (j > i && w.gap === 'break') break;
        if (!(isNumberWord(w.lower) || w.lower === 'and' || w.lower === 'point' || w.lower === 'oh')) break;
        run.push(w.lower);
        j++;
      }
      const words = readNumberWords(run);
      if (words) {
        reading = words;
        used = words.used;
        isWords = true;
      }
    }
    if (!reading) {
      i++;
      continue;
    }
    const end = i + used;
    const afterNumber = tokens[end];
    const { scale, unit, percent, used: qualified } = qualifiers(tokens, end, !isWords);
    const last = tokens[end + qualified - 1]!;
    // "twenty-fifth", "two thirds", "nineteen nineties", "a hundred": not figures, and the
    // words that made them are not read again as a smaller number.
    const ordinal =
      afterNumber !== undefined && afterNumber.gap !== 'break' &&
      (ORDINALS.has(afterNumber.lower) || PLURAL_NUMBERS.has(afterNumber.lower));
    const article = i > 0 && ['a', 'an'].includes(tokens[i - 1]!.lower) && tokens[i]!.gap !== 'break';
    const vague = reading.leadingScale && (article || isWords);
    const value = reading.value * scale * (unit ?? 1);
    const year = reading.year && scale === 1 && unit === undefined && !percent;
    const kind = percent ? 'percent' : unit !== undefined ? 'size' : year ? 'year' : 'number';
    const figure =
      !ordinal && !vague && (reading.value > 10 || scale > 1 || unit !== undefined || percent || !Number.isInteger(reading.value));
    found.push({
      start: t.start,
      end: last.end,
      value,
      bare: reading.value,
      precision: reading.precision * scale * (unit ?? 1),
      kind,
      figure,
    });
    i = ordinal ? end + 1 : end + qualified;
  }
  return found;
}

// ——— names ———

const SPOKEN_DIGITS: Record<string, string> = Object.fromEntries(
  Object.entries(UNITS).filter(([, v]) => v <= 20).map(([w, v]) => [w, String(v)]),
);

/** A version said after a name: "three", "3", "three point one", "2.5". How many tokens, and as digits. */
function versionAt(tokens: Token[], i: number): { text: string; used: number } | undefined {
  const t = tokens[i];
  if (!t || t.gap === 'break') return undefined;
  if (t.type === 'digits' && /^\d{1,2}(?:\.\d)?$/.test(t.text)) return { text: t.text, used: 1 };
  const whole = SPOKEN_DIGITS[t.lower];
  if (whole === undefined) return undefined;
  const point = tokens[i + 1];
  const decimal = tokens[i + 2];
  if (point?.lower === 'point' && decimal && SPOKEN_DIGITS[decimal.lower] !== undefined && Number(SPOKEN_DIGITS[decimal.lower]) <= 9) {
    return { text: `${whole}.${SPOKEN_DIGITS[decimal.lower]!}`, used: 3 };
  }
  return { text: whole, used: 1 };
}

const CAMEL = /\p{Ll}\p{Lu}/u;
/** Companies written with inner capitals: scripts name them as freely as people and places. */
const ORGANISATIONS = new Set(['openai', 'deepmind', 'github', 'youtube', 'linkedin', 'huggingface', 'paypal', 'nvidia']);
const CAPITALISED = /^\p{Lu}/u;
/** Words that may follow a version yet show it was a count: "Hoffmann two years later". */
const PLURAL = /^\p{Ll}+s$/u;
const NOT_PLURAL = new Set(['is', 'was', 'has', 'does', 'its', 'this', 'thus', 'as', 'us', 'plus', 'less', 'across']);

/** Names in the tokens, and the indexes of the tokens they cover. */
function namesIn(text: string, tokens: Token[]): { names: Figure[]; covered: Set<number> } {
  const names: Figure[] = [];
  const covered = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== 'word' || covered.has(i)) continue;
    let j = i + 1;
    let key = t.lower;
    let named = CAMEL.test(t.text);
    // Letters joined to digits: GPT-4, H100, Llama-3.1, GPT-4o; and spoken, GPT-four.
    while (tokens[j] && (tokens[j]!.gap === '' || tokens[j]!.gap === '-')) {
      const n = tokens[j]!;
      if (n.type === 'digits') {
        key += n.text.replace(/,/g, '');
        named = true;
        j++;
      } else if (n.type === 'word' && n.gap === '-' && SPOKEN_DIGITS[n.lower] !== undefined && !isNumberWord(t.lower)) {
        const version = versionAt(tokens, j)!;
        key += version.text;
        named = true;
        j += version.used;
      } else if (n.type === 'word' && n.gap === '' && named && !(n.text in SCALE_SUFFIX)) {
        key += n.lower;
        j++;
      } else if (n.type === 'word' && n.gap === '-' && (CAMEL.test(n.text) || CAPITALISED.test(n.text))) {
        key += n.lower;
        j++;
      } else {
        break;
      }
    }
    // A capitalised word (not opening a sentence) then a spoken version: "Meta's Llama three paper".
    const opensSentence = i === 0 || /^[.!?:;"“(\[]$/.test(tokens[i - 1]!.text);
    if (j === i + 1 && CAPITALISED.test(t.text) && !opensSentence && !isNumberWord(t.lower)) {
      const version = versionAt(tokens, j);
      const after = version ? tokens[j + version.used] : undefined;
      const countsSomething = after !== undefined && after.gap !== 'break' && PLURAL.test(after.text) && !NOT_PLURAL.has(after.lower);
      const scaled = after !== undefined && (after.lower in SCALES || after.lower === 'hundred' || after.text in SCALE_SUFFIX);
      if (version && !countsSomething && !scaled && tokens[j]!.gap === ' ') {
        key += version.text;
        named = true;
        j += version.used;
      }
    }
    if (!named || (j === i + 1 && ORGANISATIONS.has(t.lower))) continue;
    for (let k = i; k < j; k++) covered.add(k);
    const end = tokens[j - 1]!.end;
    names.push({ text: text.slice(t.start, end), kind: 'name', key: key.replace(/(\d)s$/, '$1'), index: t.start });
  }
  return { names, covered };
}

function scan(text: string): { names: Figure[]; numbers: Found[]; tokens: Token[] } {
  const tokens = tokenize(text);
  const { names, covered } = namesIn(text, tokens);
  return { names, numbers: numbersIn(tokens, covered), tokens };
}

/** Figures and names in a text, in order: what a script claims that a source should support. */
export function figuresIn(text: string): Figure[] {
  const { names, numbers } = scan(text);
  const figures: Figure[] = numbers
    .filter((n) => n.figure)
    .map((n) => ({ text: text.slice(n.start, n.end), kind: n.kind, value: n.value, precision: n.precision, index: n.start }));
  return [...figures, ...names].sort((a, b) => a.index - b.index);
}

/** Every number a passage states, generously: with and without its scale or unit, and digits inside names. */
function statedValues(text: string): number[] {
  const tokens = tokenize(text);
  return numbersIn(tokens, new Set()).flatMap((n) => [n.value, n.bare]);
}

/**
 * Text as names are compared: lower case, letters and digits only, so "Llama-3", "LLaMA 3" and
 * "llama3" agree. A dot between digits stays ("3.1"), and other separators between digits
 * become a space, so "Llama-3-70B" still ends its version at "3".
 */
function compact(text: string): string {
  return text
    .toLowerCase()
    .replace(/(?<=\d)[^\p{L}\p{N}]+(?=\d)/gu, (between) => (between === '.' ? '\u0000' : '\u0001'))
    .replace(/[^\p{L}\p{N}\u0000\u0001]/gu, '')
    .replace(/\u0000/g, '.')
    .replace(/\u0001/g, ' ');
}

/** Whether a source value supports a figure said at its precision (see the module comment). */
export function supports(source: number, figure: { value: number; precision: number }): boolean {
  const { value, precision } = figure;
  const difference = source - value;
  const rounds = Math.abs(difference) <= precision / 2 * (1 + 1e-9);
  const truncates = difference >= -precision * 1e-9 && difference < precision;
  return (rounds || truncates) && Math.abs(difference) <= Math.abs(value) * 0.05 + precision * 1e-9;
}

/** The figures and names of a script that no passage supports. */
export function ungroundedFigures(script: string, passages: readonly string[]): Figure[] {
  const values = passages.flatMap(statedValues);
  const text = compact(passages.join(' \n '));
  return figuresIn(script).filter((figure) => {
    if (figure.kind === 'name') {
      const key = compact(figure.key ?? figure.text);
      // A version must not run on into a longer one: "llama3" is not in "llama30b".
      const at = new RegExp(`${key.replace(/[.]/g, '\\.')}${/\d$/.test(key) ? '(?![0-9])' : ''}`);
      return !at.test(text);
    }
    return !values.some((v) => supports(v, { value: figure.value!, precision: figure.precision! }));
  });
}
