/**
 * A small OpenAI-compatible Chat Completions server on loopback, scripted by the caller: real
 * HTTP (`POST /v1/chat/completions`, `GET /v1/models`), real error bodies, realistic `usage`, for
 * the tests of the model client, of the writing pipeline and for the benchmark. What the "model"
 * says is up to `respond`, which sees each request and returns a Reply: an answer, or a fault
 * (429 with Retry-After, 5xx, a hang, a refusal, an empty answer, a reset connection).
 *
 * It can also play a server without structured output: with `supportsJsonSchema: false` it
 * refuses `response_format: json_schema` the way llama.cpp's server does (500, "response_format
 * type must be one of \"text\" or \"json_object\"") or vLLM/LM Studio do (400), before `respond`
 * is asked; `supportsJsonObject: false` refuses `json_object` as LM Studio does.
 *
 * A request with `stream: true` is answered as OpenAI streams: `text/event-stream`, one
 * `data: {chat.completion.chunk}` line per piece of the content (cut every few characters, or where
 * the reply's `stream` plan says — mid-word, mid-escape), the usage when `stream_options` asks for
 * it, then `data: [DONE]`. The plan can also hold the rest of the answer until the test lets it go,
 * or cut the connection midway. `streaming: 'ignored'` plays a server that answers whole whatever
 * is asked, `'refused'` one that refuses to stream (400, as OpenAI does for models that cannot).
 *
 * @example
 *   const server = await startModelServer({
 *     respond: ({ n }) => (n === 1 ? { status: 429, retryAfter: 1 } : { json: { title: 'Scaling laws' } }),
 *   });
 *   // … point a client at server.baseUrl, then look at server.requests …
 *   await server.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readBody, sendJson, sendOpenAiError } from '../../testkit/openai-http.js';

export interface ServerMessage {
  role: string;
  content: string;
}

export interface ResponseFormat {
  type: string;
  json_schema?: { name?: string; schema?: Record<string, unknown>; strict?: boolean };
}

export interface ModelRequest {
  /** 1 for the first chat completion request this server received, 2 for the next, … */
  n: number;
  /** The request body as sent. */
  body: Record<string, unknown>;
  model: string;
  messages: ServerMessage[];
  responseFormat?: ResponseFormat;
  /** The Authorization header as received, if any. */
  authorization?: string;
}

/** How a streamed answer is sent; offsets are in the content's characters. */
export interface StreamPlan {
  /** Where one chunk ends and the next begins (default: every 4 characters, about a token each). */
  cuts?: readonly number[];
  /** The content before this offset is sent, then nothing more until `release` resolves. */
  holdAt?: number;
  release?: Promise<unknown>;
  /** The content before this offset is sent, then the connection is closed without an ending. */
  breakAt?: number;
}

export type Reply =
  /** An answer whose content is JSON.stringify(json). */
  | { json: unknown; finishReason?: string; stream?: StreamPlan }
  | { content: string; finishReason?: string; stream?: StreamPlan }
  | { refusal: string }
  /** An answer with no content at all (null), as a model that stopped at once gives. */
  | { empty: true }
  /**
   * An error: OpenAI's error body with `message`, or `body` as given (with `contentType`, JSON by
   * default); `retryAfter` in seconds (or an HTTP date) sets Retry-After.
   */
  | { status: number; message?: string; code?: string; retryAfter?: number | string; body?: string; contentType?: string }
  /** Never answers; the client's timeout has to end it. */
  | { hang: true }
  /** Closes the connection without an answer. */
  | { reset: true };

