import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startSpeechServer, type Fault, type SpeechServer } from '../speech/openai/server.js';
import { writeTinySeries } from '../testkit/series.js';

const cli = fileURLToPath(new URL('../../bin/ninety.js', import.meta.url));

function ninety(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

describe('ninety build with engine: openai', () => {
  let server: SpeechServer;
  let dir: string;
  let refused: { code: number | null; output: string } | undefined;
  before(async () => {
    server = await startSpeechServer({ apiKey: 'sk-build' });
    dir = await writeTinySeries();
    const yaml = await readFile(join(dir, 'series.yaml'), 'utf8');
    await writeFile(join(dir, 'series.yaml'), `${yaml}voice:\n  engine: openai\n  voice: alloy\n`);
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('builds and verifies a series spoken by a server that sometimes answers 429 and 503', async () => {
    const faults: Fault[] = Array.from({ length: 24 }, (_, i) =>
      i % 5 === 1 ? { status: 429, headers: { 'retry-after': '0' } } : i % 7 === 3 ? { status: 503 } : 'speak',
    );
    server.inject(...faults);
    const env = { NINETY_TTS_BASE_URL: server.url, NINETY_TTS_API_KEY: 'sk-build' };
    const build = await ninety(['build', dir, '--out', join(dir, 'out')], env);
    assert.equal(build.code, 0, build.output);
    assert.match(build.output, /Built 3 episodes .*\(3 spoken, 0 from cache\)/);
    assert.ok(server.requests.some((r) => r.voice === 'alloy' && r.response_format === 'wav'));
    const verify = await ninety(['verify', dir, '--out', join(dir, 'out')], env);
    assert.equal(verify.code, 0, verify.output);
    assert.match(verify.output, /All 3 episodes pass/);
  });

  it('switches the series to a Flite voice and back, speaking again only what changed', async () => {
    const env = { NINETY_TTS_BASE_URL: server.url, NINETY_TTS_API_KEY: 'sk-build' };
    const out = join(dir, 'out');
    const yaml = await readFile(join(dir, 'series.yaml'), 'utf8');
    await writeFile(join(dir, 'series.yaml'), yaml.replace('engine: openai\n  voice: alloy', 'engine: flite\n  voice: slt'));
    const toFlite = await ninety(['build', dir, '--out', out], env);
    assert.match(toFlite.output, /\(3 spoken, 0 from cache\)/, toFlite.output);
    const requests = server.requests.length;
    await writeFile(join(dir, 'series.yaml'), yaml);
    const back = await ninety(['build', dir, '--out', out], env);
    assert.match(back.output, /\(0 spoken, 3 from cache\)/, back.output);
    assert.equal(server.requests.length, requests, 'the server was not asked again');
  });

  it('stops at a refused key with one line, and writes no series', async () => {
    const out = join(dir, 'refused');
    refused = await ninety(['build', dir, '--out', out], { NINETY_TTS_BASE_URL: server.url, NINETY_TTS_API_KEY: 'sk-wrong' });
    assert.equal(refused.code, 1);
    const lines = refused.output.trimEnd().split('\n');
    assert.match(refused.output, /^ninety build: 01 Episode one: sentence 1 \(".*"\): 401 from http:\/\/127\.0\.0\.1:\d+\/v1\/audio\/speech: the API key was refused — set NINETY_TTS_API_KEY/m);
    assert.match(lines.at(-1)!, /^ninety build: 3 episodes could not be spoken; .*Nothing was written to the output\.$/);
    assert.equal(await stat(join(out, 'tiny-test', 'episodes.json')).catch(() => undefined), undefined);
  });

  it('prints no stack trace when the build stops', () => {
    assert.doesNotMatch(refused?.output ?? '', /\n\s+at /);
  });
});
