/**
 * The language model behind any OpenAI-compatible Chat Completions API: OpenAI itself, or a
 * server people run — Ollama, llama.cpp's server, vLLM, LM Studio, LocalAI — through the
 * official `openai` SDK pointed at `baseUrl`.
 *
 * Structured output degrades step by step and remembers, per client, what the server took:
 * `response_format: json_schema` first; a server that refuses it (llama.cpp answers 500, vLLM
 * and LM Studio 400, naming response_format) gets `json_object` with the schema in the system
 * message; a server that refuses that too gets the schema in the system message alone. Servers
 * that silently ignore the format (older Ollama) are caught by validation. Every answer is
 * validated against the request's schema; an invalid one is sent back with its problems a
 * bounded number of times.
 *
 * Asked for the answer's parts as they arrive (`onPartial`), it streams (`streamed.ts`). A server
 * that refuses to stream (a 400 naming stream) or answers whole anyway is asked whole from then
 * on, remembered like the output format; a stream cut off midway is retried like any failed request.
 *
 * HTTP retries are done here, not by the SDK, so every request is counted in `usage` and a
 * server asking to wait too long is reported rather than waited on.
 *
 * @example
 *   const model = new OpenAiCompatibleModel(settings, { timeoutMs: 60_000 });
 *   const { value, usage } = await model.generate({ purpose: 'the outline', messages, schema, schemaName: 'outline' });
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { partialJson } from './partial-json.js';
import { askStreamed, type Answer } from './streamed.js';
import { ModelError, NO_USAGE, type ChatMessage, type Generated, type LanguageModel, type ModelFailure, type StructuredRequest, type Usage } from './model.js';
import type { ModelSettings } from './settings.js';
import { clip, jsonSchemaOf, readAnswer, schemaInstruction, strictCompatible } from './structured.js';

export interface ModelOptions {
  /** How long one answer may take (default: the settings' timeout, 120 s). */
  timeoutMs?: number;
  /** Retries of a request that timed out, was rate-limited or met a server error (default 3). */
  maxRetries?: number;
  /** Times an invalid answer is sent back to be corrected (default 2). */
  maxRepairs?: number;
  /** First backoff when the server gives no Retry-After; it doubles, up to 8 s (default 500 ms). */
  retryDelayMs?: number;
  /** The longest Retry-After honoured; a server asking for more is reported instead (default 60 s). */
  maxRetryAfterMs?: number;
}

/** How structured output is asked for, most to least precise. */
export type OutputMode = 'json_schema' | 'json_object' | 'prompt';

/** Stands in for a key: the SDK insists on one, and local servers ignore it. */
const NO_KEY = 'no-key';

export class OpenAiCompatibleModel implements LanguageModel {
  readonly model: string;
  readonly baseUrl: string;
  private readonly client: OpenAI;
  private readonly options: Required<ModelOptions>;
  private readonly keyVariable: string;
  private readonly hasKey: boolean;
  /** What this server has been found to accept; only ever moves down. */
  private outputMode: OutputMode = 'json_schema';
  /** Whether this server streams: unknown until asked, then what it did. */
  private streams: 'unknown' | 'yes' | 'no' = 'unknown';

  constructor(settings: ModelSettings, options: ModelOptions = {}) {
    this.model = settings.model;
    this.baseUrl = settings.baseUrl;
    this.keyVariable = settings.keyVariable;
    this.hasKey = Boolean(settings.apiKey);
    this.options = {
      timeoutMs: options.timeoutMs ?? settings.timeoutMs,
      maxRetries: options.maxRetries ?? 3,
      maxRepairs: options.maxRepairs ?? 2,
      retryDelayMs: options.retryDelayMs ?? 500,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    };
    this.client = new KeptBodyClient({
      baseURL: settings.baseUrl,
      apiKey: settings.apiKey ?? NO_KEY,
      timeout: this.options.timeoutMs,
      maxRetries: 0,
      // The SDK reads OPENAI_ORG_ID and OPENAI_PROJECT_ID from the environment; a local server needs neither.
      organization: null,
      project: null,
    });
  }

  /** How structured output is currently asked of this server. */
  get mode(): OutputMode {
    return this.outputMode;
  }

  /** Whether answers asked for part by part are streamed from this server: 'no' once it would not. */
  get streaming(): 'unknown' | 'yes' | 'no' {
    return this.streams;
  }

