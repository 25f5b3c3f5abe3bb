/**
 * The one interface every speech engine implements: text in, PCM out.
 *
 * Engines are swappable (the built-in Flite voice, or one a user plugs in); the build only ever
 * talks to this interface, and `engine.contract.ts` is the test every engine must pass.
 *
 * @example
 *   const engine = await createEngine('flite');
 *   const { samples, sampleRate } = await engine.synthesize('Hello there.', { voice: 'rms', stretch: 1.1 });
 */
import { describeFlite } from './flite-info.js';

export interface SynthesisOptions {
  voice: string;
  /** Duration multiplier: 1 is the voice's own pace, 1.1 is ten percent slower. */
  stretch: number;
}

export interface Pcm {
  /** Mono samples in [-1, 1]. */
  samples: Float32Array;
  sampleRate: number;
}

/** What can be known about an engine without loading it (loading Flite costs a second and 250 MB). */
export interface EngineInfo {
  readonly name: string;
  /** Changes whenever the same text could sound different, so cached audio is redone. */
  readonly version: string;
  readonly voices: readonly string[];
  /**
   * Seconds of speech per letter of spoken text at stretch 1, by voice: lets the build pick a
   * speaking rate before the first synthesis, so an episode is usually spoken only once.
   */
  readonly secondsPerLetter: Readonly<Record<string, number>>;
}

export interface SpeechEngine extends EngineInfo {
  /** Speaks one sentence. Engines may refuse very long input; callers send a sentence at a time. */
  synthesize(text: string, options: SynthesisOptions): Promise<Pcm>;
}

/** Pace assumed for a voice that has not been measured. */
export const DEFAULT_SECONDS_PER_LETTER = 0.08;

interface Registration {
  describe(): EngineInfo;
  create(): Promise<SpeechEngine>;
}

const engines = new Map<string, Registration>([
  ['flite', { describe: describeFlite, create: async () => (await import('./flite.js')).createFliteEngine() }],
]);

export function engineNames(): string[] {
  return [...engines.keys()];
}

function registration(name: string): Registration {
  const found = engines.get(name);
  if (!found) throw new Error(`unknown speech engine "${name}"; available: ${engineNames().join(', ')}`);
  return found;
}

export function describeEngine(name: string): EngineInfo {
  return registration(name).describe();
}

export async function createEngine(name: string): Promise<SpeechEngine> {
  return registration(name).create();
}
