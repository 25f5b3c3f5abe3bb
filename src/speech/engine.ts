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

export interface SpeechEngine {
  readonly name: string;
  /** Changes whenever the same text could sound different, so cached audio is redone. */
  readonly version: string;
  readonly voices: readonly string[];
  /** Speaks one sentence. Engines may refuse very long input; callers send a sentence at a time. */
  synthesize(text: string, options: SynthesisOptions): Promise<Pcm>;
}

export type EngineFactory = () => Promise<SpeechEngine>;

const factories = new Map<string, EngineFactory>([
  ['flite', async () => (await import('./flite.js')).createFliteEngine()],
]);

export function engineNames(): string[] {
  return [...factories.keys()];
}

export async function createEngine(name: string): Promise<SpeechEngine> {
  const factory = factories.get(name);
  if (!factory) {
    throw new Error(`unknown speech engine "${name}"; available: ${engineNames().join(', ')}`);
  }
  return factory();
}
