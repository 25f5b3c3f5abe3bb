/**
 * The sentence cache: each sentence's speech as the engine gave it, so that editing a sentence
 * speaks that sentence again and not the whole episode. It sits in front of an engine
 * (`withSentenceCache`): a sentence already spoken in the same voice at the same rate comes back
 * sample for sample from the cache.
 *
 * An entry is `<sentence>@<stretch>.pcm`, where `<sentence>` hashes everything but the rate (the
 * spoken text, the engine, its voice and model, and the toolchain of the episode cache): listing
 * the folder tells at which rates an episode's sentences were spoken before (`ratesFor`), so a
 * small edit can keep the rate its sentences were spoken at. Samples are kept as 16-bit integers
 * when they are exactly that (Flite's are), else as 32-bit floats: either way what comes back is
 * what went in. Each entry carries its length and a SHA-256 of its samples; anything else is
 * spoken again. Entries are not flushed to disk one by one: one lost to a crash is only spoken again.
 *
 * @example
 *   const sentences = SentenceCache.beside(new AudioCache('out/.ninety-cache/ai-training'));
 *   const engine = withSentenceCache(await createEngine('flite'), sentences);
 *   await engine.synthesize('Hello there.', { voice: 'rms', stretch: 1 }); // spoken and kept
 *   await engine.synthesize('Hello there.', { voice: 'rms', stretch: 1 }); // from the cache
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Pcm, SpeechEngine } from '../speech/engine.js';
import { describeEngine } from '../speech/engines.js';
import { temporaryPath } from './atomic.js';
import { stableJson } from './cache.js';
import { sentenceRequests, type EpisodeAudioTask, type SentenceRequest } from './episode-audio.js';
import { soundToolchain } from './toolchain.js';

const MAGIC = 'NSC1';
const HEADER = 4 + 4 + 4 + 1 + 32; // magic, sample rate, samples, format, SHA-256 of the samples
const INT16 = 1;
const FLOAT32 = 2;
const ENTRY = /^([0-9a-f]{32})@(\d+(?:\.\d+)?)\.pcm$/;

export class SentenceCache {
  /** Entries being written by keep(). */
  private readonly writing = new Set<Promise<void>>();

  constructor(readonly dir: string) {}

  /** The sentence cache that goes with an episode cache (see cache.ts), in a folder of its own. */
  static beside(episodes: { dir: string }): SentenceCache {
    return new SentenceCache(join(episodes.dir, 'sentences'));
  }

  async get(request: SentenceRequest): Promise<Pcm | undefined> {
    const bytes = await readFile(this.pathOf(request)).catch(() => undefined);
    return bytes && decodeEntry(bytes);
  }

  async put(request: SentenceRequest, pcm: Pcm): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const path = this.pathOf(request);
    const temp = temporaryPath(path);
    try {
      await writeFile(temp, encodeEntry(pcm));
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  /**
   * Writes an entry in the background, so the next sentence is spoken meanwhile; an entry that
   * cannot be written is not kept (the cache is a saving, never a requirement). settled() waits
   * for every entry kept so far.
   */
  keep(request: SentenceRequest, pcm: Pcm): void {
    const write = this.put(request, pcm).catch(() => undefined).finally(() => this.writing.delete(write));
    this.writing.add(write);
  }

  async settled(): Promise<void> {
    await Promise.all(this.writing);
  }

  /**
   * The rates at which at least `share` of these sentences (their rate aside) were spoken before,
   * those that cover the most sentences first.
   */
  async ratesFor(requests: readonly SentenceRequest[], share = 0): Promise<number[]> {
    const wanted = new Set(requests.map(sentenceKey));
    const counts = new Map<number, number>();
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      const match = ENTRY.exec(name);
      if (!match || !wanted.has(match[1]!)) continue;
      const rate = Number(match[2]);
      counts.set(rate, (counts.get(rate) ?? 0) + 1);
    }
    return [...counts]
      .filter(([, count]) => count > 0 && count >= share * wanted.size)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .map(([rate]) => rate);
  }

  /** Removes every entry but these: the sentences of the episodes as they are now built. */
  async keepOnly(requests: readonly SentenceRequest[]): Promise<void> {
    const keep = new Set(requests.map((r) => entryName(r)));
    const names = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(names.filter((name) => ENTRY.test(name) && !keep.has(name)).map((name) => rm(join(this.dir, name), { force: true })));
  }

  private pathOf(request: SentenceRequest): string {
    return join(this.dir, entryName(request));
  }
}

