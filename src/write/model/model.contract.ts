/**
 * The contract every language model client passes, whatever its protocol: a client's own test
 * file calls `modelContract` with a function that starts the loopback model server
 * (`server.ts`) scripted by `respond` and returns a client pointed at it, with the timeout asked
 * for and quick retries. Nothing here knows which client it is testing.
 *
 * @example
 *   modelContract('openai-compatible', async (respond, { timeoutMs }) => {
 *     const server = await startModelServer({ respond });
 *     return { server, model: new OpenAiCompatibleModel(settingsFor(server), { timeoutMs, retryDelayMs: 5 }) };
 *   });
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { ModelError, type LanguageModel, type ModelFailure, type StructuredRequest } from './model.js';
import type { ModelRequest, ModelServer, Reply } from './server.js';

/** The client to make: `timeoutMs` is short only where the contract makes the server hang. */
export interface ClientOptions {
  timeoutMs: number;
}

export type StartModel = (
  respond: (request: ModelRequest) => Reply | Promise<Reply>,
  client: ClientOptions,
) => Promise<{ model: LanguageModel; server: ModelServer }>;

/** Long enough for a loaded machine's first request; the hang test uses HANG_TIMEOUT_MS. */
const TIMEOUT_MS = 10_000;
const HANG_TIMEOUT_MS = 250;

const outlineSchema = z.object({
  title: z.string().min(1),
  episodes: z.array(z.object({ number: z.number().int().positive(), title: z.string().min(1) })).min(1),
});
type Outline = z.infer<typeof outlineSchema>;

const OUTLINE: Outline = {
  title: 'How models are trained',
  episodes: [
    { number: 1, title: 'Tokens' },
    { number: 2, title: 'Scaling laws' },
  ],
};
/** JSON, but not an outline: episodes numbered from zero, one without a title. */
const WRONG_SHAPE = { title: 'How models are trained', episodes: [{ number: 0 }] };

export const outlineRequest = (): StructuredRequest<Outline> => ({
  purpose: 'the outline',
  messages: [
    { role: 'system', content: 'You plan series of short narrated episodes.' },
    { role: 'user', content: 'Plan a series about how language models are trained.' },
  ],
  schema: outlineSchema,
  schemaName: 'outline',
  maxTokens: 800,
});

/** Asserts a ModelError of this kind whose one line matches `pattern`, and returns it. */
export async function failsWith(promise: Promise<unknown>, failure: ModelFailure, pattern?: RegExp): Promise<ModelError> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return true;
  });
  assert.ok(caught instanceof ModelError, `expected a ModelError, got ${String(caught)}`);
  assert.equal(caught.failure, failure, caught.message);
  assert.doesNotMatch(caught.message, /\n/, 'one line');
  if (pattern) assert.match(caught.message, pattern);
  return caught;
}

