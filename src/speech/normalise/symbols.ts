/**
 * Symbols said as words ("&" → "and", "~" → "about"), punctuation Flite would read aloud or
 * stumble on removed or turned into a pause, and the final tidy-up of spacing and commas.
 * Runs after numbers, so "%" and "+" left here are the ones not attached to an amount.
 */

type Rule = [RegExp, string];

/** Words that, after a slash, make it a rate ("tokens/s", "$2/hour") rather than a choice. */
const PER =
  '(?:s|sec|second|h|hr|hour|day|week|month|year|yr|token|step|epoch|GPU|user|query|request|image|sample|word|character|person|head)';

const RULES: Rule[] = [
  // Dashes used as asides become a comma pause; a tight en dash between words joins them.
  [/\s*[—―]\s*/g, ', '],
  [/\s+(?:--?|–)\s+/g, ', '],
  [/--/g, ', '],
  [/–/g, '-'],
  [/\s*(?:…|\.{3,})\s*/g, ', '],
  [/&/g, ' and '],
  [/½/g, ' one half '],
  [/¼/g, ' one quarter '],
  [/¾/g, ' three quarters '],
  [/%/g, ' percent '],
  [/(?<=\p{L})\+\+/gu, ' plus plus '],
  [/\+/g, ' plus '],
  [/[×✕]/g, ' times '],
  [/[~≈∼]/g, ' about '],
  [/\band\/or\b/gi, 'and or'],

  [/(?<=[\p{L}\p{Nd}])\s?\/\s?(?=[\p{L}\p{Nd}])/gu, ' or '],
  [/\//g, ' '],
  [/≠/g, ' does not equal '],
  [/=/g, ' equals '],
  [/≤|<=/g, ' at most '],
  [/≥|>=/g, ' at least '],
  [/</g, ' less than '],
  [/>/g, ' more than '],
  [/±/g, ' plus or minus '],
  [/⁻/g, ' minus '],
  [/⁺/g, ' plus '],
  [/[→⟶]/g, ' to '],
  [/⇒/g, ' so '],
  [/@/g, ' at '],
  [/°/g, ' degrees '],
  [/§/g, ' section '],
  // Currency signs that were not in front of an amount the number reader understood.
  [/\$/g, ' dollars '],
  [/€/g, ' euros '],
  [/£/g, ' pounds '],
  [/\^/g, ' to the power of '],
  [/#/g, ' '],
  [/[“”„«»"`‘]/g, ''],
  [/[’´]/g, "'"],
  [/\(s\)/g, 's'],
  [/[()[\]{}]/g, ' '],
  [/[*_\\]/g, ' '],
  [/\s*[|•·¦]\s*/g, ', '],
];

const RATE = new RegExp(`(?<=[\\p{L}\\p{Nd}])\\s?/\\s?(${PER})(?!\\p{L})`, 'gu');
const RATE_WORDS: Record<string, string> = { s: 'second', sec: 'second', h: 'hour', hr: 'hour', yr: 'year' };

export function speakSymbols(text: string): string {
  let out = text
    .replace(RATE, (_m, per: string) => ` per ${RATE_WORDS[per] ?? per}`)
    .replace(/(?<=\b(?:dollars?|euros?|pounds?|cents?|pence))\s?\/\s?/g, ' per ');
  for (const [re, spoken] of RULES) out = out.replace(re, spoken);
  return out;
}

/** One space between words, no space before punctuation, no doubled or dangling commas. */
export function tidySpoken(text: string): string {
  return text
    // Single quotes used as quotation marks go; apostrophes in "it's" and "models'" stay.
    .replace(/(?<!\p{L})'|(?<=\p{L})(?<!s)'(?!\p{L})/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/([,;:])(?:\s*[,;:])+/g, '$1')
    .replace(/[,;:]+\s*([.!?])/g, '$1')
    .replace(/([.!?])\s*,/g, '$1')
    .replace(/,(?=[^\s\d])/g, ', ')
    .replace(/^[\s,;:.]+/, '')
    .replace(/\s*[,;:]+\s*$/, '.')
    .trim();
}
