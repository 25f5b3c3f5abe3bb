import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { engineStatus } from '../engines.js';
import { startSpeechServer, type SpeechServer } from './server.js';

describe('openai engine status', () => {
  let server: SpeechServer;
  before(async () => {
    server = await startSpeechServer({ apiKey: 'sk-test' });
  });
  after(() => server.close());

  it('is usable when the server answers and lists the model', async () => {
    const status = await engineStatus('openai', { env: { NINETY_TTS_BASE_URL: server.url, NINETY_TTS_API_KEY: 'sk-test' } });
    assert.equal(status.usable, true);
    assert.match(status.detail, /answered in \d+ ms; it has model tts-1/);
  });

  it('warns when the server does not list the configured model', async () => {
    const env = { NINETY_TTS_BASE_URL: server.url, NINETY_TTS_API_KEY: 'sk-test', NINETY_TTS_MODEL: 'kokoro' };
    const status = await engineStatus('openai', { env });
    assert.match(status.detail, /model kokoro is not among those it lists \(tts-1, tts-1-hd\): set NINETY_TTS_MODEL/);
  });

  it('is not usable without configuration, saying what to set', async () => {
    const status = await engineStatus('openai', { env: {} });
    assert.equal(status.usable, false);
    assert.match(status.fix ?? '', /set NINETY_TTS_API_KEY.*NINETY_TTS_BASE_URL=http:\/\/localhost:8880\/v1/);
  });

  it('is not usable when the key is refused', async () => {
    const status = await engineStatus('openai', { env: { NINETY_TTS_BASE_URL: server.url, NINETY_TTS_API_KEY: 'sk-wrong' } });
    assert.equal(status.usable, false);
    assert.match(status.detail, /refused the API key \(401\)/);
    assert.match(status.fix ?? '', /NINETY_TTS_API_KEY/);
  });

  it('is not usable when nothing listens, or nothing answers in time', async () => {
    const gone = await startSpeechServer();
    await gone.close();
    const refused = await engineStatus('openai', { env: { NINETY_TTS_BASE_URL: gone.url } });
    assert.equal(refused.usable, false);
    assert.match(refused.detail, /no answer from .* \(connection refused\)/);
    assert.match(refused.fix ?? '', /start the speech server, or set NINETY_TTS_BASE_URL/);

    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1`;
      const slow = await engineStatus('openai', { env: { NINETY_TTS_BASE_URL: url }, timeoutMs: 200 });
      assert.equal(slow.usable, false);
      assert.match(slow.detail, /no answer within 0\.2 s/);
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('counts a server without a model list as reachable', async () => {
    const bare = createServer((_req, res) => res.writeHead(404).end('Not Found'));
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/v1`;
      const status = await engineStatus('openai', { env: { NINETY_TTS_BASE_URL: url } });
      assert.equal(status.usable, true);
      assert.match(status.detail, /does not list its models/);
    } finally {
      bare.closeAllConnections();
      bare.close();
    }
  });
});