/**
 * The rates worth trying for a task, for renderEpisodeAudio's `reusableRates`: those at which
 * most of its sentences are cached. A few sentences it shares with other episodes are no reason
 * to leave the rate the fitting would choose. A dialogue's hosts speak at stretches matched to a
 * common rate, which their entries do not record: none.
 */
export function reusableRates(task: EpisodeAudioTask, cache: SentenceCache): Promise<number[]> {
  return task.hosts ? Promise.resolve([]) : cache.ratesFor(sentenceRequests(task, task.voice.stretch), 0.5);
}

/**
 * The engine, with each sentence looked up in the cache first and kept in it once spoken (see
 * keep(): a caller that is about to exit waits for cache.settled() first).
 */
export function withSentenceCache(engine: SpeechEngine, cache: SentenceCache): SpeechEngine {
  return {
    ...engine,
    synthesize: async (text, options) => {
      const request = { engine: engine.name, text, options };
      const cached = await cache.get(request);
      if (cached) return cached;
      const pcm = await engine.synthesize(text, options);
      cache.keep(request, pcm);
      return pcm;
    },
  };
}

function entryName(request: SentenceRequest): string {
  return `${sentenceKey(request)}@${request.options.stretch}.pcm`;
}

/** Everything but the rate that decides a sentence's sound. */
function sentenceKey({ engine, text, options }: SentenceRequest): string {
  const { stretch: _rate, ...voice } = options;
  return createHash('sha256').update(toolchainOf(engine)).update(stableJson({ engine, text, voice })).digest('hex').slice(0, 32);
}

/** Each engine's toolchain as JSON, made once: every sentence's key holds it, and a build makes a thousand keys. */
const toolchains = new Map<string, string>();
function toolchainOf(engine: string): string {
  let json = toolchains.get(engine);
  if (json === undefined) {
    json = stableJson(soundToolchain(describeEngine(engine).version));
    toolchains.set(engine, json);
  }
  return json;
}

export function encodeEntry({ samples, sampleRate }: Pcm): Uint8Array {
  const ints = new Int16Array(samples.length);
  const asInt16 = toInt16(samples, ints);
  const data = asInt16 ? ints : samples;
  const body = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const out = new Uint8Array(HEADER + body.length);
  const view = new DataView(out.buffer);
  out.set(Buffer.from(MAGIC, 'ascii'), 0);
  view.setUint32(4, sampleRate, true);
  view.setUint32(8, samples.length, true);
  out[12] = asInt16 ? INT16 : FLOAT32;
  out.set(createHash('sha256').update(body).digest(), 13);
  out.set(body, HEADER);
  return out;
}

/** The samples of an entry, or undefined for anything that is not a whole, unaltered entry. */
export function decodeEntry(bytes: Uint8Array): Pcm | undefined {
  if (bytes.length < HEADER || Buffer.from(bytes.subarray(0, 4)).toString('ascii') !== MAGIC) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const sampleRate = view.getUint32(4, true);
  const count = view.getUint32(8, true);
  const format = bytes[12];
  const width = format === INT16 ? 2 : format === FLOAT32 ? 4 : 0;
  if (width === 0 || bytes.length !== HEADER + count * width || sampleRate === 0) return undefined;
  // Copied out (a Buffer's slice would share its memory), so the samples are aligned and the file's buffer can go.
  const body = new Uint8Array(bytes.length - HEADER);
  body.set(bytes.subarray(HEADER));
  if (!Buffer.from(createHash('sha256').update(body).digest()).equals(Buffer.from(bytes.subarray(13, HEADER)))) return undefined;
  if (format === FLOAT32) return { samples: new Float32Array(body.buffer), sampleRate };
  return { samples: fromInt16(new Int16Array(body.buffer)), sampleRate };
}

// The sample loops are small functions of their own, in plain loops. Inside the larger functions
// above, called a few hundred times a build with a collection before each (see speech/flite.ts),
// the same loop ran seven times slower; a typed array's every() or from() with a callback is ten.

/** Writes the samples as 16-bit integers; false (and stops) at the first that is not one exactly. */
function toInt16(samples: Float32Array, ints: Int16Array): boolean {
  for (let i = 0; i < samples.length; i++) {
    const scaled = samples[i]! * 32768;
    ints[i] = scaled;
    if (ints[i] !== scaled) return false;
  }
  return true;
}

function fromInt16(ints: Int16Array): Float32Array {
  const samples = new Float32Array(ints.length);
  for (let i = 0; i < ints.length; i++) samples[i] = ints[i]! / 32768;
  return samples;
}