  async generate<T>(request: StructuredRequest<T>): Promise<Generated<T>> {
    const meter = new Meter();
    const jsonSchema = jsonSchemaOf(request.schema);
    let conversation: ChatMessage[] = [...request.messages];
    let repairs = 0;
    let empties = 0;
    for (;;) {
      const answer = await this.complete(request, conversation, jsonSchema, meter);
      if (answer?.refusal || answer?.finishReason === 'content_filter') {
        const words = answer.refusal || answer.content || 'its content filter stopped the answer';
        throw meter.error(
          'refusal',
          `the model declined to write ${request.purpose}: "${clip(words)}"; rephrase the topic or use another model`,
        );
      }
      const content = answer?.content ?? '';
      if (!content.trim()) {
        if (++empties > 1) {
          throw meter.error(
            'empty',
            `the model gave an empty answer for ${request.purpose}, twice: try again, or set NINETY_LLM_MODEL to another model`,
          );
        }
        continue;
      }
      const read = readAnswer(content, request.schema);
      if (read.ok) return { value: read.value, usage: meter.usage };
      const cutOff = answer?.finishReason === 'length';
      if (repairs >= this.options.maxRepairs) {
        const hint = cutOff ? `; the answer was cut off at maxTokens (${request.maxTokens ?? 'the server’s limit'})` : '';
        throw meter.error(
          'invalid',
          `the model's answer for ${request.purpose} did not match what was asked after ${repairs + 1} tries (${clip(read.problems[0] ?? '', 160)})${hint}: try again, or use a larger model`,
        );
      }
      repairs++;
      conversation = [
        ...conversation,
        { role: 'assistant', content },
        { role: 'user', content: repairRequest(read.problems, cutOff, jsonSchema) },
      ];
    }
  }

