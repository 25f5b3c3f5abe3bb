/**
 * Numbers as English words, the way a US narrator reads them: cardinals up to the
 * quadrillions, decimals ("three point one four"), years ("twenty twenty-two"), ordinals
 * and decades. Inputs are digit strings so large values never lose precision.
 */

const ONES = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine',
  'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES = ['', 'thousand', 'million', 'billion', 'trillion', 'quadrillion'];

/** Longest integer read as a cardinal; anything longer is read digit by digit, like a serial number. */
const MAX_CARDINAL_DIGITS = SCALES.length * 3;

function below100(n: number): string {
  if (n < 20) return ONES[n]!;
  const t = TENS[Math.floor(n / 10)]!;
  return n % 10 === 0 ? t : `${t}-${ONES[n % 10]!}`;
}

function below1000(n: number): string {
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h === 0) return below100(rest);
  return rest === 0 ? `${ONES[h]!} hundred` : `${ONES[h]!} hundred ${below100(rest)}`;
}

/** Each digit on its own: "007" → "zero zero seven". */
export function digitsToWords(digits: string): string {
  return [...digits].filter((c) => c >= '0' && c <= '9').map((c) => ONES[Number(c)]!).join(' ');
}

/**
 * A non-negative integer given as digits (commas allowed): "10,000" → "ten thousand".
 * A leading zero or a very long run means an identifier rather than a quantity, so those
 * are read digit by digit.
 */
export function cardinalToWords(digits: string): string {
  const clean = digits.replace(/,/g, '');
  if (!/^\d+$/.test(clean)) throw new Error(`not an integer: ${digits}`);
  if (clean.length > 1 && clean.startsWith('0')) return digitsToWords(clean);
  if (clean.length > MAX_CARDINAL_DIGITS) return digitsToWords(clean);
  if (/^0+$/.test(clean)) return 'zero';
  const groups: number[] = [];
  for (let end = clean.length; end > 0; end -= 3) groups.unshift(Number(clean.slice(Math.max(0, end - 3), end)));
  const words: string[] = [];
  groups.forEach((g, i) => {
    if (g === 0) return;
    const scale = SCALES[groups.length - 1 - i]!;
    words.push(scale ? `${below1000(g)} ${scale}` : below1000(g));
  });
  return words.join(' ');
}

/**
 * A decimal or integer string, optionally signed: "3.14" → "three point one four",
 * "-0.5" → "minus zero point five", ".5" → "point five".
 */
export function numberToWords(text: string): string {
  const m = /^([-−+])?(\d[\d,]*)?(?:\.(\d+))?$/.exec(text.trim());
  if (!m || (m[2] === undefined && m[3] === undefined)) throw new Error(`not a number: ${text}`);
  const sign = m[1] === '-' || m[1] === '−' ? 'minus ' : m[1] === '+' ? 'plus ' : '';
  const whole = m[2] === undefined ? '' : cardinalToWords(m[2]);
  const frac = m[3] === undefined ? '' : `point ${digitsToWords(m[3])}`;
  return sign + [whole, frac].filter(Boolean).join(' ');
}

/** Digits read in pairs, as in years and product numbers: 1999 → "nineteen ninety-nine", 1905 → "nineteen oh five". */
export function pairsToWords(n: number): string {
  const hi = Math.floor(n / 100);
  const lo = n % 100;
  if (hi === 0) return below100(lo);
  if (lo === 0) return `${below100(hi)} hundred`;
  return lo < 10 ? `${below100(hi)} oh ${ONES[lo]!}` : `${below100(hi)} ${below100(lo)}`;
}

/** A calendar year: 2022 → "twenty twenty-two", 2005 → "two thousand five", 2000 → "two thousand". */
export function yearToWords(year: number): string {
  if (!Number.isInteger(year) || year < 0 || year > 9999) throw new Error(`not a year: ${year}`);
  if (year < 1000 || (year >= 2000 && year <= 2009) || year % 1000 === 0) return cardinalToWords(String(year));
  return pairsToWords(year);
}

const IRREGULAR_ORDINALS: Record<string, string> = {
  one: 'first', two: 'second', three: 'third', five: 'fifth', eight: 'eighth', nine: 'ninth', twelve: 'twelfth',
};

/** Turns the last word of a cardinal into its ordinal: "twenty-one" → "twenty-first". */
export function ordinalOfWords(cardinal: string): string {
  const m = /^(.*?)([a-z]+)$/.exec(cardinal);
  if (!m) return cardinal;
  const [, head, last] = m as unknown as [string, string, string];
  const irregular = IRREGULAR_ORDINALS[last];
  if (irregular) return head + irregular;
  if (last.endsWith('y')) return `${head}${last.slice(0, -1)}ieth`;
  return `${head}${last}th`;
}

/** 21 → "twenty-first", 100 → "one hundredth". */
export function ordinalToWords(digits: string): string {
  return ordinalOfWords(cardinalToWords(digits));
}

/** Plural of a spoken number, for decades: "nineteen ninety" → "nineteen nineties". */
export function pluralOfWords(words: string): string {
  if (words.endsWith('y')) return `${words.slice(0, -1)}ies`;
  if (words.endsWith('x')) return `${words}es`;
  return `${words}s`;
}
