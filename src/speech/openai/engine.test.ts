import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { engineContract } from '../engine.contract.js';
import type { SpeechEngine } from '../engine.js';
import { createEngine } from '../engines.js';
import { createOpenAiEngine, retryAfter, speedFor, type RetryPolicy } from './engine.js';
import { startSpeechServer, type SpeechServer } from './server.js';
import { openAiSettings, type OpenAiSettings } from './settings.js';

const KEY = 'sk-test-key';
const QUICK_RETRY: Partial<RetryPolicy> = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 };

function settings(server: { url: string }, more: Partial<OpenAiSettings> = {}): OpenAiSettings {
  return { baseUrl: server.url, apiKey: KEY, keyVariable: 'NINETY_TTS_API_KEY', model: 'tts-1', concurrency: 2, timeoutMs: 5000, ...more };
}

const say = (engine: SpeechEngine, text = 'The model reads a trillion tokens.', voice = 'rms') =>
  engine.synthesize(text, { voice, stretch: 1 });

/** Matches the message alone: that one line is what a user sees. */
async function rejectsWith(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (error: Error) => {
    assert.match(error.message, pattern);
    return true;
  });
}

const seconds = (pcm: { samples: Float32Array; sampleRate: number }) => pcm.samples.length / pcm.sampleRate;

