import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { failsWith, modelContract, outlineRequest } from './model.contract.js';
import { createModel } from './models.js';
import { OpenAiCompatibleModel, retryAfter, type ModelOptions } from './openai.js';
import { startModelServer, type ModelServer, type ModelServerOptions, type Reply } from './server.js';
import type { ModelSettings } from './settings.js';

const KEY = 'sk-test-secret-key';
/** Quick retries; a timeout long enough for a loaded machine, shortened where a test makes the server hang. */
const QUICK: ModelOptions = { timeoutMs: 10_000, maxRetries: 2, retryDelayMs: 5 };
const HANG: ModelOptions = { timeoutMs: 250 };
const OUTLINE = { title: 'How models are trained', episodes: [{ number: 1, title: 'Tokens' }] };

function settingsFor(server: ModelServer, more: Partial<ModelSettings> = {}): ModelSettings {
  return { baseUrl: server.baseUrl, apiKey: KEY, keyVariable: 'NINETY_LLM_API_KEY', model: 'test-model', timeoutMs: 5000, ...more };
}

/** A server scripted by `replies` (the last one repeats), a client for it, and the server closed afterwards. */
async function withClient(
  replies: Reply[] | ModelServerOptions['respond'],
  body: (model: OpenAiCompatibleModel, server: ModelServer) => Promise<void>,
  options: { server?: Omit<ModelServerOptions, 'respond'>; client?: ModelOptions } = {},
): Promise<void> {
  const respond = Array.isArray(replies) ? ({ n }: { n: number }) => replies[Math.min(n, replies.length) - 1]! : replies;
  const server = await startModelServer({ respond, ...options.server });
  try {
    await body(new OpenAiCompatibleModel(settingsFor(server), { ...QUICK, ...options.client }), server);
  } finally {
    await server.close();
  }
}

modelContract('openai-compatible client against the loopback server', async (respond, { timeoutMs }) => {
  const server = await startModelServer({ respond, apiKey: KEY });
  return { server, model: new OpenAiCompatibleModel(settingsFor(server), { ...QUICK, timeoutMs }) };
});

