/**
 * The OpenAI-compatible speech engine: `POST {base}/audio/speech` with `model`, `voice`, `input`,
 * `speed` and `response_format`. One adapter covers OpenAI and the servers people run locally
 * (Kokoro-FastAPI, openedai-speech, LocalAI, Speaches).
 *
 * One sentence per request, so sentence timings stay exact; at most `concurrency` requests in
 * flight per server. WAV is asked for; raw PCM and MP3 are accepted too. The stretch maps to
 * `speed` = 1 / stretch, within the API's 0.25–4.
 *
 * Failures: 429 (after its Retry-After), 5xx, timeouts and reset connections are retried with
 * backoff, a bounded number of times; everything else — and a retry that never succeeds — ends in
 * one line saying what happened and what to set.
 *
 * @example
 *   const engine = createOpenAiEngine(openAiSettings(process.env));
 *   const pcm = await engine.synthesize('Hello there.', { voice: 'alloy', stretch: 1 });
 */
import type { Pcm, SpeechEngine, SynthesisOptions } from '../engine.js';
import { AudioBodyError, decodeSpeech } from './audio.js';
import { serverGate } from './gate.js';
import { request, TransportError, type HttpResponse } from './http.js';
import { describeOpenAi, type OpenAiSettings } from './settings.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** First backoff; it doubles on each retry, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest Retry-After honoured; a server asking for more is reported instead of waited on. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 120_000 };

/** The API's limit on `input`. */
export const MAX_INPUT_CHARS = 4096;

