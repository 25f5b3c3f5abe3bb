/**
 * Settings of the OpenAI-compatible speech engine, read from the environment, and what can be
 * said about the engine without calling the server. Pure: the environment is a parameter.
 *
 *   NINETY_TTS_BASE_URL   the API address (default https://api.openai.com/v1)
 *   NINETY_TTS_API_KEY    the key, sent as a bearer token (falls back to OPENAI_API_KEY)
 *   NINETY_TTS_MODEL      the model when series.yaml names none (default tts-1)
 *   NINETY_TTS_CONCURRENCY         requests in flight per server and process (default 4)
 *   NINETY_TTS_TIMEOUT_SECONDS     how long one sentence may take (default 60)
 *
 * @example
 *   const settings = openAiSettings({ NINETY_TTS_BASE_URL: 'http://localhost:8880/v1' });
 *   if (settings.problem) throw new Error(settings.problem);
 */
import { ANY_LANGUAGE, type EngineInfo } from '../engine.js';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_MODEL = 'tts-1';

/** OpenAI's own voices: shown as examples; any name is accepted and the server judges it. */
export const OPENAI_VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'nova', 'onyx', 'sage', 'shimmer', 'verse'];

export interface OpenAiSettings {
  /** The API address without a trailing slash, e.g. http://localhost:8880/v1. */
  baseUrl: string;
  apiKey?: string;
  /** Which variable the key came from, for messages. */
  keyVariable: 'NINETY_TTS_API_KEY' | 'OPENAI_API_KEY';
  model: string;
  concurrency: number;
  timeoutMs: number;
  /** Why the engine cannot be used as configured: one message with an example. */
  problem?: string;
}

const EXAMPLE =
  'e.g. export NINETY_TTS_API_KEY=sk-… for OpenAI, or export NINETY_TTS_BASE_URL=http://localhost:8880/v1 for a local server';

export function openAiSettings(env: NodeJS.ProcessEnv = process.env): OpenAiSettings {
  const problems: string[] = [];
  const given = env.NINETY_TTS_BASE_URL?.trim() || DEFAULT_BASE_URL;
  let baseUrl = given.replace(/\/+$/, '');
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol)) {
    problems.push(`NINETY_TTS_BASE_URL must be an http:// or https:// address such as http://localhost:8880/v1, got "${given}"`);
    baseUrl = DEFAULT_BASE_URL;
  }
  const ownKey = env.NINETY_TTS_API_KEY?.trim();
  const apiKey = ownKey || env.OPENAI_API_KEY?.trim() || undefined;
  if (!apiKey && url?.hostname === 'api.openai.com') {
    problems.push(
      `the OpenAI speech API needs a key: set NINETY_TTS_API_KEY (or OPENAI_API_KEY), or point NINETY_TTS_BASE_URL at a local server (${EXAMPLE})`,
    );
  }
  const concurrency = whole(env.NINETY_TTS_CONCURRENCY, 4, 1, 64, 'NINETY_TTS_CONCURRENCY', problems);
  const timeoutSeconds = whole(env.NINETY_TTS_TIMEOUT_SECONDS, 60, 1, 3600, 'NINETY_TTS_TIMEOUT_SECONDS', problems);
  return {
    baseUrl,
    ...(apiKey ? { apiKey } : {}),
    keyVariable: ownKey ? 'NINETY_TTS_API_KEY' : env.OPENAI_API_KEY?.trim() ? 'OPENAI_API_KEY' : 'NINETY_TTS_API_KEY',
    model: env.NINETY_TTS_MODEL?.trim() || DEFAULT_MODEL,
    concurrency,
    timeoutMs: timeoutSeconds * 1000,
    ...(problems.length ? { problem: problems.join('; ') } : {}),
  };
}

function whole(
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
  name: string,
  problems: string[],
): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
    return fallback;
  }
  return n;
}

/**
 * The server's identity for the cache: scheme, host, port and path, never the key. Two servers
 * may answer to the same model and voice names ("tts-1", "alloy") with different speech, so
 * audio made by one is not reused for another.
 */
export function serverIdentity(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

export function describeOpenAi(settings: OpenAiSettings): EngineInfo {
  return {
    name: 'openai',
    // The voice and a series' own model are in the task; the server and the default model are not.
    version: `openai-speech/1 ${serverIdentity(settings.baseUrl)} default-model=${settings.model}`,
    voices: OPENAI_VOICES,
    anyVoice: true,
    // Paces differ by server and model and are not measured: the build's default pace applies.
    secondsPerLetter: {},
    languages: Object.fromEntries(OPENAI_VOICES.map((v) => [v, [ANY_LANGUAGE]])),
  };
}
