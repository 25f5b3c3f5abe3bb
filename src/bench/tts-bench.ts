/**
 * The speech-server adapter's overhead: each sentence spoken by Flite directly, and through the
 * OpenAI-compatible engine talking to a local server on loopback with the same Flite behind it,
 * in the same run, alternating so drift in the machine's load hits both alike. The difference
 * is what the protocol costs: JSON, HTTP on loopback, WAV written by the server and read back.
 *
 * @example
 *   const overhead = await benchSpeechAdapter();
 *   console.log(formatAdapterOverhead(overhead));
 *   // node dist/bench/tts-bench.js [--json]
 */
import { fileURLToPath } from 'node:url';
import { loadSeries } from '../series/load.js';
import { scriptSentences } from '../series/text.js';
import { createFliteEngine } from '../speech/flite.js';
import { toSpoken } from '../speech/normalise.js';
import { createOpenAiEngine } from '../speech/openai/engine.js';
import { startSpeechServer } from '../speech/openai/server.js';

export interface AdapterOverhead {
  sentences: number;
  rounds: number;
  voice: string;
  /** Mean time a sentence takes, Flite called directly. */
  directMs: number;
  /** Mean time a sentence takes through the adapter and the local server. */
  adapterMs: number;
  /** Median over sentences of (adapter − direct): robust to a stray slow call. */
  overheadMs: number;
  overheadPercent: number;
}

export interface AdapterBenchOptions {
  /** Spoken sentences; default: those of the first AI Training episode. */
  sentences?: string[];
  voice?: string;
  rounds?: number;
}

const root = fileURLToPath(new URL('../../', import.meta.url));

export async function benchSpeechAdapter(options: AdapterBenchOptions = {}): Promise<AdapterOverhead> {
  const voice = options.voice ?? 'rms';
  const rounds = options.rounds ?? 2;
  const sentences = options.sentences ?? (await firstEpisodeSentences());
  const server = await startSpeechServer();
  try {
    const direct = await createFliteEngine();
    const adapter = createOpenAiEngine({
      baseUrl: server.url,
      keyVariable: 'NINETY_TTS_API_KEY',
      model: 'tts-1',
      concurrency: 1,
      timeoutMs: 60_000,
    });
    const time = async (engine: typeof direct, text: string) => {
      const started = performance.now();
      await engine.synthesize(text, { voice, stretch: 1 });
      return performance.now() - started;
    };
    // Warm both paths: module instances, sockets, the MP3-free WAV route.
    await time(direct, sentences[0]!);
    await time(adapter, sentences[0]!);
    let directTotal = 0;
    let adapterTotal = 0;
    const differences: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const [i, sentence] of sentences.entries()) {
        // Alternate which goes first, so neither always runs right after a garbage collection.
        let d: number;
        let a: number;
        if ((round + i) % 2 === 0) {
          d = await time(direct, sentence);
          a = await time(adapter, sentence);
        } else {
          a = await time(adapter, sentence);
          d = await time(direct, sentence);
        }
        directTotal += d;
        adapterTotal += a;
        differences.push(a - d);
      }
    }
    const calls = rounds * sentences.length;
    const directMs = directTotal / calls;
    const overheadMs = median(differences);
    return {
      sentences: sentences.length,
      rounds,
      voice,
      directMs,
      adapterMs: adapterTotal / calls,
      overheadMs,
      overheadPercent: (100 * overheadMs) / directMs,
    };
  } finally {
    await server.close();
  }
}

/** One line for the bench report. */
export function formatAdapterOverhead(r: AdapterOverhead): string {
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  return (
    `speech adapter    +${ms(r.overheadMs)} a sentence (${r.overheadPercent.toFixed(1)}%) over Flite direct: ` +
    `${ms(r.directMs)} direct, ${ms(r.adapterMs)} through the OpenAI-compatible engine and a loopback server ` +
    `(${r.sentences} sentences × ${r.rounds}, voice ${r.voice})`
  );
}

async function firstEpisodeSentences(): Promise<string[]> {
  const content = await loadSeries(`${root}series/ai-training`);
  const episode = content.episodes[0]!;
  return scriptSentences(episode.script).map((s) => toSpoken(s.text, content.lexicon));
}

/** The middle value, or the mean of the two middle ones. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchSpeechAdapter();
  process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(result)}\n` : `${formatAdapterOverhead(result)}\n`);
}
