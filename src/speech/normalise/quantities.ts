/**
 * Every digit in a sentence becomes words. Special shapes go first (dates, times, powers of
 * ten, versions, decades), then amounts with their currency, scale, unit, range and "+",
 * then names that mix letters and digits ("bf16", "A100", "Llama-3-8B"), and finally any
 * digit still left, so the spoken form never contains one.
 */
import { spellLetters, shouldSpell } from './letters.js';
import {
  cardinalToWords,
  digitsToWords,
  numberToWords,
  ordinalToWords,
  pairsToWords,
  pluralOfWords,
  yearToWords,
} from './numbers.js';
import { CURRENCIES, SCALES, SCALE_PATTERN, SPACED_UNIT_PATTERN, UNITS, UNIT_PATTERN } from './units.js';

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** Words before a four-digit number that make it a year even when it looks like a count (2048). */
const YEAR_CUE = new RegExp(
  `(?:^|[^\\p{L}])(?:in|since|by|from|until|till|through|during|before|after|around|circa|early|late|mid|year|` +
    `spring|summer|autumn|fall|winter|${MONTHS.join('|')})[\\s-]*$`,
  'iu',
);

/** Read as a year, unless it is a multiple of 64 (1024, 1536, 2048: sizes, not dates) with no year cue. */
function isYear(digits: string, before: string): boolean {
  if (!/^\d{4}$/.test(digits)) return false;
  const n = Number(digits);
  if (n < 1100 || n > 2099) return false;
  return n % 64 !== 0 || YEAR_CUE.test(before);
}

const SUPERSCRIPT: Record<string, string> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-', '⁺': '+',
};
const SUBSCRIPT: Record<string, string> = {
  '₀': '0', '₁': '1', '₂': '2', '₃': '3', '₄': '4', '₅': '5', '₆': '6', '₇': '7', '₈': '8', '₉': '9',
};

function exponentWords(sign: string, digits: string): string {
  return `${sign === '-' || sign === '−' ? 'minus ' : ''}${cardinalToWords(digits)}`;
}

/** A space after the words when the next character would otherwise run into them ("x²y"). */
function gapBefore(next: string | undefined): string {
  return next !== undefined && /[\p{L}\p{N}]/u.test(next) ? ' ' : '';
}

