import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { writerReplies } from '../testkit/writer.js';
import { startModelServer, type ModelServer } from '../write/model/server.js';

const cli = fileURLToPath(new URL('../../bin/ninety.js', import.meta.url));
const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NINETY_') && k !== 'OPENAI_API_KEY'));

/** Runs the CLI without blocking this process, whose event loop serves the model on loopback. */
function ninety(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...CLEAN_ENV, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const scriptCalls = (server: ModelServer) => server.requests.filter((r) => !r.messages[0]!.content.includes('You plan short audio series')).length;

describe('ninety new on the command line', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'ninety-new-cli-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('without a configured model, says what to set and writes nothing', async () => {
    const run = await ninety(['new', 'sourdough baking'], root);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^ninety new: no language model is configured: set NINETY_LLM_BASE_URL and NINETY_LLM_MODEL, e\.g\. export NINETY_LLM_BASE_URL=http:\/\/localhost:11434\/v1/);
    assert.doesNotMatch(run.stderr, /^\s+at /m);
    assert.deepEqual(await readdir(root), []);
  });

  it('writes, checks and builds a series that appears in the library with a valid feed', async () => {
    const server = await startModelServer({ respond: writerReplies() });
    try {
      const env = { NINETY_LLM_BASE_URL: server.baseUrl, NINETY_LLM_MODEL: 'test-model' };
      const run = await ninety(['new', 'sourdough baking', '--episodes', '2', '--seconds', '20', '--build'], root, env);
      assert.equal(run.code, 0, run.stderr + run.stdout);
      assert.match(run.stdout, /test-model: 3 calls, [\d,]+ prompt and [\d,]+ completion tokens/);
      // Each outline title as it arrives, before the outline is said to be written.
      assert.match(run.stderr, /^  1\. Foundations\n  2\. Ingredients\nOutline written to /m);
      assert.match(run.stdout, /Built 2 episodes into/);
      const check = await ninety(['check', 'series/sourdough-baking'], root);
      assert.equal(check.code, 0, check.stdout + check.stderr);
      const library = await readFile(join(root, 'out', 'index.html'), 'utf8');
      assert.match(library, /A Short Course in Sourdough Baking/);
      const feed = new XMLParser({ ignoreAttributes: false }).parse(await readFile(join(root, 'out', 'sourdough-baking', 'feed.xml'), 'utf8'));
      assert.equal(feed.rss.channel.item.length, 2);
      const page = await readFile(join(root, 'out', 'sourdough-baking', 'index.html'), 'utf8');
      assert.match(page, /Scripts written by the language model test-model/);
      const episode = await readFile(join(root, 'out', 'sourdough-baking', 'foundations', 'index.html'), 'utf8');
      assert.match(episode, /Further reading \(unverified\)/);
    } finally {
      await server.close();
    }
  });

  it('killed mid-way and run again, finishes with nothing lost or written twice, and fewer calls than a fresh run', async () => {
    const server = await startModelServer({ respond: writerReplies(), latencyMs: 250 });
    try {
      const env = { ...CLEAN_ENV, NINETY_LLM_BASE_URL: server.baseUrl, NINETY_LLM_MODEL: 'test-model' };
      const args = [cli, 'new', 'bread scoring', '--episodes', '6', '--seconds', '20', '--concurrency', '1'];
      const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'ignore' });
      const episodes = join(root, 'series', 'bread-scoring', 'episodes');
      // Wait until two scripts are on disk, then kill without warning.
      for (;;) {
        const names = await readdir(episodes).catch(() => [] as string[]);
        const texts = await Promise.all(names.filter((n) => n.endsWith('.md')).map((n) => readFile(join(episodes, n), 'utf8').catch(() => '')));
        if (texts.filter((t) => !t.endsWith('---\n')).length >= 2) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      child.kill('SIGKILL');
      await new Promise((resolve) => child.on('exit', resolve));
      const callsBeforeRerun = server.requests.length;

      const rerun = await ninety(args.slice(1), root, env);
      assert.equal(rerun.code, 0, rerun.stderr);
      const rerunCalls = server.requests.length - callsBeforeRerun;
      assert.ok(rerunCalls <= 4, `the rerun asked for ${rerunCalls} scripts; at most 4 were missing`);
      assert.ok(rerunCalls < 7, 'fewer calls than a fresh run (an outline and six scripts)');
      assert.ok(!server.requests.slice(callsBeforeRerun).some((r) => r.messages[0]!.content.includes('You plan short audio series')), 'the outline is not asked for again');

      const names = (await readdir(episodes)).sort();
      assert.equal(names.length, 6, names.join(' '));
      for (const name of names) {
        const text = await readFile(join(episodes, name), 'utf8');
        assert.equal(text.match(/^---$/gm)?.length, 2, `${name} has one front matter`);
        assert.equal(text.match(/^notes:/gm)?.length, 1, `${name} has one set of notes`);
        assert.match(text, /Why does episode/);
      }
      const check = await ninety(['check', 'series/bread-scoring'], root);
      assert.equal(check.code, 0, check.stdout + check.stderr);
      assert.equal(scriptCalls(server), server.requests.length - 1);
    } finally {
      await server.close();
    }
  });
});
