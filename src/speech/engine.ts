/**
 * The one interface every speech engine implements: text in, PCM out.
 *
 * Engines are swappable (the built-in Flite voices, or a speech server a user plugs in); the build
 * only ever talks to this interface, and `engine.contract.ts` is the test every engine must pass.
 * Which engines exist is the registry's business (`engines.ts`), not this file's.
 *
 * @example
 *   const engine = await createEngine('flite'); // from './engines.js'
 *   const { samples, sampleRate } = await engine.synthesize('Hello there.', { voice: 'rms', stretch: 1.1 });
 */

export interface SynthesisOptions {
  voice: string;
  /** Duration multiplier: 1 is the voice's own pace, 1.1 is ten percent slower. */
  stretch: number;
  /** The server's model, for engines that have models (ignored by the others). */
  model?: string;
}

export interface Pcm {
  /** Mono samples in [-1, 1]. */
  samples: Float32Array;
  sampleRate: number;
}

/** Written in a voice's `languages` when the voice speaks whatever it is given (a server decides). */
export const ANY_LANGUAGE = '*';

/** What can be known about an engine without loading it (loading Flite costs a second and 250 MB). */
export interface EngineInfo {
  readonly name: string;
  /**
   * Changes whenever the same task (text, voice, settings) could sound different, so cached audio
   * is redone: the engine's build for Flite, the server and default model for a speech server.
   */
  readonly version: string;
  /** The voices it has; for an engine with `anyVoice`, the voices commonly found (examples). */
  readonly voices: readonly string[];
  /** True when any voice name is accepted and the server judges it (its voices cannot be listed reliably). */
  readonly anyVoice?: boolean;
  /**
   * Seconds of speech per letter of spoken text at stretch 1, by voice: lets the build pick a
   * speaking rate before the first synthesis, so an episode is usually spoken only once.
   */
  readonly secondsPerLetter: Readonly<Record<string, number>>;
  /**
   * Languages each voice speaks, as BCP 47 tags ("en-US"), or [ANY_LANGUAGE]. A voice of an
   * `anyVoice` engine that is not listed here speaks any language (see `languages.ts`).
   */
  readonly languages: Readonly<Record<string, readonly string[]>>;
  /** A few words on each voice for someone choosing one ("US English, male"). */
  readonly about?: Readonly<Record<string, string>>;
}

export interface SpeechEngine extends EngineInfo {
  /** Speaks one sentence. Engines may refuse very long input; callers send a sentence at a time. */
  synthesize(text: string, options: SynthesisOptions): Promise<Pcm>;
}

/** Pace assumed for a voice that has not been measured. */
export const DEFAULT_SECONDS_PER_LETTER = 0.08;
