/**
 * Measures a voice's pace — seconds of speech per letter of spoken text at stretch 1 — over a
 * series' scripts: the number `EngineInfo.secondsPerLetter` records, which lets the build pick a
 * speaking rate before it speaks. Speech is counted as the build counts it (each sentence with
 * its edge silence trimmed, pauses excluded), letters as the estimate counts them (letters of the
 * spoken form, after the lexicon and number normalisation).
 *
 * @example
 *   npm run compile && node dist/bench/voice-pace.js                      # every Flite voice, AI Training
 *   node dist/bench/voice-pace.js series/ai-training --voice rms --voice slt
 *   node dist/bench/voice-pace.js --engine openai --voice alloy           # a speech server's voice
 */
import { parseArgs } from 'node:util';
import { trimSilence } from '../audio/assemble.js';
import { loadSeries } from '../series/load.js';
import type { SeriesContent } from '../series/schema.js';
import { scriptSentences } from '../series/text.js';
import type { SpeechEngine } from '../speech/engine.js';
import { createEngine, describeEngine } from '../speech/engines.js';
import { toSpoken } from '../speech/normalise.js';
import { estimateSpeechSeconds } from '../speech/pace.js';

export interface VoicePace {
  engine: string;
  voice: string;
  episodes: number;
  letters: number;
  /** Speech only, edge silence trimmed, at stretch 1. */
  seconds: number;
  /** All speech over all letters: the number to record. */
  secondsPerLetter: number;
  /** Standard deviation of the per-episode paces, as a percentage of their mean. */
  spreadPercent: number;
  /** Slowest minus fastest episode, as a percentage of the mean. */
  rangePercent: number;
}

export async function measureVoicePace(content: SeriesContent, engine: SpeechEngine, voice: string): Promise<VoicePace> {
  let letters = 0;
  let seconds = 0;
  const paces: number[] = [];
  for (const episode of content.episodes) {
    const spoken = scriptSentences(episode.script).map((s) => toSpoken(s.text, content.lexicon));
    let episodeSeconds = 0;
    for (const sentence of spoken) {
      const pcm = await engine.synthesize(sentence, { voice, stretch: 1 });
      episodeSeconds += trimSilence(pcm.samples, pcm.sampleRate).length / pcm.sampleRate;
    }
    // One second per letter at stretch 1 turns the estimate into a letter count, counted exactly as the build counts.
    const episodeLetters = estimateSpeechSeconds(spoken, 1, 1);
    letters += episodeLetters;
    seconds += episodeSeconds;
    paces.push(episodeSeconds / episodeLetters);
  }
  const mean = paces.reduce((a, b) => a + b, 0) / paces.length;
  const sd = Math.sqrt(paces.reduce((a, p) => a + (p - mean) ** 2, 0) / paces.length);
  return {
    engine: engine.name,
    voice,
    episodes: paces.length,
    letters,
    seconds,
    secondsPerLetter: seconds / letters,
    spreadPercent: (100 * sd) / mean,
    rangePercent: (100 * (Math.max(...paces) - Math.min(...paces))) / mean,
  };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { engine: { type: 'string', default: 'flite' }, voice: { type: 'string', multiple: true }, json: { type: 'boolean' } },
    allowPositionals: true,
  });
  const content = await loadSeries(positionals[0] ?? 'series/ai-training');
  const engineName = values.engine ?? 'flite';
  const voices = values.voice ?? describeEngine(engineName).voices;
  const engine = await createEngine(engineName);
  const results: VoicePace[] = [];
  if (!values.json) process.stdout.write('voice   s/letter  spread  range  letters  seconds\n');
  for (const voice of voices) {
    const pace = await measureVoicePace(content, engine, voice);
    results.push(pace);
    if (!values.json) {
      process.stdout.write(
        `${voice.padEnd(7)} ${pace.secondsPerLetter.toFixed(4).padStart(8)}  ${pace.spreadPercent.toFixed(1).padStart(5)}%  ${pace.rangePercent
          .toFixed(1)
          .padStart(4)}%  ${String(pace.letters).padStart(7)}  ${pace.seconds.toFixed(1).padStart(7)}\n`,
      );
    }
  }
  if (values.json) process.stdout.write(`${JSON.stringify(results)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
