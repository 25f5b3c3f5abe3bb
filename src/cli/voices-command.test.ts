import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { decodeMp3 } from '../audio/decode.js';
import { startSpeechServer, type SpeechServer } from '../speech/openai/server.js';

const cli = fileURLToPath(new URL('../../bin/ninety.js', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `ninety` with only the speech settings given here (none inherited). */
function ninety(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<Run> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('NINETY_TTS_') && name !== 'OPENAI_API_KEY'),
  );
  const child = spawn(process.execPath, [cli, ...args], {
    env: { ...env, ...options.env },
    cwd: options.cwd ?? process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('ninety voices', () => {
  let server: SpeechServer;
  let work: string;
  before(async () => {
    server = await startSpeechServer({ apiKey: 'sk-local' });
    work = await mkdtemp(join(tmpdir(), 'ninety-voices-'));
  });
  after(async () => {
    await server.close();
    await rm(work, { recursive: true, force: true });
  });

  it('lists every engine and voice with its language and pace, and says how to enable the speech server', async () => {
    const run = await ninety(['voices']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^flite — built-in voices, offline/m);
    assert.match(run.stdout, /^ {2}usable: nothing to set up$/m);
    for (const voice of ['rms', 'slt', 'awb', 'kal', 'kal16']) {
      assert.match(run.stdout, new RegExp(`^ {4}${voice} +en-(US|GB) +0\\.0\\d\\d s/letter +\\S`, 'm'));
    }
    assert.match(run.stdout, /^openai — an OpenAI-compatible speech server: https:\/\/api\.openai\.com\/v1, model tts-1/m);
    assert.match(run.stdout, /^ {2}NOT USABLE: not configured$/m);
    assert.match(run.stdout, /^ {2}to use it: .*set NINETY_TTS_API_KEY \(or OPENAI_API_KEY\).*NINETY_TTS_BASE_URL=http:\/\/localhost:8880\/v1/m);
    assert.match(run.stdout, /voices: any the server has \(OpenAI's: alloy, /);
  });

  it('finds a configured speech server usable, with its model', async () => {
    const run = await ninety(['voices', '--engine', 'openai'], {
      env: { NINETY_TTS_BASE_URL: server.url, NINETY_TTS_API_KEY: 'sk-local' },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stdout, /flite/);
    assert.match(run.stdout, new RegExp(`^ {2}usable: ${server.url.replace(/[./]/g, '\\$&')} answered in \\d+ ms; it has model tts-1$`, 'm'));
  });

  it('says a speech server that does not answer is not usable, and what to do', async () => {
    const gone = await startSpeechServer();
    await gone.close();
    const run = await ninety(['voices', '--engine', 'openai'], { env: { NINETY_TTS_BASE_URL: gone.url } });
    assert.equal(run.code, 0);
    assert.match(run.stdout, /NOT USABLE: no answer from http:\/\/127\.0\.0\.1:\d+\/v1 \(connection refused\)/);
    assert.match(run.stdout, /to use it: start the speech server, or set NINETY_TTS_BASE_URL to its address/);
  });

  it('writes an MP3 sample of a built-in voice', async () => {
    const run = await ninety(['voices', '--say', 'Training begins with data. Then the model learns.', '--voice', 'slt'], { cwd: work });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Wrote voice-slt\.mp3: \d+\.\d s of flite voice "slt"\.$/m);
    const mp3 = await decodeMp3(new Uint8Array(await readFile(join(work, 'voice-slt.mp3'))));
    assert.equal(mp3.errors, 0);
    assert.equal(mp3.channels, 1);
    assert.equal(mp3.sampleRate, 44100);
    assert.ok(mp3.seconds > 2 && mp3.seconds < 8, `${mp3.seconds} s`);
  });

  it('writes an MP3 sample through a speech server', async () => {
    const out = join(work, 'server.mp3');
    const before = server.requests.length;
    const run = await ninety(['voices', '--say', 'Hello from the server.', '--engine', 'openai', '--voice', 'rms', '--out', out], {
      env: { NINETY_TTS_BASE_URL: server.url, NINETY_TTS_API_KEY: 'sk-local' },
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /of openai voice "rms"/);
    assert.equal(server.requests.length - before, 1);
    assert.ok((await decodeMp3(new Uint8Array(await readFile(out)))).seconds > 1);
  });

  it('refuses a voice no engine has, a language the voice cannot speak, and a server error, each in one line', async () => {
    const unknown = await ninety(['voices', '--say', 'Hi.', '--voice', 'af_bella'], { cwd: work });
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr, 'ninety voices: no engine has a voice "af_bella" of its own: for a speech server\'s voice add --engine openai; run "ninety voices" to see the voices\n');

    const german = await ninety(['voices', '--say', 'Guten Tag.', '--voice', 'rms', '--language', 'de'], { cwd: work });
    assert.equal(german.code, 1);
    assert.match(german.stderr, /^ninety voices: flite voice "rms" speaks English \(en-US\), not German \(de\): .*\n$/);

    const refused = await ninety(['voices', '--say', 'Hi.', '--engine', 'openai', '--voice', 'rms'], {
      cwd: work,
      env: { NINETY_TTS_BASE_URL: server.url, NINETY_TTS_API_KEY: 'sk-wrong' },
    });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^ninety voices: 401 from http:\/\/127\.0\.0\.1:\d+\/v1\/audio\/speech: the API key was refused — set NINETY_TTS_API_KEY to a key this server accepts\n$/);
  });

  it('treats sample options without --say as a usage mistake', async () => {
    const run = await ninety(['voices', '--voice', 'slt']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--voice goes with --say "some text"/);
    const help = await ninety(['--help']);
    assert.match(help.stdout, /^ {2}voices +list the speech engines and their voices/m);
  });
});