describe('openai-compatible client', () => {
  it('is created through the registry from settings', async () => {
    await withClient([{ json: OUTLINE }], async (_model, server) => {
      const model = createModel(settingsFor(server), QUICK);
      assert.deepEqual((await model.generate(outlineRequest())).value, OUTLINE);
    });
  });

  it('sends the model, the messages, max_tokens, the key and a strict json_schema response format', async () => {
    await withClient([{ json: OUTLINE }], async (model, server) => {
      await model.generate({ ...outlineRequest(), temperature: 0.4 });
      const [sent] = server.requests;
      assert.equal(sent?.model, 'test-model');
      assert.equal(sent?.authorization, `Bearer ${KEY}`);
      assert.deepEqual(sent?.messages, outlineRequest().messages);
      assert.equal(sent?.body.max_tokens, 800);
      assert.equal(sent?.body.temperature, 0.4);
      assert.equal(sent?.responseFormat?.type, 'json_schema');
      assert.equal(sent?.responseFormat?.json_schema?.name, 'outline');
      assert.equal(sent?.responseFormat?.json_schema?.strict, true);
      const schema = sent?.responseFormat?.json_schema?.schema as { required?: string[]; $schema?: string };
      assert.deepEqual(schema.required, ['title', 'episodes']);
      assert.equal(schema.$schema, undefined);
    });
  });

  it('asks without strict mode when the schema has optional fields, which strict mode refuses', async () => {
    await withClient([{ json: { title: 'x' } }], async (model, server) => {
      await model.generate({ ...outlineRequest(), schema: z.object({ title: z.string(), note: z.string().optional() }) });
      assert.equal(server.requests[0]?.responseFormat?.json_schema?.strict, false);
    });
  });

  it('sends a placeholder key to a local server when no key is set, and never the real key in messages', async () => {
    await withClient([{ status: 401 }], async (_model, server) => {
      const keyless = new OpenAiCompatibleModel(settingsFor(server, { apiKey: undefined }), QUICK);
      await failsWith(keyless.generate(outlineRequest()), 'auth', /wants an API key.*NINETY_LLM_API_KEY/);
      assert.match(server.requests[0]?.authorization ?? '', /^Bearer \S+$/);
      const keyed = new OpenAiCompatibleModel(settingsFor(server), QUICK);
      const error = await failsWith(keyed.generate(outlineRequest()), 'auth', /refused the API key/);
      assert.doesNotMatch(error.message, new RegExp(KEY));
    });
  });

  it('falls back to json_object when the server refuses json_schema with a 400, and remembers it', async () => {
    await withClient(
      [{ json: OUTLINE }],
      async (model, server) => {
        const first = await model.generate(outlineRequest());
        assert.deepEqual(first.value, OUTLINE);
        assert.deepEqual(
          server.requests.map((r) => r.responseFormat?.type),
          ['json_schema', 'json_object'],
        );
        assert.equal(first.usage.calls, 2, 'the refused request is counted');
        const system = server.requests[1]?.messages[0]?.content ?? '';
        assert.match(system, /^You plan series/);
        assert.match(system, /JSON Schema[\s\S]*"episodes"/);
        await model.generate(outlineRequest());
        assert.equal(server.requests[2]?.responseFormat?.type, 'json_object', 'json_schema is not tried again');
        assert.equal(model.mode, 'json_object');
      },
      { server: { supportsJsonSchema: false } },
    );
  });

  it('falls back on llama.cpp’s 500 for json_schema without retrying it as a server error', async () => {
    await withClient(
      [{ json: OUTLINE }],
      async (model, server) => {
        assert.deepEqual((await model.generate(outlineRequest())).value, OUTLINE);
        assert.deepEqual(
          server.requests.map((r) => [r.status, r.responseFormat?.type]),
          [
            [500, 'json_schema'],
            [200, 'json_object'],
          ],
        );
      },
      { server: { supportsJsonSchema: false, jsonSchemaRejection: 500 } },
    );
  });

  it('falls back to the schema in the prompt when the server refuses both formats (LM Studio refuses json_object)', async () => {
    await withClient(
      [{ json: OUTLINE }],
      async (model, server) => {
        assert.deepEqual((await model.generate(outlineRequest())).value, OUTLINE);
        assert.deepEqual(
          server.requests.map((r) => r.responseFormat?.type ?? 'none'),
          ['json_schema', 'json_object', 'none'],
        );
        assert.match(server.requests[2]?.messages[0]?.content ?? '', /Answer with one JSON object that matches this JSON Schema/);
        assert.equal(model.mode, 'prompt');
      },
      { server: { supportsJsonSchema: false, supportsJsonObject: false } },
    );
  });

  it('accepts JSON in a ```json fence, after a <think> block or after a sentence', async () => {
    const wrapped = [
      `\`\`\`json\n${JSON.stringify(OUTLINE, null, 2)}\n\`\`\``,
      `<think>The user wants an outline.</think>\n${JSON.stringify(OUTLINE)}`,
      `Here is the outline:\n${JSON.stringify(OUTLINE)}`,
    ];
    await withClient(
      ({ n }) => ({ content: wrapped[n - 1]! }),
      async (model, server) => {
        for (let i = 0; i < wrapped.length; i++) assert.deepEqual((await model.generate(outlineRequest())).value, OUTLINE);
        assert.equal(server.requests.length, wrapped.length, 'no repairs were needed');
      },
    );
  });

  it('sends invalid JSON back with the parse error, then accepts the corrected answer', async () => {
    await withClient([{ content: '{"title": "How models are trained", "episodes": [' }, { json: OUTLINE }], async (model, server) => {
      const { value, usage } = await model.generate(outlineRequest());
      assert.deepEqual(value, OUTLINE);
      assert.equal(usage.calls, 2);
      assert.match(server.requests[1]?.messages.at(-1)?.content ?? '', /not valid JSON/);
    });
  });

  it('gives up after two repairs, with the first problem in its message', async () => {
    await withClient([{ json: { title: '' , episodes: [] } }], async (model, server) => {
      await failsWith(model.generate(outlineRequest()), 'invalid', /the outline.*3 tries.*at title/);
      assert.equal(server.requests.length, 3);
    });
  });

  it('says the answer was cut off at maxTokens when it stopped for length', async () => {
    await withClient([{ content: '{"title": "How models', finishReason: 'length' }], async (model, server) => {
      await failsWith(model.generate(outlineRequest()), 'invalid', /cut off at maxTokens \(800\)/);
      assert.match(server.requests[1]?.messages.at(-1)?.content ?? '', /cut off/);
    });
  });

  it('asks again after an empty answer and accepts the next', async () => {
    await withClient([{ empty: true }, { json: OUTLINE }], async (model) => {
      const { value, usage } = await model.generate(outlineRequest());
      assert.deepEqual(value, OUTLINE);
      assert.equal(usage.calls, 2);
    });
  });

  it('reports a content_filter stop as a refusal', async () => {
    await withClient([{ content: '', finishReason: 'content_filter' }], async (model) => {
      await failsWith(model.generate(outlineRequest()), 'refusal', /declined to write the outline.*rephrase/);
    });
  });

  it('retries a 500 and accepts the answer that follows', async () => {
    await withClient([{ status: 500 }, { json: OUTLINE }], async (model) => {
      const { value, usage } = await model.generate(outlineRequest());
      assert.deepEqual(value, OUTLINE);
      assert.equal(usage.calls, 2);
    });
  });

  it('gives up on a server that fails every time after maxRetries retries', async () => {
    await withClient([{ status: 502 }], async (model, server) => {
      await failsWith(model.generate(outlineRequest()), 'server', /502.*gave up after 3 attempts/);
      assert.equal(server.requests.length, 3);
    });
  });

  it('waits as long as Retry-After says before asking again', async () => {
    let refusedAt = 0;
    await withClient(
      ({ n }) => {
        if (n === 1) {
          refusedAt = performance.now();
          return { status: 429, retryAfter: 1 };
        }
        return { json: OUTLINE };
      },
      async (model, server) => {
        const { value } = await model.generate(outlineRequest());
        const waited = performance.now() - refusedAt;
        assert.deepEqual(value, OUTLINE);
        assert.equal(server.requests.length, 2);
        // At least what was asked; the upper bound only rules out a backoff of its own on top.
        assert.ok(waited >= 1000 && waited < 4000, `waited ${Math.round(waited)} ms`);
      },
    );
  });

  it('reports a Retry-After longer than it will wait instead of waiting', async () => {
    await withClient(
      [{ status: 429, retryAfter: 3600 }],
      async (model, server) => {
        const started = performance.now();
        await failsWith(model.generate(outlineRequest()), 'rate-limit', /asks to wait 3600 s/);
        assert.ok(performance.now() - started < 5000);
        assert.equal(server.requests.length, 1);
      },
      { client: { maxRetryAfterMs: 10_000 } },
    );
  });

  it('reports an exhausted quota at once, without retrying', async () => {
    await withClient([{ status: 429, message: 'You exceeded your current quota, please check your plan and billing details.', code: 'insufficient_quota' }], async (model, server) => {
      await failsWith(model.generate(outlineRequest()), 'rate-limit', /no quota left/);
      assert.equal(server.requests.length, 1);
    });
  });

  it('retries a request that timed out and accepts a later answer', async () => {
    await withClient(
      [{ hang: true }, { json: OUTLINE }],
      async (model, server) => {
        const started = performance.now();
        const { value, usage } = await model.generate(outlineRequest());
        assert.deepEqual(value, OUTLINE);
        assert.equal(usage.calls, server.requests.length);
        assert.ok(usage.calls >= 2);
        assert.ok(performance.now() - started >= 250, 'waited out the timeout');
      },
      { client: HANG },
    );
  });

  it('quotes the server’s own words from vLLM-style and LM Studio-style error bodies', async () => {
    await withClient(
      [
        { status: 400, body: JSON.stringify({ object: 'error', message: "This model's maximum context length is 4096 tokens", type: 'BadRequestError', code: 400 }) },
      ],
      async (model) => {
        await failsWith(model.generate(outlineRequest()), 'config', /maximum context length is 4096/);
      },
    );
    await withClient([{ status: 400, body: JSON.stringify({ error: 'Model unloaded.' }) }], async (model) => {
      await failsWith(model.generate(outlineRequest()), 'config', /Model unloaded/);
    });
  });
});