  /** One answer, through timeouts, rate limits, server errors and a server that refuses the output format. */
  private async complete(
    request: StructuredRequest<unknown>,
    conversation: ChatMessage[],
    jsonSchema: Record<string, unknown>,
    meter: Meter,
  ): Promise<Answer | undefined> {
    // Each wait is capped (maxRetryAfterMs, or 8 s of backoff) and there are maxRetries of them: the total is bounded.
    for (let attempt = 1; ; attempt++) {
      const mode = this.outputMode;
      const onPartial = request.onPartial;
      const streaming = onPartial !== undefined && this.streams !== 'no';
      meter.calls++;
      try {
        const params = body(this.model, request, conversation, jsonSchema, mode);
        let completion: unknown;
        if (streaming) {
          const asked = await askStreamed(this.client, params, { idleMs: this.options.timeoutMs, onPartial, onUsage: (usage) => meter.add(usage) });
          if ('answer' in asked) {
            this.streams = 'yes';
            return asked.answer;
          }
          completion = asked.whole;
          // It answered whole though asked to stream: it does not stream, so it is not asked to again.
          if (isCompletion(completion)) this.streams = 'no';
        } else {
          completion = await this.client.chat.completions.create(params);
        }
        if (!isCompletion(completion)) {
          // A web page or another API at this address: the SDK hands back whatever the body was.
          const got = typeof completion === 'string' ? (/^\s*</.test(completion) ? 'an HTML page' : `"${clip(completion, 60)}"`) : 'JSON of another shape';
          throw meter.error(
            'config',
            `${this.baseUrl} did not answer like an OpenAI Chat Completions API (it sent ${got}): check NINETY_LLM_BASE_URL, which usually ends in /v1`,
          );
        }
        meter.add(completion.usage);
        const choice = completion.choices[0];
        const content = choice?.message?.content ?? null;
        // Answered whole: its parts arrive all at once, and are reported so, as a stream's would be.
        const partial = onPartial && content ? partialJson(content) : undefined;
        if (partial !== undefined) onPartial?.(partial);
        return choice && { content, refusal: choice.message?.refusal ?? null, finishReason: choice.finish_reason ?? null };
      } catch (error) {
        if (mode !== 'prompt' && refusesFormat(error)) {
          // Not a retry: the same question, asked the way this server can take it (and will be from now on).
          if (this.outputMode === mode) this.outputMode = mode === 'json_schema' ? 'json_object' : 'prompt';
          attempt--;
          continue;
        }
        if (streaming && refusesStreaming(error)) {
          // Likewise: asked whole, now and from now on.
          this.streams = 'no';
          attempt--;
          continue;
        }
        const failure = this.classify(error, request.purpose);
        if (!failure.retryable || attempt > this.options.maxRetries) {
          const after = failure.retryable ? ` (gave up after ${attempt} attempts)` : '';
          throw meter.error(failure.kind, `${failure.message}${after}`);
        }
        if (failure.retryAfterMs !== undefined && failure.retryAfterMs > this.options.maxRetryAfterMs) {
          throw meter.error(
            failure.kind,
            `${failure.message}: the server asks to wait ${Math.ceil(failure.retryAfterMs / 1000)} s — try again later`,
          );
        }
        const wait = failure.retryAfterMs ?? backoff(this.options.retryDelayMs, attempt);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }

  private classify(error: unknown, purpose: string): Failure {
    const at = this.baseUrl;
    if (error instanceof APIConnectionTimeoutError) {
      return {
        kind: 'timeout',
        retryable: true,
        message: `no answer from ${at} within ${Math.round(this.options.timeoutMs / 100) / 10} s for ${purpose}: the model may be slow or busy — raise NINETY_LLM_TIMEOUT_SECONDS, use a smaller model, or make fewer requests at once`,
      };
    }
    if (error instanceof APIConnectionError) {
      const code = causeCode(error);
      if (code === 'ECONNREFUSED') {
        return {
          kind: 'unreachable',
          retryable: false,
          message: `nothing answered at ${at}: is the server running? Start it (e.g. ollama serve), or set NINETY_LLM_BASE_URL to its address`,
        };
      }
      if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
        return { kind: 'unreachable', retryable: false, message: `the host of ${at} cannot be found: check NINETY_LLM_BASE_URL` };
      }
      return {
        kind: 'server',
        retryable: true,
        message: `the connection to ${at} failed (${code ?? clip(error.message, 60)}) for ${purpose}: check the server's log`,
      };
    }
    if (!(error instanceof APIError) || error.status === undefined) throw error;
    const status = error.status;
    const says = serverSays(error);
    const quoted = says ? `, the server says "${clip(says)}"` : '';
    if (status === 401) {
      return {
        kind: 'auth',
        retryable: false,
        message: this.hasKey
          ? `${at} refused the API key from ${this.keyVariable} (401): set NINETY_LLM_API_KEY to a key this server accepts`
          : `${at} wants an API key (401): set NINETY_LLM_API_KEY`,
      };
    }
    if (status === 403) {
      return {
        kind: 'auth',
        retryable: false,
        message: `${at} does not let this API key use model "${this.model}" (403${quoted}): check the permissions of NINETY_LLM_API_KEY, or set NINETY_LLM_MODEL to a model it may use`,
      };
    }
    if (status === 404) {
      return {
        kind: 'config',
        retryable: false,
        message: `${at} does not know model "${this.model}", or the address is wrong (404${quoted}): set NINETY_LLM_MODEL to a model the server has (for Ollama, one that "ollama list" shows), and check that NINETY_LLM_BASE_URL ends in /v1`,
      };
    }
    if (status === 429) {
      if (/quota|billing/i.test(says)) {
        return { kind: 'rate-limit', retryable: false, message: `${at} says the account has no quota left (429${quoted}): check the plan and billing of NINETY_LLM_API_KEY` };
      }
      return {
        kind: 'rate-limit',
        retryable: true,
        retryAfterMs: retryAfter(error.headers),
        message: `${at} kept answering 429 (too many requests) for ${purpose}: wait a minute and run again, or make fewer requests at once`,
      };
    }
    if (status === 408 || status === 409 || status >= 500) {
      return {
        kind: 'server',
        retryable: true,
        retryAfterMs: retryAfter(error.headers),
        message: `${at} failed with ${status} for ${purpose}${quoted}: check the server's log, or try again later`,
      };
    }
    return {
      kind: 'config',
      retryable: false,
      message: `${at} refused the request for ${purpose} (${status}${quoted}): check NINETY_LLM_MODEL and that the server speaks the OpenAI Chat Completions API`,
    };
  }
}

interface Failure {
  kind: ModelFailure;
  retryable: boolean;
  message: string;
  retryAfterMs?: number;
}

/** Usage summed over every request of one generate call, errors included. */
class Meter {
  calls = 0;
  private promptTokens = 0;
  private completionTokens = 0;

  add(usage: { prompt_tokens?: number; completion_tokens?: number } | undefined): void {
    this.promptTokens += usage?.prompt_tokens ?? 0;
    this.completionTokens += usage?.completion_tokens ?? 0;
  }

  get usage(): Usage {
    return { ...NO_USAGE, calls: this.calls, promptTokens: this.promptTokens, completionTokens: this.completionTokens };
  }