/** What the server recorded of each chat completion request: the request and what it answered. */
export interface Exchange extends ModelRequest {
  status: number;
  /** Whether the answer went out as server-sent events. */
  streamed: boolean;
  /** The usage the answer reported (none for errors). */
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

export interface ModelServerOptions {
  respond: (request: ModelRequest) => Reply | Promise<Reply>;
  /** When set, requests must carry `Authorization: Bearer <apiKey>` (401 otherwise, as OpenAI answers). */
  apiKey?: string;
  /** The models it has; another name gets OpenAI's 404 model_not_found. Any name is accepted when not given. */
  models?: readonly string[];
  /** Time before each answer, as a model takes to write. */
  latencyMs?: number;
  /** false: refuse `json_schema` response formats, the way servers without structured output do. Default true. */
  supportsJsonSchema?: boolean;
  /** How the refusal of `json_schema` looks: llama.cpp's 500 or the 400 of vLLM and LM Studio. Default 400. */
  jsonSchemaRejection?: 400 | 500;
  /** false: refuse `json_object`, as LM Studio does. Default true. */
  supportsJsonObject?: boolean;
  /** What `stream: true` gets: events ('sse', the default), a whole answer ('ignored') or a 400 ('refused'). */
  streaming?: 'sse' | 'ignored' | 'refused';
}

export interface ModelServer {
  /** The API address, e.g. http://127.0.0.1:40123/v1. */
  baseUrl: string;
  /** Every chat completion request, in order, with what was answered. */
  requests: Exchange[];
  close(): Promise<void>;
}

export async function startModelServer(options: ModelServerOptions): Promise<ModelServer> {
  const requests: Exchange[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: Error) => sendError(res, 500, `internal error: ${error.message}`, 'server_error'));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendError(res, 401, 'Incorrect API key provided.', 'invalid_api_key', 'invalid_request_error');
    }
    if (req.method === 'GET' && req.url === '/v1/models') {
      const data = (options.models ?? ['test-model']).map((id) => ({ id, object: 'model', created: 0, owned_by: 'ninety' }));
      return sendJson(res, 200, { object: 'list', data });
    }
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      return sendError(res, 404, `Invalid URL (${req.method} ${req.url})`, null, 'invalid_request_error');
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return sendError(res, 400, 'We could not parse the JSON body of your request.', null, 'invalid_request_error');
    }
    const request: ModelRequest = {
      n: requests.length + 1,
      body,
      model: String(body.model ?? ''),
      messages: Array.isArray(body.messages) ? (body.messages as ServerMessage[]) : [],
      ...(body.response_format ? { responseFormat: body.response_format as ResponseFormat } : {}),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    };
    const exchange: Exchange = { ...request, status: 200, streamed: false };
    requests.push(exchange);
    const fail = (status: number, message: string, code: string | null, type = 'invalid_request_error') => {
      exchange.status = status;
      sendError(res, status, message, code, type);
    };

    if (options.models && !options.models.includes(request.model)) {
      return fail(404, `The model \`${request.model}\` does not exist or you do not have access to it.`, 'model_not_found');
    }
    if (!request.messages.length) return fail(400, "'messages' must contain at least one message.", null);
    const format = request.responseFormat?.type;
    if (format === 'json_schema' && options.supportsJsonSchema === false) {
      return options.jsonSchemaRejection === 500
        ? fail(500, 'response_format type must be one of "text" or "json_object", but got: json_schema', null, 'server_error')
        : fail(400, "'response_format.type' must be 'json_object' or 'text', got 'json_schema'", null);
    }
    if (format === 'json_object' && options.supportsJsonObject === false) {
      return fail(400, "'response_format.type' must be 'json_schema' or 'text'", null);
    }
    const stream = body.stream === true && options.streaming !== 'ignored';
    if (stream && options.streaming === 'refused') {
      return fail(400, "Unsupported value: 'stream' does not support true with this model. Only the default (false) value is supported.", 'unsupported_value');
    }
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    const reply = await options.respond(request);

    if ('hang' in reply) return; // close() tears the socket down
    if ('reset' in reply) return void req.socket.destroy();
    if ('status' in reply) {
      exchange.status = reply.status;
      const headers: Record<string, string> = { 'content-type': reply.contentType ?? 'application/json' };
      if (reply.retryAfter !== undefined) headers['retry-after'] = String(reply.retryAfter);
      const type = reply.status === 429 ? 'requests' : reply.status >= 500 ? 'server_error' : 'invalid_request_error';
      const json =
        reply.body ?? JSON.stringify({ error: { message: reply.message ?? defaultMessage(reply.status), type, param: null, code: reply.code ?? null } });
      res.writeHead(reply.status, { ...headers, 'content-length': String(Buffer.byteLength(json)) });
      return void res.end(json);
    }
    const content = 'json' in reply ? JSON.stringify(reply.json) : 'content' in reply ? reply.content : null;
    const refusal = 'refusal' in reply ? reply.refusal : null;
    // OpenAI ends a refusal with finish_reason "stop"; content_filter is for text it cut.
    const finishReason = ('finishReason' in reply && reply.finishReason) || 'stop';
    const promptTokens = tokens(request.messages.map((m) => `${m.role}: ${m.content}`).join('\n')) + 7;
    const completionTokens = Math.max(1, tokens(content ?? refusal ?? ''));
    exchange.usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
    const head = { id: `chatcmpl-${request.n}`, created: Math.floor(Date.now() / 1000), model: request.model };
    if (stream) {
      exchange.streamed = true;
      const withUsage = (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
      const plan = 'stream' in reply ? reply.stream : undefined;
      return sendStream(res, head, { content, refusal, finishReason, usage: withUsage ? exchange.usage : undefined }, plan);
    }
    sendJson(res, 200, {
      ...head,
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content, refusal }, logprobs: null, finish_reason: finishReason }],
      usage: exchange.usage,
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