describe('openai-compatible client, streaming', () => {
  /** An outline whose JSON has escapes (\\", \\u00e9) for the cuts to land in. */
  const STREAMED = {
    title: 'Caf\u00e9 "science"',
    episodes: [
      { number: 1, title: 'Beans and "terroir"' },
      { number: 2, title: 'Roasting at 200\u00b0C' },
      { number: 3, title: 'Brewing' },
    ],
  };
  const text = JSON.stringify(STREAMED).replace(/[\u00e9\u00b0]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  /** Cuts every 3 characters, and right after every backslash: mid-word and mid-escape. */
  const cuts = [...Array.from({ length: text.length / 3 }, (_, i) => (i + 1) * 3), ...[...text.matchAll(/\\/g)].map((m) => m.index + 1)];
  const streamedRequest = (partials: unknown[]) => ({ ...outlineRequest(), onPartial: (p: unknown) => partials.push(structuredClone(p)) });
  const episodesOf = (partial: unknown) => (partial as { episodes?: unknown[] }).episodes ?? [];

  it('streams when asked for parts, reporting each episode once it is whole, and returns the validated value', async () => {
    await withClient([{ content: text, stream: { cuts } }], async (model, server) => {
      const partials: unknown[] = [];
      const { value, usage } = await model.generate(streamedRequest(partials));
      assert.deepEqual(value, STREAMED);
      assert.equal(server.requests[0]?.streamed, true);
      assert.deepEqual(server.requests[0]?.body.stream_options, { include_usage: true });
      assert.deepEqual(usage, { calls: 1, promptTokens: server.requests[0]!.usage!.prompt_tokens, completionTokens: server.requests[0]!.usage!.completion_tokens });
      // Episodes arrive one by one, each whole, and the title before any of them.
      assert.deepEqual([...new Set(partials.map((p) => episodesOf(p).length))], [0, 1, 2, 3]);
      for (const partial of partials) assert.deepEqual(episodesOf(partial), STREAMED.episodes.slice(0, episodesOf(partial).length));
      assert.equal((partials.find((p) => episodesOf(p).length === 1) as { title?: string }).title, STREAMED.title);
      assert.deepEqual(partials.at(-1), STREAMED);
      assert.equal(model.streaming, 'yes');
    });
  });

  it('asks whole, now and from then on, when the server refuses to stream; the parts arrive at once', async () => {
    await withClient(
      [{ json: OUTLINE }],
      async (model, server) => {
        const partials: unknown[] = [];
        assert.deepEqual((await model.generate(streamedRequest(partials))).value, OUTLINE);
        assert.deepEqual(server.requests.map((r) => [r.status, r.body.stream ?? false]), [[400, true], [200, false]]);
        assert.deepEqual(partials, [OUTLINE]);
        await model.generate(streamedRequest([]));
        assert.equal(server.requests[2]?.body.stream, undefined, 'streaming is not tried again');
        assert.equal(model.streaming, 'no');
      },
      { server: { streaming: 'refused' } },
    );
  });

  it('takes a whole answer from a server that ignores stream: true, and asks it whole from then on', async () => {
    await withClient(
      [{ json: OUTLINE }],
      async (model, server) => {
        const partials: unknown[] = [];
        assert.deepEqual((await model.generate(streamedRequest(partials))).value, OUTLINE);
        assert.deepEqual(partials, [OUTLINE]);
        await model.generate(streamedRequest([]));
        assert.deepEqual(server.requests.map((r) => r.body.stream ?? false), [true, false]);
        assert.equal(model.streaming, 'no');
      },
      { server: { streaming: 'ignored' } },
    );
  });

  it('retries a stream cut off midway, and the next answer reports its parts from the start', async () => {
    const firstEpisodeDone = text.indexOf('},') + 1;
    await withClient([{ content: text, stream: { breakAt: firstEpisodeDone + 5 } }, { content: text }], async (model, server) => {
      const partials: unknown[] = [];
      const { value, usage } = await model.generate(streamedRequest(partials));
      assert.deepEqual(value, STREAMED);
      assert.equal(usage.calls, 2);
      assert.deepEqual(server.requests.map((r) => r.streamed), [true, true]);
      const counts = partials.map((p) => episodesOf(p).length);
      assert.ok(counts.indexOf(0, counts.indexOf(1)) > 0, `the second answer starts again: ${counts.join(',')}`);
      assert.equal(model.streaming, 'yes', 'a broken stream says nothing against streaming');
    });
  });

  it('gives up on a stream that goes quiet, as a timeout, and retries it', async () => {
    await withClient(
      [{ content: text, stream: { holdAt: 10, release: new Promise(() => undefined) } }, { content: text }],
      async (model) => {
        const started = performance.now();
        const { value, usage } = await model.generate(streamedRequest([]));
        assert.deepEqual(value, STREAMED);
        assert.equal(usage.calls, 2);
        assert.ok(performance.now() - started >= 250, 'waited out the quiet');
      },
      { client: HANG },
    );
  });

  it('sends a streamed answer of the wrong shape back, as a whole one', async () => {
    await withClient([{ json: { title: 'x', episodes: [{ number: 0 }] } }, { content: text }], async (model, server) => {
      const { value } = await model.generate(streamedRequest([]));
      assert.deepEqual(value, STREAMED);
      assert.match(server.requests[1]?.messages.at(-1)?.content ?? '', /episodes\.0\.number/);
      assert.equal(server.requests[1]?.streamed, true);
    });
  });
});

describe('openai-compatible client at the wrong address', () => {
  it('says so when a web page answers instead of the API', async () => {
    await withClient([{ status: 200, body: '<!doctype html><title>Open WebUI</title>', contentType: 'text/html' }], async (model, server) => {
      await failsWith(model.generate(outlineRequest()), 'config', /did not answer like an OpenAI Chat Completions API \(it sent an HTML page\).*\/v1/);
      assert.equal(server.requests.length, 1);
    });
  });

  it('says so when another JSON API answers (Ollama’s own API shape)', async () => {
    await withClient([{ status: 200, body: JSON.stringify({ model: 'llama3.1', message: { role: 'assistant', content: '{}' }, done: true }) }], async (model) => {
      await failsWith(model.generate(outlineRequest()), 'config', /JSON of another shape/);
    });
  });
});

describe('retryAfter', () => {
  const headers = (h: Record<string, string>) => new Headers(h);
  it('reads seconds, an HTTP date and retry-after-ms', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(retryAfter(headers({ 'retry-after': '2' }), now), 2000);
    assert.equal(retryAfter(headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' }), now), 5000);
    assert.equal(retryAfter(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now), 250);
    assert.equal(retryAfter(headers({}), now), undefined);
    assert.equal(retryAfter(headers({ 'retry-after': 'soon' }), now), undefined);
  });
});
