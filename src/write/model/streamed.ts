/**
 * A streamed Chat Completions answer, asked for and read to its end: its content and refusal put
 * together from the chunks' deltas, its finish reason and usage, and — as the content grows — the
 * value of its finished parts (`partial-json.ts`) handed to `onPartial` each time it changes.
 *
 * A stream that goes quiet for `idleMs` is ended as a timeout: the SDK's own timeout stops at the
 * response's headers, and a model that keeps writing should not be cut off because it writes a
 * long answer. A stream cut before its finish reason — a reset, or an end without one — is a
 * connection failure, which the client retries as it retries any.
 *
 * @example
 *   const asked = await askStreamed(client, params, { idleMs: 120_000, onPartial: show, onUsage: meter.add });
 *   if ('answer' in asked) … else asked.whole   // a server that answered whole: its body, as the SDK reads one
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, type OpenAI } from 'openai';
import { Stream } from 'openai/streaming';
import type { ChatCompletionChunk, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { partialJson } from './partial-json.js';

/** What the client needs of an answer, streamed or whole. */
export interface Answer {
  content: string | null;
  refusal: string | null;
  finishReason: string | null;
}

export interface StreamOptions {
  idleMs: number;
  onPartial: (partial: unknown) => void;
  onUsage: (usage: { prompt_tokens?: number; completion_tokens?: number }) => void;
}

/** Asks for the answer streamed; a server that answers whole anyway gives its body (JSON when it parses, else text). */
export async function askStreamed(client: OpenAI, params: ChatCompletionCreateParamsNonStreaming, options: StreamOptions): Promise<{ answer: Answer } | { whole: unknown }> {
  const controller = new AbortController();
  const response = await client.chat.completions
    .create({ ...params, stream: true, stream_options: { include_usage: true } }, { signal: controller.signal })
    .asResponse();
  if (/^text\/event-stream\b/i.test(response.headers.get('content-type') ?? '')) return { answer: await readStream(response, controller, options) };
  const text = await response.text();
  try {
    return { whole: JSON.parse(text) as unknown };
  } catch {
    return { whole: text };
  }
}

async function readStream(response: Response, controller: AbortController, options: StreamOptions): Promise<Answer> {
  let content = '';
  let refusal = '';
  let finishReason: string | null = null;
  let shown = '';
  let timedOut = false;
  let idle: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, options.idleMs);
  };
  const chunks = Stream.fromSSEResponse<ChatCompletionChunk>(response, controller)[Symbol.asyncIterator]();
  arm();
  try {
    for (;;) {
      let next: IteratorResult<ChatCompletionChunk>;
      try {
        next = await chunks.next();
      } catch (error) {
        throw cutOff(error);
      }
      // The SDK ends the iteration quietly when aborted: the idle timer is the only one that aborts.
      if (timedOut) throw new APIConnectionTimeoutError();
      if (next.done) break;
      arm();
      const chunk = next.value;
      if (chunk.usage) options.onUsage(chunk.usage);
      const choice = chunk.choices?.[0];
      if (!choice) continue;
      if (choice.delta?.refusal) refusal += choice.delta.refusal;
      if (choice.finish_reason) finishReason = choice.finish_reason;
      if (!choice.delta?.content) continue;
      content += choice.delta.content;
      const partial = partialJson(content);
      const key = partial === undefined ? '' : JSON.stringify(partial);
      if (key !== shown) {
        shown = key;
        options.onPartial(partial);
      }
    }
  } finally {
    clearTimeout(idle);
  }
  if (finishReason === null) throw new APIConnectionError({ message: 'the answer stopped before its end' });
  return { content, refusal: refusal || null, finishReason };
}

/** A stream that broke off (the socket closed, an error event) as the connection failure it is. */
function cutOff(error: unknown): unknown {
  if (error instanceof APIError && error.status !== undefined) return error;
  const cause = error instanceof Error ? error : new Error(String(error));
  return new APIConnectionError({ message: `the answer broke off: ${cause.message}`, cause });
}
