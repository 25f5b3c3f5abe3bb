import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { modelSettings, NOT_CONFIGURED, OPENAI_BASE_URL, type ModelSettings } from './settings.js';

function settings(env: NodeJS.ProcessEnv, flags = {}): ModelSettings {
  const result = modelSettings(env, flags);
  assert.ok(!('problem' in result), 'problem' in result ? result.problem : '');
  return result;
}

function problem(env: NodeJS.ProcessEnv, flags = {}): string {
  const result = modelSettings(env, flags);
  assert.ok('problem' in result, `expected a problem, got ${JSON.stringify(result)}`);
  assert.doesNotMatch(result.problem, /\n/);
  return result.problem;
}

describe('model settings', () => {
  it('says in one line what to set, with Ollama and OpenAI examples, when nothing is configured', () => {
    const said = problem({});
    assert.equal(said, NOT_CONFIGURED);
    assert.match(said, /NINETY_LLM_BASE_URL=http:\/\/localhost:11434\/v1 NINETY_LLM_MODEL=llama3\.1 \(Ollama\)/);
    assert.match(said, /NINETY_LLM_API_KEY=sk-… NINETY_LLM_MODEL=gpt-4o-mini/);
  });

  it('reads a local server without a key', () => {
    assert.deepEqual(settings({ NINETY_LLM_BASE_URL: 'http://localhost:11434/v1/', NINETY_LLM_MODEL: 'llama3.1' }), {
      baseUrl: 'http://localhost:11434/v1',
      keyVariable: 'NINETY_LLM_API_KEY',
      model: 'llama3.1',
      timeoutMs: 120_000,
    });
  });

  it('takes OpenAI’s address when only a key is set', () => {
    const read = settings({ NINETY_LLM_API_KEY: 'sk-abc', NINETY_LLM_MODEL: 'gpt-4o-mini' });
    assert.equal(read.baseUrl, OPENAI_BASE_URL);
    assert.equal(read.apiKey, 'sk-abc');
  });

  it('falls back to OPENAI_API_KEY and says so', () => {
    const read = settings({ OPENAI_API_KEY: 'sk-env', NINETY_LLM_MODEL: 'gpt-4o-mini' });
    assert.equal(read.apiKey, 'sk-env');
    assert.equal(read.keyVariable, 'OPENAI_API_KEY');
    assert.equal(settings({ OPENAI_API_KEY: 'a', NINETY_LLM_API_KEY: 'b', NINETY_LLM_MODEL: 'm' }).apiKey, 'b');
  });

  it('lets --base-url and --model win over the environment', () => {
    const read = settings(
      { NINETY_LLM_BASE_URL: 'http://localhost:11434/v1', NINETY_LLM_MODEL: 'llama3.1' },
      { baseUrl: 'http://127.0.0.1:8080/v1', model: 'qwen2.5' },
    );
    assert.equal(read.baseUrl, 'http://127.0.0.1:8080/v1');
    assert.equal(read.model, 'qwen2.5');
  });

  it('asks for a model when none is named', () => {
    assert.match(problem({ NINETY_LLM_BASE_URL: 'http://localhost:11434/v1' }), /set NINETY_LLM_MODEL \(or --model\).*llama3\.1/);
    assert.match(problem({ NINETY_LLM_API_KEY: 'sk-x' }), /NINETY_LLM_MODEL.*gpt-4o-mini/);
  });

  it('names the variable or flag an invalid address came from', () => {
    assert.match(problem({ NINETY_LLM_BASE_URL: 'localhost:11434', NINETY_LLM_MODEL: 'm' }), /^NINETY_LLM_BASE_URL must be an http/);
    assert.match(problem({ NINETY_LLM_MODEL: 'm' }, { baseUrl: 'not a url' }), /^--base-url must be an http.*"not a url"/);
    assert.match(problem({ NINETY_LLM_BASE_URL: 'http://me:secret@host/v1', NINETY_LLM_MODEL: 'm' }), /user name or password.*NINETY_LLM_API_KEY/);
  });

  it('wants a key for OpenAI’s own address', () => {
    assert.match(problem({ NINETY_LLM_BASE_URL: 'https://api.openai.com/v1', NINETY_LLM_MODEL: 'gpt-4o' }), /needs a key: set NINETY_LLM_API_KEY/);
  });

  it('reads the timeout in seconds and refuses nonsense', () => {
    const env = { NINETY_LLM_BASE_URL: 'http://localhost:8080/v1', NINETY_LLM_MODEL: 'm' };
    assert.equal(settings({ ...env, NINETY_LLM_TIMEOUT_SECONDS: '30' }).timeoutMs, 30_000);
    assert.match(problem({ ...env, NINETY_LLM_TIMEOUT_SECONDS: '0' }), /NINETY_LLM_TIMEOUT_SECONDS must be a whole number.*"0"/);
    assert.match(problem({ ...env, NINETY_LLM_TIMEOUT_SECONDS: '1.5' }), /NINETY_LLM_TIMEOUT_SECONDS/);
  });
});
