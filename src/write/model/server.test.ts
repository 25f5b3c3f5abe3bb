import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startModelServer } from './server.js';

const post = (baseUrl: string, body: unknown, key = 'sk-test') =>
  fetch(`${baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });

const ask = { model: 'small', messages: [{ role: 'user', content: 'Say hello in JSON.' }] };

describe('loopback model server', () => {
  it('answers a chat completion with the reply as content and usage, and records the exchange', async () => {
    const server = await startModelServer({ respond: ({ n }) => ({ json: { hello: n } }), apiKey: 'sk-test', models: ['small'] });
    try {
      const answer = (await (await post(server.baseUrl, ask)).json()) as {
        choices: { message: { content: string }; finish_reason: string }[];
        usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
      };
      assert.equal(answer.choices[0]?.message.content, '{"hello":1}');
      assert.equal(answer.choices[0]?.finish_reason, 'stop');
      assert.equal(answer.usage.total_tokens, answer.usage.prompt_tokens + answer.usage.completion_tokens);
      assert.equal(server.requests.length, 1);
      assert.deepEqual(server.requests[0]?.usage, answer.usage);
      assert.equal(server.requests[0]?.authorization, 'Bearer sk-test');
      assert.deepEqual(server.requests[0]?.messages, ask.messages);
    } finally {
      await server.close();
    }
  });

  it('refuses a wrong key with 401 and an unknown model with 404, as OpenAI does', async () => {
    const server = await startModelServer({ respond: () => ({ content: 'hi' }), apiKey: 'sk-test', models: ['small'] });
    try {
      const wrongKey = await post(server.baseUrl, ask, 'sk-other');
      assert.equal(wrongKey.status, 401);
      const unknown = await post(server.baseUrl, { ...ask, model: 'large' });
      assert.equal(unknown.status, 404);
      assert.match(((await unknown.json()) as { error: { message: string } }).error.message, /`large` does not exist/);
      const models = (await (await fetch(`${server.baseUrl}/models`, { headers: { authorization: 'Bearer sk-test' } })).json()) as { data: { id: string }[] };
      assert.deepEqual(models.data.map((m) => m.id), ['small']);
    } finally {
      await server.close();
    }
  });

  it('sends Retry-After with a scripted 429, and refuses json_schema when told to, before asking respond', async () => {
    let asked = 0;
    const server = await startModelServer({
      respond: () => (++asked, { status: 429, retryAfter: 2 }),
      supportsJsonSchema: false,
      jsonSchemaRejection: 500,
    });
    try {
      const limited = await post(server.baseUrl, ask);
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '2');
      const refused = await post(server.baseUrl, { ...ask, response_format: { type: 'json_schema', json_schema: { name: 'x', schema: {} } } });
      assert.equal(refused.status, 500);
      assert.match(await refused.text(), /response_format type must be one of/);
      assert.equal(asked, 1);
      assert.deepEqual(server.requests.map((r) => r.status), [429, 500]);
    } finally {
      await server.close();
    }
  });

  it('streams an answer as chat.completion.chunk events cut where the plan says, with usage when asked, then [DONE]', async () => {
    const content = '{"title":"Caf\\u00e9 \\"x\\""}';
    const server = await startModelServer({ respond: () => ({ content, stream: { cuts: [3, 16, 17] } }) });
    try {
      const response = await post(server.baseUrl, { ...ask, stream: true, stream_options: { include_usage: true } });
      assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
      const events = (await response.text()).split('\n\n').filter(Boolean);
      assert.equal(events.at(-1), 'data: [DONE]');
      const chunks = events.slice(0, -1).map((e) => JSON.parse(e.replace(/^data: /, '')) as {
        object: string;
        choices: { delta: { role?: string; content?: string }; finish_reason: string | null }[];
        usage?: { total_tokens: number };
      });
      assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk'));
      const pieces = chunks.flatMap((c) => c.choices.map((choice) => choice.delta.content ?? ''));
      assert.deepEqual(pieces.filter(Boolean), [content.slice(0, 3), content.slice(3, 16), content.slice(16, 17), content.slice(17)]);
      assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'stop');
      assert.deepEqual(chunks.at(-1)?.choices, []);
      assert.equal(chunks.at(-1)?.usage?.total_tokens, server.requests[0]?.usage?.total_tokens);
      assert.equal(server.requests[0]?.streamed, true);
    } finally {
      await server.close();
    }
  });

  it('holds a stream until released, and answers whole or refuses when it plays a server that does not stream', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const server = await startModelServer({ respond: () => ({ content: 'abcdefgh', stream: { holdAt: 4, release: held } }) });
    try {
      const response = await post(server.baseUrl, { ...ask, stream: true });
      const reader = response.body!.getReader();
      let seen = '';
      while (!seen.includes('"abcd"')) seen += new TextDecoder().decode((await reader.read()).value);
      assert.doesNotMatch(seen, /efgh|\[DONE\]/, 'the rest waits');
      release();
      for (let r = await reader.read(); !r.done; r = await reader.read()) seen += new TextDecoder().decode(r.value);
      assert.match(seen, /"efgh"[\s\S]*data: \[DONE\]/);
    } finally {
      await server.close();
    }
    for (const streaming of ['ignored', 'refused'] as const) {
      const other = await startModelServer({ respond: () => ({ content: 'hi' }), streaming });
      try {
        const response = await post(other.baseUrl, { ...ask, stream: true });
        if (streaming === 'ignored') assert.equal(((await response.json()) as { object: string }).object, 'chat.completion');
        else assert.match(((await response.json()) as { error: { message: string } }).error.message, /'stream' does not support true/);
        assert.equal(response.status, streaming === 'ignored' ? 200 : 400);
      } finally {
        await other.close();
      }
    }
  });
});
