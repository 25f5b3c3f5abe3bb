/**
 * The voices a series speaks with — its hosts, or its one narrator voice — checked against the
 * engines that would speak them, and each voice's pace. Nothing here loads an engine.
 *
 * @example
 *   seriesVoices(series);   // [{ name: 'Ada', engine: 'flite', voice: 'slt', field: 'hosts.0' }, …]
 *   voiceProblems(series, 'series/two-hosts/series.yaml');   // [] when every voice exists
 */
import { DEFAULT_SECONDS_PER_LETTER, type EngineInfo } from '../speech/engine.js';
import { describeEngine } from '../speech/engines.js';
import { checkVoiceLanguage } from '../speech/languages.js';
import { error, type Problem } from './problems.js';
import type { Series } from './schema.js';

export interface SeriesVoice {
  /** The host's name; absent for a series' single voice. */
  name?: string;
  engine: string;
  voice: string;
  /** Where the voice is set in series.yaml, for messages. */
  field: string;
  /** Where its engine is set: the host's own `engine`, or the series' `voice.engine`. */
  engineField: string;
}

export function seriesVoices(series: Pick<Series, 'voice' | 'hosts'>): SeriesVoice[] {
  if (!series.hosts) {
    return [{ engine: series.voice.engine, voice: series.voice.voice, field: 'voice.voice', engineField: 'voice.engine' }];
  }
  return series.hosts.map((host, i) => ({
    name: host.name,
    engine: host.engine ?? series.voice.engine,
    voice: host.voice,
    field: `hosts.${i}.voice`,
    engineField: host.engine ? `hosts.${i}.engine` : 'voice.engine',
  }));
}

/** Engines or voices that do not exist, each naming its field and what there is to choose from. */
export function voiceProblems(series: Pick<Series, 'voice' | 'hosts' | 'language'>, file: string): Problem[] {
  const problems: Problem[] = [];
  const voices = [
    // The series voice stays the default even when hosts speak, so it must exist too.
    ...(series.hosts ? seriesVoices({ voice: series.voice }) : []),
    ...seriesVoices(series),
  ];
  for (const voice of voices) {
    let engine: EngineInfo;
    try {
      engine = describeEngine(voice.engine);
    } catch (e) {
      const message = (e as Error).message;
      if (!problems.some((p) => p.field === voice.engineField)) problems.push(error(file, message, { field: voice.engineField }));
      continue;
    }
    // A speech server's voices cannot be listed reliably: it judges the name itself.
    if (!engine.anyVoice && !engine.voices.includes(voice.voice)) {
      problems.push(
        error(file, `unknown voice "${voice.voice}" for engine ${engine.name} — choose one of ${engine.voices.join(', ')}`, {
          field: voice.field,
        }),
      );
      continue;
    }
    const language = checkVoiceLanguage(engine, voice.voice, series.language);
    if (language && !problems.some((p) => p.field === 'language')) {
      problems.push(error(file, language, { field: 'language' }));
    }
  }
  return problems;
}

/** Seconds per spoken letter at stretch 1; the default pace when the engine or voice is not measured. */
export function voicePace(voice: Pick<SeriesVoice, 'engine' | 'voice'>): number {
  let engine: EngineInfo;
  try {
    engine = describeEngine(voice.engine);
  } catch {
    return DEFAULT_SECONDS_PER_LETTER;
  }
  return engine.secondsPerLetter[voice.voice] ?? DEFAULT_SECONDS_PER_LETTER;
}
