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
});
