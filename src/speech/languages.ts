/**
 * Which voices can speak a series, by language, and which languages the text normalisation
 * serves. Pure functions over what engines declare (`EngineInfo.languages`).
 *
 * A voice speaks a series when their primary languages agree: an "en-US" voice speaks a series
 * in "en" or "en-GB" (with its own accent). The normalisation (numbers, units, symbols in words)
 * is English; a series in another language is spoken as written, with only its lexicon applied.
 *
 * @example
 *   checkVoiceLanguage(describeEngine('flite'), 'rms', 'de');
 *   // → 'flite voice "rms" speaks English (en-US), not German (de): …'
 */
import { ANY_LANGUAGE, type EngineInfo } from './engine.js';

const primary = (tag: string) => tag.split('-')[0]!.toLowerCase();

/** The language's English name ("German"), or the tag itself when it has none. */
export function languageName(tag: string): string {
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(primary(tag));
    return name && name !== primary(tag) ? name : tag;
  } catch {
    return tag;
  }
}

/** The languages a voice declares; a voice an `anyVoice` engine does not list speaks any language. */
export function voiceLanguages(info: EngineInfo, voice: string): readonly string[] {
  return info.languages[voice] ?? (info.anyVoice ? [ANY_LANGUAGE] : []);
}

export function speaksLanguage(languages: readonly string[], language: string): boolean {
  return languages.some((tag) => tag === ANY_LANGUAGE || primary(tag) === primary(language));
}

/** Why a voice is not a known voice of its engine, or undefined when it is (or any name goes). */
export function checkVoiceName(info: EngineInfo, voice: string): string | undefined {
  if (info.anyVoice || info.voices.includes(voice)) return undefined;
  return `unknown voice "${voice}" for engine ${info.name} — choose one of ${info.voices.join(', ')}`;
}

/**
 * Why this voice cannot speak a series in `language` (one message saying what to change), or
 * undefined when it can.
 */
export function checkVoiceLanguage(info: EngineInfo, voice: string, language: string): string | undefined {
  const spoken = voiceLanguages(info, voice);
  if (speaksLanguage(spoken, language)) return undefined;
  const wanted = languageName(language);
  const has = spoken.length ? `${[...new Set(spoken.map(languageName))].join(', ')} (${spoken.join(', ')})` : 'no declared language';
  const others = info.voices.filter((v) => speaksLanguage(voiceLanguages(info, v), language));
  const instead = others.length
    ? `choose one of its voices that does (${others.join(', ')})`
    : `none of ${info.name}'s voices does: choose an engine whose voices speak it (engine: openai with a speech server that has a ${wanted} voice)`;
  return `${info.name} voice "${voice}" speaks ${has}, not ${wanted} (${language}): ${instead}, or correct language in series.yaml`;
}

/** Languages whose numbers, units and symbols the normaliser writes out in words. */
export const NORMALISED_LANGUAGES: readonly string[] = ['en'];

export function normalisesLanguage(language: string): boolean {
  return NORMALISED_LANGUAGES.includes(primary(language));
}

/** What `ninety check` should tell the writer of a series the normaliser does not serve, if anything. */
export function normalisationNote(language: string): string | undefined {
  if (normalisesLanguage(language)) return undefined;
  return (
    `numbers, units and symbols are written out in words for English only: scripts in ${languageName(language)} (${language}) ` +
    'go to the voice as written, with only lexicon.yaml applied, so write them as they should be said'
  );
}