  error(kind: ModelFailure, message: string): ModelError {
    return new ModelError(kind, message, this.usage);
  }
}

function body(
  model: string,
  request: StructuredRequest<unknown>,
  conversation: ChatMessage[],
  jsonSchema: Record<string, unknown>,
  mode: OutputMode,
): ChatCompletionCreateParamsNonStreaming {
  const common = {
    model,
    ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
    ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
  };
  if (mode === 'json_schema') {
    return {
      ...common,
      messages: conversation,
      response_format: {
        type: 'json_schema',
        json_schema: { name: request.schemaName, schema: jsonSchema, strict: strictCompatible(jsonSchema) },
      },
    };
  }
  // json_object alone says nothing of the shape (and OpenAI wants the word JSON in the messages).
  const messages = withInstruction(conversation, schemaInstruction(jsonSchema));
  return mode === 'json_object' ? { ...common, messages, response_format: { type: 'json_object' } } : { ...common, messages };
}

/** The instruction appended to the first system message, or as one when there is none. */
function withInstruction(conversation: ChatMessage[], instruction: string): ChatMessage[] {
  const index = conversation.findIndex((m) => m.role === 'system');
  if (index < 0) return [{ role: 'system', content: instruction }, ...conversation];
  return conversation.map((m, i) => (i === index ? { ...m, content: `${m.content}\n\n${instruction}` } : m));
}

function repairRequest(problems: string[], cutOff: boolean, jsonSchema: Record<string, unknown>): string {
  const why = cutOff ? 'Your answer was cut off before it was complete. Answer again, shorter.' : 'Your answer does not match the JSON Schema:';
  const list = problems.map((p) => `- ${clip(p, 200)}`).join('\n');
  // The schema again: a server that ignored response_format has never shown it to the model.
  return `${why}\n${list}\n\n${schemaInstruction(jsonSchema)}`;
}

/**
 * Does this error say the server cannot take the response_format? llama.cpp answers 500
 * ('response_format type must be one of "text" or "json_object"'), vLLM and LM Studio 400, OpenAI
 * 400 for a schema its strict mode cannot take ("Invalid schema for response_format …").
 */
function refusesFormat(error: unknown): boolean {
  if (!(error instanceof APIError) || error.status === undefined) return false;
  if (![400, 422, 500, 501].includes(error.status)) return false;
  return /response_format|json_schema|json_object|json schema|grammar/i.test(serverSays(error));
}

/** Does this error say the server cannot stream (OpenAI: "Unsupported value: 'stream' does not support true …")? */
function refusesStreaming(error: unknown): boolean {
  if (!(error instanceof APIError) || error.status === undefined) return false;
  return [400, 422, 501].includes(error.status) && /\bstream/i.test(serverSays(error));
}

function isCompletion(value: unknown): value is ChatCompletion {
  return typeof value === 'object' && value !== null && Array.isArray((value as { choices?: unknown }).choices);
}

function backoff(baseMs: number, attempt: number): number {
  const exponential = Math.min(8000, baseMs * 2 ** (attempt - 1));
  return Math.round(exponential * (0.75 + Math.random() * 0.5));
}

/** Retry-After in seconds or as an HTTP date, or OpenAI's retry-after-ms; undefined when absent. */
export function retryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function causeCode(error: Error): string | undefined {
  // undici: TypeError('fetch failed') with the socket's error as its cause, sometimes one deeper.
  for (let cause: unknown = error.cause; cause; cause = (cause as { cause?: unknown }).cause) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** The server's words: OpenAI's error.message, LM Studio's error string, vLLM's top-level message. */
function serverSays(error: APIError): string {
  const kept = (error as { body?: unknown }).body;
  if (kept && typeof kept === 'object') {
    const record = kept as Record<string, unknown>;
    const inner = record.error;
    const said = (inner && typeof inner === 'object' ? (inner as Record<string, unknown>).message : inner) ?? record.message ?? record.detail;
    if (said !== undefined) return typeof said === 'string' ? said : JSON.stringify(said);
  }
  if (typeof kept === 'string' && kept.trim()) return /^\s*</.test(kept) ? 'an HTML page' : kept;
  return error.message.replace(/^\d{3} /, '');
}

/** The SDK's client, keeping each error's whole body: servers put their message in different places. */
class KeptBodyClient extends OpenAI {
  protected override makeStatusError(status: number, error: object, message: string | undefined, headers: Headers): APIError {
    const made = super.makeStatusError(status, error, message, headers);
    return Object.assign(made, { body: error ?? message });
  }
}