export function modelContract(label: string, start: StartModel): void {
  /** Starts a server answering with `respond`, runs `body`, and closes the server whatever happens. */
  async function withModel(
    respond: (request: ModelRequest) => Reply | Promise<Reply>,
    body: (model: LanguageModel, server: ModelServer) => Promise<void>,
    timeoutMs = TIMEOUT_MS,
  ): Promise<void> {
    const { model, server } = await start(respond, { timeoutMs });
    try {
      await body(model, server);
    } finally {
      await server.close();
    }
  }

  const tokensOf = (server: ModelServer) =>
    server.requests.reduce(
      (sum, r) => ({ prompt: sum.prompt + (r.usage?.prompt_tokens ?? 0), completion: sum.completion + (r.usage?.completion_tokens ?? 0) }),
      { prompt: 0, completion: 0 },
    );

  describe(`language model contract: ${label}`, () => {
    it('names its model and its address without credentials', async () => {
      await withModel(
        () => ({ json: OUTLINE }),
        async (model, server) => {
          assert.match(model.model, /\S/);
          assert.equal(model.baseUrl, server.baseUrl);
          assert.doesNotMatch(model.baseUrl, /@/);
        },
      );
    });

    it('returns the value the schema accepted, with the tokens the server reported', async () => {
      await withModel(
        () => ({ json: OUTLINE }),
        async (model, server) => {
          const { value, usage } = await model.generate(outlineRequest());
          assert.deepEqual(value, OUTLINE);
          const spent = tokensOf(server);
          assert.deepEqual(usage, { calls: 1, promptTokens: spent.prompt, completionTokens: spent.completion });
          assert.ok(usage.promptTokens > 0 && usage.completionTokens > 0);
        },
      );
    });

    it('sends the answer back with its problems and sums usage over every call', async () => {
      await withModel(
        ({ n }) => (n === 1 ? { json: WRONG_SHAPE } : { json: OUTLINE }),
        async (model, server) => {
          const { value, usage } = await model.generate(outlineRequest());
          assert.deepEqual(value, OUTLINE);
          assert.equal(server.requests.length, 2);
          const repair = server.requests[1]!.messages;
          assert.equal(repair.at(-2)?.role, 'assistant');
          assert.equal(repair.at(-2)?.content, JSON.stringify(WRONG_SHAPE));
          assert.equal(repair.at(-1)?.role, 'user');
          assert.match(repair.at(-1)?.content ?? '', /episodes\.0\.number/);
          assert.match(repair.at(-1)?.content ?? '', /episodes\.0\.title/);
          const spent = tokensOf(server);
          assert.deepEqual(usage, { calls: 2, promptTokens: spent.prompt, completionTokens: spent.completion });
        },
      );
    });

    it('never returns a value the schema refused: a wrong shape every time is an invalid failure', async () => {
      await withModel(
        () => ({ json: WRONG_SHAPE }),
        async (model, server) => {
          const error = await failsWith(model.generate(outlineRequest()), 'invalid', /the outline/);
          assert.ok(server.requests.length >= 2 && server.requests.length <= 4, `${server.requests.length} requests`);
          assert.equal(error.usage.calls, server.requests.length);
          assert.equal(error.usage.promptTokens, tokensOf(server).prompt);
        },
      );
    });

    it('reports the answer’s finished parts while the rest is still to come, and returns only the validated value', async () => {
      let release!: (by: string) => void;
      const released = new Promise<string>((resolve) => (release = resolve));
      const text = JSON.stringify(OUTLINE);
      await withModel(
        // The server sends the answer up to the end of the first episode, then waits.
        () => ({ json: OUTLINE, stream: { holdAt: text.indexOf('}') + 1, release: released } }),
        async (model) => {
          const partials: unknown[] = [];
          // A client that never reports a part must fail this test, not hang it.
          const timer = setTimeout(() => release('the clock'), 5000);
          const episodes = (p: unknown) => (p as { episodes?: unknown[] } | undefined)?.episodes ?? [];
          const { value } = await model.generate({
            ...outlineRequest(),
            onPartial: (partial) => {
              partials.push(structuredClone(partial));
              if (episodes(partial).length > 0) release('the first episode');
            },
          });
          clearTimeout(timer);
          assert.equal(await released, 'the first episode', 'the first episode was reported before the answer was finished');
          assert.deepEqual(value, OUTLINE);
          assert.deepEqual(partials.at(-1), OUTLINE);
          for (const partial of partials) assert.deepEqual(episodes(partial), OUTLINE.episodes.slice(0, episodes(partial).length));
        },
      );
    });

    it('reports a refusal in the model’s words, without asking again', async () => {
      await withModel(
        () => ({ refusal: "I'm sorry, but I can't help with that request." }),
        async (model, server) => {
          const error = await failsWith(model.generate(outlineRequest()), 'refusal', /the outline.*can't help with that/);
          assert.equal(server.requests.length, 1);
          assert.equal(error.usage.calls, 1);
        },
      );
    });

    it('asks once more after an empty answer, then reports it as empty', async () => {
      await withModel(
        () => ({ empty: true }),
        async (model, server) => {
          await failsWith(model.generate(outlineRequest()), 'empty', /the outline/);
          assert.equal(server.requests.length, 2);
        },
      );
    });

    it('retries server errors and then reports them as server failures', async () => {
      await withModel(
        () => ({ status: 503, message: 'model is loading' }),
        async (model, server) => {
          const error = await failsWith(model.generate(outlineRequest()), 'server', /503/);
          assert.ok(server.requests.length >= 2, 'retried at least once');
          assert.equal(error.usage.calls, server.requests.length);
        },
      );
    });

    it('retries 429 and then reports a rate limit', async () => {
      await withModel(
        () => ({ status: 429, retryAfter: 0 }),
        async (model, server) => {
          await failsWith(model.generate(outlineRequest()), 'rate-limit', /429/);
          assert.ok(server.requests.length >= 2, 'retried at least once');
        },
      );
    });

    it('gives up on a server that never answers, as a timeout', async () => {
      await withModel(
        () => ({ hang: true }),
        async (model) => {
          await failsWith(model.generate(outlineRequest()), 'timeout', /NINETY_LLM_TIMEOUT_SECONDS/);
        },
        HANG_TIMEOUT_MS,
      );
    });

    it('reports a refused key as an auth failure naming NINETY_LLM_API_KEY, without retrying', async () => {
      await withModel(
        () => ({ status: 401, message: 'Incorrect API key provided.', code: 'invalid_api_key' }),
        async (model, server) => {
          await failsWith(model.generate(outlineRequest()), 'auth', /NINETY_LLM_API_KEY/);
          assert.equal(server.requests.length, 1);
        },
      );
    });

    it('reports an unknown model as a configuration failure naming NINETY_LLM_MODEL', async () => {
      await withModel(
        () => ({ status: 404, message: 'model "llama9" not found, try pulling it first', code: 'model_not_found' }),
        async (model) => {
          await failsWith(model.generate(outlineRequest()), 'config', /NINETY_LLM_MODEL/);
        },
      );
    });

    it('reports an address where nothing listens as unreachable, naming the address', async () => {
      const { model, server } = await start(() => ({ json: OUTLINE }), { timeoutMs: TIMEOUT_MS });
      await server.close();
      await failsWith(model.generate(outlineRequest()), 'unreachable', new RegExp(server.baseUrl.replace(/[.]/g, '\\.')));
    });
  });
}
