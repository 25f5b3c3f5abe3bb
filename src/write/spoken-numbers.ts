/**
 * Reads numbers said in English words, the inverse of the narrator's number reading in
 * src/speech/normalise/numbers.ts: "four hundred and five billion" → 405e9, "fifteen point six"
 * → 15.6, "twenty twenty-two" → 2022 (a year said in pairs). Words come in already split
 * (hyphens too) and lower-cased; the parser reads the longest number at the start.
 *
 * @example
 *   readNumberWords(['fifteen', 'point', 'six', 'trillion', 'tokens'])
 *   // → { value: 15.6e12, precision: 1e11, used: 4, year: false, leadingScale: false }
 */

export const UNITS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16,
  seventeen: 17, eighteen: 18, nineteen: 19,
};
export const TENS: Readonly<Record<string, number>> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
export const SCALES: Readonly<Record<string, number>> = {
  thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, quadrillion: 1e15,
};

/** Words that are part of a number: digits' names, tens, hundred and the scales. */
export function isNumberWord(word: string): boolean {
  return word in UNITS || word in TENS || word === 'hundred' || word in SCALES;
}

export interface NumberReading {
  value: number;
  /** The place of the last digit said: 1e11 for "fifteen point six trillion", 10 for "forty". */
  precision: number;
  /** How many words the number took. */
  used: number;
  /** Said as a year in pairs ("nineteen ninety-nine", "twenty oh five"). */
  year: boolean;
  /** Began with a bare scale ("hundred", "thousand"), as in "a hundred": a manner of speaking, not a figure. */
  leadingScale: boolean;
}

/** A whole number below 100 at words[i]: "seven", "seventeen", "seventy", "seventy" "seven". */
function below100(words: readonly string[], i: number): { value: number; used: number } | undefined {
  const w = words[i];
  if (w === undefined) return undefined;
  if (w in UNITS) return { value: UNITS[w]!, used: 1 };
  if (w in TENS) {
    const next = words[i + 1];
    if (next !== undefined && next in UNITS && UNITS[next]! >= 1 && UNITS[next]! <= 9) {
      return { value: TENS[w]! + UNITS[next]!, used: 2 };
    }
    return { value: TENS[w]!, used: 1 };
  }
  return undefined;
}

/** "nineteen ninety-nine", "twenty twenty-two", "twenty oh five", "twenty ten": a year in pairs. */
function yearInPairs(words: readonly string[]): NumberReading | undefined {
  const century = below100(words, 0);
  if (!century || century.used !== 1 || century.value < 10 || century.value > 20) return undefined;
  if (words[1] === 'oh') {
    const digit = words[2] !== undefined ? UNITS[words[2]] : undefined;
    if (digit === undefined || digit < 1 || digit > 9) return undefined;
    return { value: century.value * 100 + digit, precision: 1, used: 3, year: true, leadingScale: false };
  }
  const rest = below100(words, 1);
  if (!rest || rest.value < 10) return undefined;
  // "nineteen hundred" is read by the general rule; a following scale means a count, not a year.
  const after = words[1 + rest.used];
  if (after !== undefined && (after === 'hundred' || after in SCALES || after === 'point')) return undefined;
  return { value: century.value * 100 + rest.value, precision: 1, used: 1 + rest.used, year: true, leadingScale: false };
}

/** The largest power of ten that divides a whole number (1 for 0). */
function placeOf(n: number): number {
  let place = 1;
  while (n !== 0 && n % (place * 10) === 0) place *= 10;
  return place;
}

export function readNumberWords(words: readonly string[]): NumberReading | undefined {
  const year = yearInPairs(words);
  if (year) return year;
  let total = 0; // completed scale groups: "four hundred and five billion" once "billion" is read
  let group = 0; // the group being read, below 1000
  let groupStarted = false;
  let lastScale = Infinity; // scales must fall: "million" after "thousand" is a new number
  let used = 0;
  let leadingScale = false;
  let fraction: { digits: string } | undefined;
  let canAnd = false;
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    if (fraction === undefined && !groupStarted && total === 0 && i > 0) break;
    if (w === 'and') {
      if (!canAnd || below100(words, i + 1) === undefined) break;
      canAnd = false;
      i++;
      continue;
    }
    if (w === 'point' && fraction === undefined && (groupStarted || total > 0)) {
      let digits = '';
      let j = i + 1;
      while (words[j] !== undefined && words[j]! in UNITS && UNITS[words[j]!]! <= 9) digits += String(UNITS[words[j++]!]);
      if (digits === '') break;
      fraction = { digits };
      i = j;
      used = i;
      continue;
    }
    if (w in SCALES) {
      const scale = SCALES[w]!;
      if (scale >= lastScale) break;
      if (!groupStarted && total === 0) {
        if (i > 0) break;
        leadingScale = true;
        group = 1;
      }
      const fractional = fraction ? Number(`0.${fraction.digits}`) : 0;
      const precision = fraction ? scale / 10 ** fraction.digits.length : scale * placeOf(group);
      total += (group + fractional) * scale;
      lastScale = scale;
      group = 0;
      groupStarted = false;
      canAnd = true;
      i++;
      used = i;
      if (fraction) return { value: total, precision, used, year: false, leadingScale };
      continue;
    }
    if (fraction) break;
    if (w === 'hundred') {
      if (groupStarted && group >= 100) break;
      if (!groupStarted) {
        if (i > 0 && total === 0) break;
        if (total === 0) leadingScale = true;
        group = 1;
      }
      group *= 100;
      groupStarted = true;
      canAnd = true;
      i++;
      used = i;
      continue;
    }
    const small = below100(words, i);
    if (!small) break;
    // After a complete tens or unit word, another one starts a new number ("five six").
    if (groupStarted && group % 100 !== 0) break;
    group += small.value;
    groupStarted = true;
    canAnd = false;
    i += small.used;
    used = i;
  }
  if (used === 0) return undefined;
  if (fraction) {
    const value = total + group + Number(`0.${fraction.digits}`);
    return { value, precision: 10 ** -fraction.digits.length, used, year: false, leadingScale };
  }
  const value = total + group;
  const precision = group !== 0 ? placeOf(group) : lastScale * placeOf(value / lastScale);
  return { value, precision, used, year: false, leadingScale };
}
