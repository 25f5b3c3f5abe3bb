import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { jsonSchemaOf, readAnswer, schemaInstruction, strictCompatible, unwrap } from './structured.js';

const schema = z.object({ title: z.string().min(1), episodes: z.array(z.object({ number: z.number().int() })) });

describe('structured output', () => {
  it('offers the schema as JSON Schema without $schema', () => {
    const json = jsonSchemaOf(schema);
    assert.equal(json.$schema, undefined);
    assert.equal(json.type, 'object');
    assert.deepEqual(json.required, ['title', 'episodes']);
  });

  it('knows which schemas OpenAI’s strict mode takes: closed objects with every property required', () => {
    assert.equal(strictCompatible(jsonSchemaOf(schema)), true);
    assert.equal(strictCompatible(jsonSchemaOf(z.object({ a: z.string(), b: z.string().optional() }))), false);
    assert.equal(strictCompatible(jsonSchemaOf(z.object({ a: z.array(z.looseObject({ b: z.string() })) }))), false);
  });

  it('tells a model without response_format the schema', () => {
    assert.match(schemaInstruction(jsonSchemaOf(schema)), /JSON Schema[\s\S]*"title"/);
  });

  it('takes the JSON out of fences, think blocks and a leading sentence', () => {
    assert.equal(unwrap('```json\n{"a":1}\n```'), '{"a":1}');
    assert.equal(unwrap('```\n[1]\n```'), '[1]');
    assert.equal(unwrap('<think>hmm { no }</think>\n{"a":1}'), '{"a":1}');
    assert.equal(unwrap('Sure! Here it is: {"a":{"b":2}} Hope that helps.'), '{"a":{"b":2}}');
    assert.equal(unwrap('  {"a":1}  '), '{"a":1}');
  });

  it('returns the value the schema accepts', () => {
    assert.deepEqual(readAnswer('{"title":"T","episodes":[{"number":1}]}', schema), {
      ok: true,
      value: { title: 'T', episodes: [{ number: 1 }] },
    });
  });

  it('says what is wrong with a wrong shape, path by path', () => {
    const read = readAnswer('{"title":"","episodes":[{"number":1.5}]}', schema);
    assert.equal(read.ok, false);
    assert.ok(!read.ok && !read.notJson);
    assert.match(read.problems[0] ?? '', /^at title: /);
    assert.match(read.problems[1] ?? '', /^at episodes\.0\.number: /);
  });

  it('says when the answer is not JSON at all', () => {
    const read = readAnswer('I think the outline should cover tokens.', schema);
    assert.ok(!read.ok && read.notJson);
    assert.match(read.problems[0] ?? '', /not valid JSON/);
  });
});