export class SpeechServerError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    /** How long the server asked us to wait before trying again, if it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SpeechServerError';
  }
}

export function speedFor(stretch: number): number {
  return Math.min(4, Math.max(0.25, Math.round((1 / stretch) * 10000) / 10000));
}

export function createOpenAiEngine(settings: OpenAiSettings, options: { retry?: Partial<RetryPolicy> } = {}): SpeechEngine {
  if (settings.problem) throw new Error(settings.problem);
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const endpoint = new URL(`${settings.baseUrl}/audio/speech`);
  const gate = serverGate(settings.baseUrl, settings.concurrency);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'audio/wav, audio/*;q=0.9',
    ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
  };

  const attempt = async (body: string, context: Context): Promise<Pcm> => {
    let response: HttpResponse;
    try {
      response = await request(endpoint, { method: 'POST', headers, body, timeoutMs: settings.timeoutMs });
    } catch (error) {
      throw transportFailure(error as Error, endpoint, settings);
    }
    if (response.status < 200 || response.status >= 300) throw statusFailure(response, endpoint, settings, context);
    let pcm: Pcm;
    try {
      pcm = await decodeSpeech(response.body, String(response.headers['content-type'] ?? ''));
    } catch (error) {
      if (!(error instanceof AudioBodyError)) throw error;
      throw new SpeechServerError(
        `${response.status} from ${endpoint}: ${error.message} — check NINETY_TTS_BASE_URL: it should be the speech API's address, usually ending in /v1`,
        false,
      );
    }
    if (pcm.samples.length === 0) {
      throw new SpeechServerError(
        `${response.status} from ${endpoint}: audio of zero length for "${clip(context.text)}" — the server spoke nothing; try voice "${context.voice}" and model "${context.model}" on the server directly`,
        false,
      );
    }
    return pcm;
  };

  return {
    ...describeOpenAi(settings),
    async synthesize(text: string, { voice, stretch, model }: SynthesisOptions): Promise<Pcm> {
      if (!text.trim()) throw new Error('nothing to say: the sentence is empty');
      if (text.length > MAX_INPUT_CHARS) {
        throw new Error(`text of ${text.length} characters is too long for one request (max ${MAX_INPUT_CHARS})`);
      }
      if (!voice.trim()) throw new Error('no voice given: set voice.voice in series.yaml to one of the server\'s voices');
      if (!(stretch > 0)) throw new Error(`stretch must be positive, got ${stretch}`);
      const context: Context = { text, voice, model: model ?? settings.model };
      const body = JSON.stringify({
        model: context.model,
        voice,
        input: text,
        speed: speedFor(stretch),
        response_format: 'wav',
      });
      return gate.run(async () => {
        for (let n = 1; ; n++) {
          await gate.clear();
          try {
            return await attempt(body, context);
          } catch (error) {
            if (!(error instanceof SpeechServerError) || !error.retryable) throw error;
            if (n >= retry.attempts) throw new SpeechServerError(`${error.message} (gave up after ${n} attempts)`, false);
            if (error.retryAfterMs !== undefined && error.retryAfterMs > retry.maxRetryAfterMs) {
              throw new SpeechServerError(
                `${error.message.replace(/ — .*$/, '')}: the server asks to wait ${Math.round(error.retryAfterMs / 1000)} s — try again later, or lower NINETY_TTS_CONCURRENCY`,
                false,
              );
            }
            const wait = error.retryAfterMs ?? backoff(retry, n);
            // A rate limit concerns every request to the server, not only this one.
            if (error.retryAfterMs !== undefined) gate.pause(wait);
            else await new Promise<void>((resolve) => setTimeout(resolve, wait));
          }
        }
      });
    },
  };
}

interface Context {
  text: string;
  voice: string;
  model: string;
}

function backoff(retry: RetryPolicy, attempt: number): number {
  const exponential = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential * (0.75 + Math.random() * 0.5));
}

function transportFailure(error: Error, endpoint: URL, settings: OpenAiSettings): Error {
  if (!(error instanceof TransportError)) return error;
  switch (error.code) {
    case 'refused':
      return new SpeechServerError(
        `could not connect to ${endpoint} (connection refused): is the speech server running? Start it, or set NINETY_TTS_BASE_URL to its address`,
        false,
      );
    case 'not-found':
      return new SpeechServerError(`could not reach ${endpoint} (${error.message}): check NINETY_TTS_BASE_URL`, false);
    case 'timeout':
      return new SpeechServerError(
        `no answer from ${endpoint} within ${settings.timeoutMs / 1000} s — the server may be overloaded: raise NINETY_TTS_TIMEOUT_SECONDS or lower NINETY_TTS_CONCURRENCY`,
        true,
      );
    case 'reset':
      return new SpeechServerError(`${error.message} by ${endpoint} — check the server's log`, true);
    default:
      return new SpeechServerError(`request to ${endpoint} failed: ${error.message}`, false);
  }
}

function statusFailure(response: HttpResponse, endpoint: URL, settings: OpenAiSettings, context: Context): SpeechServerError {
  const { status } = response;
  const says = serverMessage(response);
  const quoted = says ? ` (the server says: "${says}")` : '';
  const at = `${status} from ${endpoint}`;
  if (status === 401) {
    return new SpeechServerError(
      settings.apiKey
        ? `${at}: the API key${settings.keyVariable === 'OPENAI_API_KEY' ? ' (from OPENAI_API_KEY)' : ''} was refused — set NINETY_TTS_API_KEY to a key this server accepts`
        : `${at}: the server wants an API key — set NINETY_TTS_API_KEY`,
      false,
    );
  }
  if (status === 403) {
    return new SpeechServerError(`${at}: the API key may not use this model or voice${quoted} — check the key's permissions`, false);
  }
  if (status === 404) {
    return new SpeechServerError(
      `${at}: model "${context.model}" is unknown to the server, or the address is wrong${quoted} — set voice.model in series.yaml or NINETY_TTS_MODEL to a model it has, and check NINETY_TTS_BASE_URL (usually ending in /v1)`,
      false,
    );
  }
  if (status === 400 || status === 422) {
    return new SpeechServerError(
      `${at}: the server refused the request for voice "${context.voice}"${quoted} — set voice.voice in series.yaml to a voice this server has`,
      false,
    );
  }
  if (status === 429) {
    if (/quota|billing/i.test(says)) {
      return new SpeechServerError(`${at}: the account has no quota left${quoted} — check the plan and billing of the API key`, false);
    }
    return new SpeechServerError(
      `${at}: too many requests — lower NINETY_TTS_CONCURRENCY or build with fewer --jobs`,
      true,
      retryAfter(response),
    );
  }
  if (status === 408 || (status >= 500 && status !== 501 && status !== 505)) {
    return new SpeechServerError(`${at}: the server failed${quoted} — check the server's log`, true, retryAfter(response));
  }
  return new SpeechServerError(`${at}: the server refused the request${quoted}`, false);
}

/** Retry-After in seconds or as a date, or OpenAI's retry-after-ms; undefined when absent. */
export function retryAfter(response: Pick<HttpResponse, 'headers'>, now = Date.now()): number | undefined {
  const ms = Number(response.headers['retry-after-ms']);
  if (response.headers['retry-after-ms'] !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const value = response.headers['retry-after'];
  if (typeof value !== 'string' || !value.trim()) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The human part of an error body: OpenAI's error.message, FastAPI's detail, or the text itself. */
export function serverMessage(response: Pick<HttpResponse, 'body' | 'headers'>): string {
  const text = new TextDecoder().decode(response.body.subarray(0, 4000)).trim();
  if (!text) return '';
  if (/^<|html/i.test(text.slice(0, 20)) || /html/.test(String(response.headers['content-type'] ?? ''))) {
    return 'an HTML page';
  }
  let said: unknown = text;
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const error = json.error as Record<string, unknown> | string | undefined;
    const detail = json.detail as unknown;
    said =
      (typeof error === 'object' && error ? error.message : error) ??
      (Array.isArray(detail) ? detail.map((d) => (d as { msg?: string }).msg ?? JSON.stringify(d)).join('; ') : undefined) ??
      (typeof detail === 'object' && detail ? ((detail as Record<string, unknown>).message ?? JSON.stringify(detail)) : detail) ??
      json.message ??
      text;
  } catch {
    // Not JSON: the text is the message.
  }
  return clip(String(said), 300);
}

function clip(text: string, max = 60): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