interface Streamed {
  content: string | null;
  refusal: string | null;
  finishReason: string;
  usage: Exchange['usage'];
}

/** The answer as OpenAI streams it: a role chunk, the content (or refusal) in pieces, the finish, the usage, [DONE]. */
async function sendStream(res: ServerResponse, head: { id: string; created: number; model: string }, answer: Streamed, plan: StreamPlan = {}): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  // Each event is handed to the socket before the next step, so a cut or a hold comes after what was sent.
  const event = (data: unknown) => new Promise<void>((resolve) => res.write(`data: ${JSON.stringify(data)}\n\n`, () => resolve()));
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    event({ ...head, object: 'chat.completion.chunk', choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] });
  await chunk({ role: 'assistant', content: '' });
  const text = answer.content ?? answer.refusal ?? '';
  const field = answer.content === null && answer.refusal !== null ? 'refusal' : 'content';
  const cuts = plan.cuts ?? Array.from({ length: Math.ceil(text.length / 4) }, (_, i) => (i + 1) * 4);
  const ends = [...new Set([...cuts, plan.holdAt, plan.breakAt, text.length].filter((n): n is number => n !== undefined && n > 0 && n <= text.length))].sort((a, b) => a - b);
  let from = 0;
  for (const end of ends) {
    if (res.destroyed) return;
    await chunk({ [field]: text.slice(from, end) });
    from = end;
    if (end === plan.breakAt) return void res.destroy();
    if (end === plan.holdAt) await plan.release;
  }
  if (plan.breakAt !== undefined && plan.breakAt > text.length) return void res.destroy();
  await chunk({}, answer.finishReason);
  if (answer.usage) await event({ ...head, object: 'chat.completion.chunk', choices: [], usage: answer.usage });
  res.end('data: [DONE]\n\n');
}

/** About four characters a token, as for English with common tokenizers. */
function tokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function defaultMessage(status: number): string {
  if (status === 429) return 'Rate limit reached for requests. Please try again later.';
  if (status >= 500) return 'The server had an error while processing your request. Sorry about that!';
  return `Request failed with status ${status}.`;
}

function sendError(res: ServerResponse, status: number, message: string, code: string | null, type = 'server_error'): void {
  sendOpenAiError(res, status, message, code, type);
}