describe('openai engine against a local speech server', () => {
  let server: SpeechServer;
  before(async () => {
    server = await startSpeechServer({ apiKey: KEY });
  });
  after(() => server.close());

  engineContract('openai-compatible adapter, Flite behind HTTP on loopback', async () => createOpenAiEngine(settings(server)), 'rms');

  it('is found by name through the engine registry, configured by the environment', async () => {
    const engine = await createEngine('openai', { NINETY_TTS_BASE_URL: server.url, NINETY_TTS_API_KEY: KEY });
    assert.equal(engine.name, 'openai');
    assert.ok((await say(engine)).samples.length > 0);
  });

  it('sends model, voice, input, speed = 1 / stretch and asks for WAV', async () => {
    const engine = createOpenAiEngine(settings(server));
    await engine.synthesize('Slowly now.', { voice: 'slt', stretch: 1.25 });
    await engine.synthesize('And a model of its own.', { voice: 'slt', stretch: 1, model: 'tts-1-hd' });
    const [slow, own] = server.requests.slice(-2);
    assert.deepEqual(slow, { model: 'tts-1', voice: 'slt', input: 'Slowly now.', speed: 0.8, response_format: 'wav' });
    assert.equal(own?.model, 'tts-1-hd');
  });

  it('clamps the speed to the API range of 0.25 to 4', () => {
    assert.equal(speedFor(1), 1);
    assert.equal(speedFor(1.1), 0.9091);
    assert.equal(speedFor(0.1), 4);
    assert.equal(speedFor(10), 0.25);
  });

  it('accepts MP3 from a server that ignores the format asked for', async () => {
    const mp3Server = await startSpeechServer({ reply: 'mp3' });
    try {
      const wav = await say(createOpenAiEngine(settings(server)));
      const mp3 = await say(createOpenAiEngine(settings(mp3Server)));
      assert.equal(mp3.sampleRate, 44100);
      assert.ok(Math.abs(seconds(mp3) - seconds(wav)) < 0.15, `${seconds(mp3)} s against ${seconds(wav)} s`);
    } finally {
      await mp3Server.close();
    }
  });

  it('keeps at most `concurrency` requests in flight to one server', async () => {
    const fresh = await startSpeechServer({ apiKey: KEY, latencyMs: 50 });
    try {
      const engine = createOpenAiEngine(settings(fresh, { concurrency: 2 }));
      await Promise.all(['One.', 'Two.', 'Three.', 'Four.', 'Five.', 'Six.'].map((t) => say(engine, t)));
      assert.equal(fresh.requests.length, 6);
      assert.equal(fresh.peakInFlight, 2);
    } finally {
      await fresh.close();
    }
  });

  describe('failures', () => {
    const engine = () => createOpenAiEngine(settings(server), { retry: QUICK_RETRY });
    const count = () => server.requests.length;

    it('waits as long as a 429 Retry-After says, then succeeds', async () => {
      server.inject({ status: 429, headers: { 'retry-after': '1' } });
      const before = count();
      const started = performance.now();
      const pcm = await say(engine());
      assert.ok(performance.now() - started >= 950, 'waited for Retry-After');
      assert.ok(pcm.samples.length > 0);
      assert.equal(count() - before, 2);
    });

    it('retries a 503 with backoff, then succeeds', async () => {
      server.inject({ status: 503 });
      const before = count();
      assert.ok((await say(engine())).samples.length > 0);
      assert.equal(count() - before, 2);
    });

    it('gives up on a server that keeps failing, after a bounded number of attempts', async () => {
      server.inject({ status: 500 }, { status: 502 }, { status: 503 });
      const before = count();
      await rejectsWith(say(engine()), /^503 from http:\/\/127\.0\.0\.1:\d+\/v1\/audio\/speech: the server failed .*check the server's log \(gave up after 3 attempts\)$/);
      assert.equal(count() - before, 3);
    });

    it('says which key to set on 401, without retrying', async () => {
      const before = count();
      await rejectsWith(
        say(createOpenAiEngine(settings(server, { apiKey: 'sk-wrong' }), { retry: QUICK_RETRY })),
        /^401 from http:\/\/127\.0\.0\.1:\d+\/v1\/audio\/speech: the API key was refused — set NINETY_TTS_API_KEY to a key this server accepts$/,
      );
      const { apiKey: _none, ...keyless } = settings(server);
      await rejectsWith(say(createOpenAiEngine(keyless)), /401 from .*: the server wants an API key — set NINETY_TTS_API_KEY$/);
      assert.equal(count() - before, 2);
    });

    it('names the model and the variable to set on 404 (unknown model)', async () => {
      await rejectsWith(
        say(createOpenAiEngine(settings(server, { model: 'no-such-model' }))),
        /404 from .*: model "no-such-model" is unknown to the server.*does not exist.*— set voice\.model in series\.yaml or NINETY_TTS_MODEL/,
      );
    });

    it('names the voice and passes on the server\'s list on 400 (unknown voice)', async () => {
      await rejectsWith(
        say(engine(), 'Hello.', 'nobody'),
        /400 from .*: the server refused the request for voice "nobody" \(the server says: "Invalid value for 'voice' = nobody\. Supported values are: 'rms'.*— set voice\.voice in series\.yaml/,
      );
    });

    it('retries a request that times out', async () => {
      // Generous: the retry must be spoken within it, by a Flite sharing this process and its event loop.
      server.inject('hang');
      const before = count();
      const engine = createOpenAiEngine(settings(server, { timeoutMs: 3000 }), { retry: QUICK_RETRY });
      assert.ok((await say(engine)).samples.length > 0);
      assert.equal(count() - before, 2);
    });

    it('reports a server that keeps timing out, naming the variable to raise', async () => {
      server.inject('hang', 'hang');
      const engine = createOpenAiEngine(settings(server, { timeoutMs: 300 }), { retry: { ...QUICK_RETRY, attempts: 2 } });
      await rejectsWith(
        say(engine),
        /^no answer from .*\/audio\/speech within 0\.3 s — the server may be overloaded: raise NINETY_TTS_TIMEOUT_SECONDS or lower NINETY_TTS_CONCURRENCY \(gave up after 2 attempts\)$/,
      );
    });

    it('retries a connection reset', async () => {
      server.inject('reset');
      const before = count();
      assert.ok((await say(engine())).samples.length > 0);
      assert.equal(count() - before, 2);
    });

    it('refuses an HTML page in place of audio, pointing at the base address', async () => {
      server.inject('html');
      await rejectsWith(
        say(engine()),
        /^200 from .*: an HTML page \("Sign in"\) instead of audio — check NINETY_TTS_BASE_URL: it should be the speech API's address, usually ending in \/v1$/,
      );
    });

    it('refuses an empty body and audio of zero length', async () => {
      server.inject('empty');
      await rejectsWith(say(engine()), /200 from .*: an empty body instead of audio/);
      server.inject('zero-length');
      await rejectsWith(say(engine(), 'Say this.'), /200 from .*: audio of zero length for "Say this\." — the server spoke nothing/);
    });

    it('does not wait out a quota error or a Retry-After longer than allowed', async () => {
      server.inject({
        status: 429,
        body: JSON.stringify({ error: { message: 'You exceeded your current quota.', code: 'insufficient_quota' } }),
      });
      await rejectsWith(say(engine()), /429 from .*: the account has no quota left .*billing/);
      server.inject({ status: 429, headers: { 'retry-after': '3600' } });
      await rejectsWith(say(engine()), /429 from .*: too many requests: the server asks to wait 3600 s — try again later/);
    });

    it('says the server is not running when the connection is refused', async () => {
      const gone = await startSpeechServer();
      await gone.close();
      await rejectsWith(
        say(createOpenAiEngine(settings(gone), { retry: QUICK_RETRY })),
        /^could not connect to http:\/\/127\.0\.0\.1:\d+\/v1\/audio\/speech \(connection refused\): is the speech server running\? Start it, or set NINETY_TTS_BASE_URL to its address$/,
      );
    });

    it('explains missing configuration in one message with an example', async () => {
      await rejectsWith(
        createEngine('openai', {}),
        /needs a key: set NINETY_TTS_API_KEY \(or OPENAI_API_KEY\).*e\.g\. export NINETY_TTS_API_KEY=sk-… .* export NINETY_TTS_BASE_URL=http:\/\/localhost:8880\/v1/,
      );
    });
  });

  it('lets the process exit as soon as speech is done: no sockets or timers left behind', async () => {
    // A leaked request deadline would hold the child for 30 s, a pooled socket until the server drops it (5 s).
    const script = `
      const { createOpenAiEngine } = await import(${JSON.stringify(new URL('./engine.js', import.meta.url).href)});
      const engine = createOpenAiEngine(${JSON.stringify(settings(server, { timeoutMs: 30_000 }))});
      await engine.synthesize('One sentence.', { voice: 'rms', stretch: 1 });
      await engine.synthesize('And another.', { voice: 'rms', stretch: 1 });
      process.stdout.write('spoken');
    `;
    server.inject({ status: 503 }); // one retry on the way: its backoff timer must not linger either
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let spokenAt = 0;
    child.stdout.on('data', () => (spokenAt = performance.now()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    const lingered = performance.now() - spokenAt;
    assert.equal(code, 0);
    assert.ok(spokenAt > 0, 'the child spoke');
    assert.ok(lingered < 2500, `the process lingered ${Math.round(lingered)} ms after the last sentence`);
  });
});

describe('openai settings', () => {
  it('reads the environment, with the documented defaults and fallbacks', () => {
    const s = openAiSettings({ OPENAI_API_KEY: 'sk-a' });
    assert.equal(s.baseUrl, 'https://api.openai.com/v1');
    assert.equal(s.model, 'tts-1');
    assert.equal(s.apiKey, 'sk-a');
    assert.equal(s.keyVariable, 'OPENAI_API_KEY');
    assert.equal(s.problem, undefined);
    const own = openAiSettings({ NINETY_TTS_API_KEY: 'sk-b', OPENAI_API_KEY: 'sk-a', NINETY_TTS_MODEL: 'kokoro', NINETY_TTS_BASE_URL: 'http://localhost:8880/v1/' });
    assert.equal(own.apiKey, 'sk-b');
    assert.equal(own.model, 'kokoro');
    assert.equal(own.baseUrl, 'http://localhost:8880/v1');
  });

  it('needs no key for a local server, but does for OpenAI', () => {
    assert.equal(openAiSettings({ NINETY_TTS_BASE_URL: 'http://localhost:8880/v1' }).problem, undefined);
    assert.match(openAiSettings({}).problem ?? '', /NINETY_TTS_API_KEY/);
  });

  it('names a malformed variable and what it should look like', () => {
    assert.match(openAiSettings({ NINETY_TTS_BASE_URL: 'localhost:8880' }).problem ?? '', /NINETY_TTS_BASE_URL must be an http:\/\/ or https:\/\/ address/);
    assert.match(openAiSettings({ OPENAI_API_KEY: 'k', NINETY_TTS_CONCURRENCY: 'many' }).problem ?? '', /NINETY_TTS_CONCURRENCY must be a whole number/);
  });

  it('versions the sound by server and default model, never by key', async () => {
    const { describeOpenAi } = await import('./settings.js');
    const version = (env: NodeJS.ProcessEnv) => describeOpenAi(openAiSettings(env)).version;
    const local = { NINETY_TTS_BASE_URL: 'http://localhost:8880/v1' };
    assert.equal(version(local), version({ ...local, NINETY_TTS_API_KEY: 'sk-other' }));
    assert.equal(version(local), version({ NINETY_TTS_BASE_URL: 'http://localhost:8880/v1/' }));
    assert.notEqual(version(local), version({ NINETY_TTS_BASE_URL: 'http://localhost:9000/v1' }));
    assert.notEqual(version(local), version({ ...local, NINETY_TTS_MODEL: 'kokoro' }));
    assert.ok(!version({ NINETY_TTS_BASE_URL: 'http://user:secret@localhost:8880/v1' }).includes('secret'));
  });

  it('reads Retry-After as seconds, as a date, or as retry-after-ms', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(retryAfter({ headers: { 'retry-after': '2' } }, now), 2000);
    assert.equal(retryAfter({ headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' } }, now), 5000);
    assert.equal(retryAfter({ headers: { 'retry-after-ms': '250' } }, now), 250);
    assert.equal(retryAfter({ headers: {} }, now), undefined);
  });
});
