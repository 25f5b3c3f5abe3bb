/**
 * The one interface every language model implements: messages in, a value of a known shape out.
 *
 * Model output is untrusted text. An implementation returns only values its request's schema
 * accepted; everything else ends in a retry or in a ModelError that says, in one line, what
 * went wrong and what to do. Which clients exist is `models.ts`' business; `model.contract.ts`
 * is the test every implementation must pass.
 *
 * @example
 *   const { value, usage } = await model.generate({
 *     purpose: 'the outline',
 *     messages: [{ role: 'system', content: rules }, { role: 'user', content: topic }],
 *     schema: outlineSchema,
 *     schemaName: 'outline',
 *   });
 */
import type { z } from 'zod';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface StructuredRequest<T> {
  /** What is being asked for, as a user reads it in messages: "the outline", "the script of episode 3". */
  purpose: string;
  messages: ChatMessage[];
  /** The answer must parse as JSON and pass this schema; its JSON Schema is offered to servers that take one. */
  schema: z.ZodType<T>;
  /** A short identifier for the schema (letters, digits, _ and -), as servers require. */
  schemaName: string;
  /** Upper bound on the answer's length in tokens. */
  maxTokens?: number;
  /** 0 to 2; the model's default when not given. */
  temperature?: number;
  /**
   * Optional: the answer's finished parts as they arrive — streamed where the server can, all at
   * once where it answers whole (`partial-json.ts` says what "finished" means: an array's elements
   * appear whole). Called with
   * each new, larger value; each answer — a retry or a repair too — starts again from its first
   * part. These values are not validated: only the value `generate` returns has passed the schema.
   */
  onPartial?: (partial: unknown) => void;
}

/** What calls cost, summed over retries: printed at the end of a run. */
export interface Usage {
  calls: number;
  promptTokens: number;
  completionTokens: number;
}

export interface Generated<T> {
  value: T;
  usage: Usage;
}

export interface LanguageModel {
  /** The model's name as the server knows it, recorded in a series' provenance. */
  readonly model: string;
  /** The server's address without credentials, for messages and provenance. */
  readonly baseUrl: string;
  generate<T>(request: StructuredRequest<T>): Promise<Generated<T>>;
}

export type ModelFailure =
  | 'config' // not configured, or configured wrongly
  | 'unreachable' // nothing answered at the address
  | 'auth' // 401/403
  | 'timeout' // no answer in time, after retries
  | 'rate-limit' // 429, after retries
  | 'server' // 5xx, after retries
  | 'refusal' // the model declined
  | 'invalid' // the answer never passed the schema
  | 'empty'; // the answer had no content, after a retry

/** A failure the user can act on, said in one line; `usage` counts what was spent before it. */
export class ModelError extends Error {
  override name = 'ModelError';
  constructor(
    readonly failure: ModelFailure,
    message: string,
    readonly usage: Usage = { calls: 0, promptTokens: 0, completionTokens: 0 },
  ) {
    super(message);
  }
}

export function addUsage(a: Usage, b: Usage): Usage {
  return {
    calls: a.calls + b.calls,
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
  };
}

export const NO_USAGE: Usage = Object.freeze({ calls: 0, promptTokens: 0, completionTokens: 0 });
