/**
 * Written abbreviations said in full ("e.g." → "for example", "vs." → "versus") and dotted
 * initialisms spelled out ("U.S." → "you ess"). Runs before numbers so "No. 5" can become
 * "number five".
 */
import { spellLetters } from './letters.js';

/** Whatever may follow an abbreviation's own period when it also ends the sentence. */
const AT_END = /^[\s"'”’)\]]*$/;

type Rule = [RegExp, string];

/** Abbreviations whose period may double as the sentence's full stop. */
const RULES: Rule[] = [
  [/(?<![\p{L}.])e\.\s?g\.(?!\p{L})/giu, 'for example'],
  [/(?<![\p{L}.])i\.\s?e\.(?!\p{L})/giu, 'that is'],
  [/(?<![\p{L}.])etc\./giu, 'et cetera'],
  [/(?<![\p{L}.])et al\./giu, 'and colleagues'],
  [/(?<![\p{L}.])a\.k\.a\./giu, 'also known as'],
  [/(?<![\p{L}.])Ph\.D\./gu, 'pee aitch dee'],
  [/(?<![\p{L}.])vs\.?(?!\p{L})/gu, 'versus'],
  [/(?<![\p{L}.])cf\.(?!\p{L})/gu, 'compare'],
  [/(?<![\p{L}.])approx\.(?!\p{L})/giu, 'approximately'],
  [/(?<![\p{L}.])w\/o(?!\p{L})/giu, 'without'],
  [/(?<![\p{L}.])w\/(?=\s)/giu, 'with'],
  [/(?<![\p{L}.])a\.m\./giu, 'ay em'],
  [/(?<![\p{L}.])p\.m\./giu, 'pee em'],
];

/** Titles and references that always precede a name or a number. */
const PREFIXES: Rule[] = [
  [/(?<!\p{L})Dr\.(?=\s)/gu, 'Doctor'],
  [/(?<!\p{L})Mr\.(?=\s)/gu, 'Mister'],
  [/(?<!\p{L})Mrs\.(?=\s)/gu, 'Missus'],
  [/(?<!\p{L})Ms\.(?=\s)/gu, 'Miz'],
  [/(?<!\p{L})Prof\.(?=\s)/gu, 'Professor'],
  [/(?<!\p{L})No\.(?=\s?\d)/gu, 'number'],
  [/(?<!\p{L})Fig\.(?=\s?\d)/gu, 'figure'],
  [/(?<!\p{L})Eq\.(?=\s?\d)/gu, 'equation'],
  [/(?<!\p{L})Sec\.(?=\s?\d)/gu, 'section'],
  [/(?<!\p{L})pp\.(?=\s?\d)/gu, 'pages'],
  [/(?<!\p{L})p\.(?=\s?\d)/gu, 'page'],
];

const INITIALISM = /(?<![\p{L}\p{Nd}.])((?:\p{Lu}\.){2,})(?!\p{L})/gu;

/** Keeps a full stop when the abbreviation was also the end of the sentence. */
function replaceKeepingEnd(text: string, re: RegExp, spoken: (m: string) => string): string {
  return text.replace(re, (m: string, ...rest: unknown[]) => {
    const offset = rest.find((r) => typeof r === 'number') as number;
    const after = text.slice(offset + m.length);
    const endsSentence = m.endsWith('.') && AT_END.test(after);
    return endsSentence ? `${spoken(m)}.` : spoken(m);
  });
}

export function speakAbbreviations(text: string): string {
  let out = text;
  for (const [re, spoken] of RULES) out = replaceKeepingEnd(out, re, () => spoken);
  for (const [re, spoken] of PREFIXES) out = out.replace(re, spoken);
  out = replaceKeepingEnd(out, INITIALISM, (m) => spellLetters(m.replace(/\./g, '')));
  return out;
}