function speakSuperscripts(text: string): string {
  return text
    .replace(/[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+/gu, (m: string, offset: number, whole: string) => {
      const gap = gapBefore(whole[offset + m.length]);
      if (m === '²') return ` squared${gap}`;
      if (m === '³') return ` cubed${gap}`;
      const plain = [...m].map((c) => SUPERSCRIPT[c]).join('');
      return ` to the ${exponentWords(plain[0]!, plain.replace(/^[-+]/, ''))}${gap}`;
    })
    .replace(/[₀₁₂₃₄₅₆₇₈₉]+/gu, (m: string, offset: number, whole: string) => {
      const digits = [...m].map((c) => SUBSCRIPT[c]).join('');
      return ` ${cardinalToWords(digits)}${gapBefore(whole[offset + m.length])}`;
    });
}

function speakDatesAndTimes(text: string): string {
  return text
    .replace(/(?<![\p{Nd}-])(\d{4})-(\d{2})-(\d{2})(?![\p{Nd}-])/gu, (m, y: string, mo: string, d: string) => {
      const month = MONTHS[Number(mo) - 1];
      if (!month || Number(d) < 1 || Number(d) > 31) return m;
      return `${month} ${ordinalToWords(String(Number(d)))}, ${yearToWords(Number(y))}`;
    })
    .replace(
      /(?<![\p{L}\p{Nd}:.])([01]?\d|2[0-3]):([0-5]\d)(?:\s?(?:([ap])m|(ay|pee) em)(?!\p{L}))?(?![\p{Nd}:])/giu,
      (_m, h: string, min: string, apLetter: string | undefined, apSpoken: string | undefined) => {
        const ap = apLetter ?? (apSpoken === undefined ? undefined : apSpoken[0]!);
        const hour = cardinalToWords(String(Number(h)));
        const minutes = min === '00' ? (ap ? '' : " o'clock") : min.startsWith('0') ? ` oh ${cardinalToWords(min[1]!)}` : ` ${cardinalToWords(min)}`;
        const meridiem = ap ? ` ${spellLetters(`${ap}m`)}` : '';
        return hour + minutes + meridiem;
      },
    )
    .replace(/(?<![\p{L}\p{Nd}:.])(\d+):(\d+)(?![\p{Nd}:])/gu, (_m, a: string, b: string) => `${cardinalToWords(a)} to ${cardinalToWords(b)}`);
}

function speakPowers(text: string): string {
  return text
    .replace(
      /(?<![\p{L}\p{Nd}.])(\d+(?:\.\d+)?)[eE]([-−+]?)(\d+)(?![\p{L}\p{Nd}])/gu,
      (_m, mant: string, sign: string, exp: string) => `${numberToWords(mant)} times ten to the ${exponentWords(sign, exp)}`,
    )
    .replace(
      /(?<![\p{L}\p{Nd}.])(\d+(?:\.\d+)?)\s?\^\s?([-−]?)(\d+)(?![\p{Nd}])/gu,
      (_m, base: string, sign: string, exp: string) => `${numberToWords(base)} to the ${exponentWords(sign, exp)}`,
    );
}

function versionWords(parts: string): string {
  return parts.split('.').map((p) => cardinalToWords(p)).join(' point ');
}

function speakVersionsAndDecades(text: string): string {
  return text
    .replace(/(?<![\p{L}\p{Nd}])v(\d+(?:\.\d+)*)(?![\p{L}\p{Nd}]|\.\d)/gu, (_m, parts: string) => `version ${versionWords(parts)}`)
    .replace(/(?<![\p{L}\p{Nd}.])(\d+(?:\.\d+){2,})(?![\p{Nd}]|\.\d)/gu, (_m, parts: string) => versionWords(parts))
    .replace(/(?<![\p{L}\p{Nd}])(\d{3}0)['’]?s(?![\p{L}\p{Nd}])/gu, (_m, y: string) => pluralOfWords(yearToWords(Number(y))))
    .replace(/(?<![\p{L}\p{Nd}])['’](\d0)s(?![\p{L}\p{Nd}])/gu, (_m, d: string) => pluralOfWords(cardinalToWords(d)))
    .replace(
      /(?<=(?:^|[^\p{L}])(?:the|early|mid|late)[\s-])(\d0)s(?![\p{L}\p{Nd}])/giu,
      (_m, d: string) => pluralOfWords(cardinalToWords(d)),
    );
}

const FRACTION_NAMES: Record<string, [string, string]> = {
  '2': ['half', 'halves'],
  '4': ['quarter', 'quarters'],
};

function speakFractions(text: string): string {
  return text.replace(/(?<![\p{L}\p{Nd}/.])(\d+)\/(\d+)(?![\p{Nd}/]|\.\d)/gu, (_m, a: string, b: string) => {
    if (a === '24' && b === '7') return 'twenty-four seven';
    const den = Number(b);
    if (den >= 2 && den <= 10) {
      const [one, many] = FRACTION_NAMES[b] ?? [ordinalToWords(b), `${ordinalToWords(b)}s`];
      return `${cardinalToWords(a)} ${a === '1' ? one : many}`;
    }
    return `${cardinalToWords(a)} out of ${cardinalToWords(b)}`;
  });
}

const NUM = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+`;

function suffix(n: number): string {
  return (
    `(?:(?<pct${n}>\\s?%)|(?<ord${n}>st|nd|rd|th)|(?<unit${n}>${UNIT_PATTERN})|\\s(?<sunit${n}>${SPACED_UNIT_PATTERN})` +
    `|(?<scale${n}>${SCALE_PATTERN})|(?<times${n}>[x×]))?`
  );
}

/**
 * One amount: optional sign and currency, a number, a suffix, optionally "-" or "–" and a
 * second number (a range), then "+" and a hyphen joining it to the next word ("65B-parameter").
 */
const AMOUNT = new RegExp(
  String.raw`(?<![\p{L}\p{Nd}]-?)(?<![\p{Nd}.])` +
    String.raw`(?:(?<=^|[\s(\[{"“'‘~≈=:/])(?<sign>[-−+]))?(?<cur1>[$€£])?(?<n1>${NUM})${suffix(1)}` +
    String.raw`(?:(?:-|\s?–\s?)(?<cur2>[$€£])?(?<n2>${NUM})${suffix(2)})?` +
    String.raw`(?<plus>\+(?!\p{Nd}))?(?:(?<hy>-)(?=\p{L})|(?![\p{L}\p{Nd}]))`,
  'gu',
);

type Groups = Record<string, string | undefined>;

function isOne(num: string): boolean {
  return num === '1';
}

/** The number and its own suffix, without currency. */
function sideWords(g: Groups, n: 1 | 2, opts: { year: boolean; single: boolean; modifier: boolean }): string {
  const num = g[`n${n}`]!;
  const ord = g[`ord${n}`];
  let words: string;
  if (ord && /^\d+$/.test(num)) words = ordinalToWords(num);
  else if (opts.year) words = yearToWords(Number(num));
  else words = numberToWords(num);
  const unitKey = g[`unit${n}`] ?? g[`sunit${n}`];
  if (ord && !/^\d+$/.test(num)) words += ` ${ord}`;
  if (g[`pct${n}`]) words += ' percent';
  if (g[`scale${n}`]) words += ` ${SCALES[g[`scale${n}`]!]!}`;
  if (g[`times${n}`]) words += ' times';
  if (unitKey) {
    const unit = UNITS[unitKey]!;
    // Used as a modifier ("a 5nm chip", "an 80GB A100", "80GB-class") the unit stays singular.
    words += ` ${(opts.single && isOne(num)) || opts.modifier ? unit.one : unit.many}`;
  }
  return words;
}

function moneyWords(cur: string, num: string): string | undefined {
  const c = CURRENCIES[cur]!;
  const m = /^(\d[\d,]*)?\.(\d{2})$/.exec(num);
  if (!m) return undefined;
  const whole = m[1] === undefined ? 0 : Number(m[1].replace(/,/g, ''));
  const cents = Number(m[2]);
  const wholeWords = whole === 0 ? '' : `${cardinalToWords(m[1]!)} ${whole === 1 ? c.one : c.many}`;
  const centWords = cents === 0 ? '' : `${cardinalToWords(String(cents))} ${cents === 1 ? c.cent : c.cents}`;
  if (!wholeWords && !centWords) return `zero ${c.many}`;
  return [wholeWords, centWords].filter(Boolean).join(' and ');
}

/** "a"/"an" just before the amount: what follows is a modifier, as in "a 5nm chip". */
const ARTICLE = /(?:^|[^\p{L}])an?\s+$/iu;

function amountWords(g: Groups, before: string): string {
  const ranged = g.n2 !== undefined;
  const cur = g.cur1 ?? g.cur2;
  const hasSuffix1 = Boolean(g.pct1 || g.ord1 || g.unit1 || g.sunit1 || g.scale1 || g.times1);
  const year1 = !g.sign && !cur && !hasSuffix1 && isYear(g.n1!, before);
  const sign = g.sign === '-' || g.sign === '−' ? 'minus ' : g.sign === '+' ? 'plus ' : '';

  const modifier = Boolean(g.hy) || ARTICLE.test(before);
  let words: string;
  const money = cur && !ranged && !hasSuffix1 ? moneyWords(cur, g.n1!) : undefined;
  if (money) {
    words = sign + money;
  } else {
    words = sign + sideWords(g, 1, { year: year1, single: !ranged, modifier });
    if (ranged) {
      const hasSuffix2 = Boolean(g.pct2 || g.ord2 || g.unit2 || g.sunit2 || g.scale2 || g.times2);
      const year2 = year1 && !hasSuffix2 && /^\d{4}$/.test(g.n2!);
      words += ` to ${sideWords(g, 2, { year: year2, single: false, modifier })}`;
    }
    if (cur) {
      const c = CURRENCIES[cur]!;
      const singular = !ranged && isOne(g.n1!) && !g.scale1;
      words += ` ${singular ? c.one : c.many}`;
    }
  }
  if (g.plus) words += ' or more';
  if (g.hy) words += ' ';
  return words;
}

function speakAmounts(text: string): string {
  return text.replace(AMOUNT, (...args: unknown[]) => {
    const groups = args[args.length - 1] as Groups;
    const offset = args[args.length - 3] as number;
    return amountWords(groups, text.slice(Math.max(0, offset - 24), offset));
  });
}

/** A four-digit number inside a name reads in pairs, as people say them: RTX4090 → "forty ninety". */
function digitsInName(run: string): string {
  if (run.includes('.')) {
    const parts = run.split('.');
    return parts.length === 2 ? numberToWords(run) : versionWords(run);
  }
  if (/^[1-9]\d{3}$/.test(run) && Number(run) % 100 !== 0) return pairsToWords(Number(run));
  return cardinalToWords(run);
}

/** "bf16" → "bee eff sixteen", "A100" → "ay one hundred", "Llama2" → "Llama two", "8B" → "eight billion". */
export function speakMixedToken(token: string): string {
  const parts = token.match(/\d+(?:\.\d+)*|\p{L}+/gu) ?? [];
  const words: string[] = [];
  parts.forEach((part, i) => {
    const prev = parts[i - 1];
    const next = parts[i + 1];
    const afterDigits = prev !== undefined && /^\d/.test(prev);
    if (/^\d/.test(part)) {
      words.push(digitsInName(part));
      return;
    }
    const isLast = next === undefined;
    // A unit only follows a bare number ("80GB"); after a name it is a plural ("H100s").
    const amount = afterDigits && isLast && i === 1;
    if (amount && SCALES[part]) words.push(SCALES[part]!);
    else if (amount && UNITS[part]) words.push(prev === '1' ? UNITS[part]!.one : UNITS[part]!.many);
    else if (afterDigits && isLast && part === 's') words.push(`${words.pop() ?? ''}s`);
    else if (afterDigits && isLast && /^(?:st|nd|rd|th)$/.test(part) && /^\d+$/.test(prev!)) {
      words.pop();
      words.push(ordinalToWords(prev!));
    } else if (afterDigits && /^[x×]$/.test(part)) words.push(next !== undefined && /^\d/.test(next) ? 'by' : 'times');
    else if (part === 'v' && next !== undefined && /^\d/.test(next)) words.push('version');
    else words.push(shouldSpell(part) ? spellLetters(part) : part);
  });
  return words.join(' ');
}

const MIXED = /(?<![\p{L}\p{Nd}])[\p{L}\p{Nd}]*\d[\p{L}\p{Nd}]*(?:\.\d+[\p{L}\p{Nd}]*)*/gu;

/** All digits in the text as words; letters and symbols other than the number's own are left alone. */
export function speakNumbers(text: string): string {
  let out = text.replace(/#(?=\d)/g, 'number ');
  out = speakSuperscripts(out);
  out = speakDatesAndTimes(out);
  out = speakPowers(out);
  out = speakVersionsAndDecades(out);
  out = speakFractions(out);
  out = speakAmounts(out);
  // Hyphens inside names ("Llama-3-8B", "GPT-3.5-turbo") would join the spoken words.
  out = out.replace(/(?<=\p{L})-(?=\d)|(?<=\d)-(?=[\p{L}\p{Nd}])/gu, ' ');
  out = out.replace(MIXED, (m) => speakMixedToken(m));
  return out.replace(/\d+/g, (m) => digitsToWords(m));
}
