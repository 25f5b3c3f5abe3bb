/**
 * Two `ninety worker` processes on one PostgreSQL share one series, as two machines would: the
 * scripts and then the voicing are split into one job per episode, both workers take some, every
 * script is asked for and written once, and the published series has every episode.
 */
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Job, JobQueue } from '../studio/jobs/jobs.js';
import { openPostgresQueue } from '../studio/jobs/postgres.js';
import { startTestPostgres } from '../studio/jobs/test-postgres.js';
import { CLEAN_ENV, episodeScripts } from '../testkit/studio.js';
import { writerReplies } from '../testkit/writer.js';
import { startModelServer, type ModelServer } from '../write/model/server.js';

const cli = fileURLToPath(new URL('../../bin/ninety.js', import.meta.url));
const EPISODES = 4;
const SLUG = 'crust';

interface Worker {
  name: string;
  child: ChildProcess;
  exited: Promise<void>;
}

/** `ninety worker --name NAME` in `cwd`, resolved once it takes jobs (it has opened the queue). */
function startWorker(name: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Worker> {
  const child = spawn(process.execPath, [cli, 'worker', '--name', name], { cwd, env: { ...CLEAN_ENV, ...env } });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
      if (output.includes(`Worker ${name} takes`)) resolve({ name, child, exited });
    });
    child.once('exit', (code) => reject(new Error(`ninety worker ${name} exited (${code}) before taking jobs: ${output}`)));
  });
}

/** Waits for a job to end and returns it as it ended. */
async function ended(queue: JobQueue, id: string, timeoutMs = 240_000): Promise<Job> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await queue.get(id);
    if (job && ['done', 'failed', 'cancelled'].includes(job.state)) return job;
    if (Date.now() > deadline) assert.fail(`job ${id} did not end; last seen: ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const childrenOf = async (queue: JobQueue, kind: string, parent: string) =>
  (await queue.list({ kind })).filter((j) => (j.payload as { parent?: string }).parent === parent);

describe('two ninety worker processes sharing one series', { timeout: 10 * 60_000 }, async () => {
  const pg = await startTestPostgres();
  if ('unavailable' in pg) {
    it('share the scripts and the voicing of a series', { skip: pg.unavailable }, () => {});
    return;
  }
  let root: string;
  let model: ModelServer;
  let queue: JobQueue;
  const workers: Worker[] = [];

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'ninety-fanout-'));
    await mkdir(join(root, 'out'));
    // Each script takes longer than a worker's poll (1 s), so the idle worker takes the next one.
    model = await startModelServer({ respond: writerReplies(), latencyMs: 1500 });
    const env = { NINETY_DATABASE_URL: pg.url, NINETY_DATABASE_SCHEMA: pg.schema, NINETY_LLM_BASE_URL: model.baseUrl, NINETY_LLM_MODEL: 'test-model' };
    workers.push(...(await Promise.all([startWorker('worker-a', root, env), startWorker('worker-b', root, env)])));
    queue = await openPostgresQueue(pg.url, { schema: pg.schema });
  });
  after(async () => {
    for (const worker of workers) worker.child.kill('SIGTERM');
    await Promise.all(workers.map((worker) => worker.exited));
    await queue?.close();
    await model?.close();
    await pg.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('writes every script once, the two workers sharing them, and the series passes ninety check', async () => {
    const outline = await queue.enqueue('write-outline', {
      seriesRoot: 'series', slug: SLUG, topic: 'bread crust', episodes: EPISODES, seconds: 20, hosts: 1, voices: ['slt'], sources: [],
    });
    assert.equal((await ended(queue, outline)).state, 'done');
    const scripts = await queue.enqueue('write-scripts', { slug: SLUG, dir: `series/${SLUG}` }, { retries: 0 });
    const parent = await ended(queue, scripts);
    assert.equal(parent.state, 'done', parent.error);
    assert.deepEqual(parent.progress && { done: parent.progress.done, total: parent.progress.total }, { done: EPISODES, total: EPISODES });

    const children = await childrenOf(queue, 'write-script', scripts);
    assert.equal(children.length, EPISODES, 'one job per script');
    assert.ok(children.every((j) => j.state === 'done'));
    assert.deepEqual(new Set(children.map((j) => j.worker)), new Set(['worker-a', 'worker-b']), 'both workers wrote scripts');

    const episodes = await episodeScripts(join(root, 'series', SLUG));
    assert.equal(episodes.length, EPISODES);
    for (const episode of episodes) assert.equal(episode.script.match(/Why does episode/g)?.length, 1, `${episode.file} holds one script`);
    // A first ask per attempt of the episode's job: nothing asked twice beyond a retry.
    for (const child of children) {
      const number = (child.payload as { number: number }).number;
      const asks = model.requests.filter((r) => r.messages.filter((m) => m.role === 'user').length === 1 && r.messages.some((m) => m.content.includes(`Write episode ${number}:`)));
      assert.equal(asks.length, child.attempts, `episode ${number} was asked for once per attempt`);
    }

    const check = await promisify(execFile)(process.execPath, [cli, 'check', `series/${SLUG}`], { cwd: root, env: CLEAN_ENV }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    assert.equal('code' in check ? check.code : 0, 0, `ninety check: ${check.stdout}${check.stderr}`);
  });

  it('voices the series over both workers, then publishes every episode once', async () => {
    const voice = await queue.enqueue('voice-series', { slug: SLUG, dir: `series/${SLUG}`, outDir: 'out' }, { retries: 0 });
    const parent = await ended(queue, voice);
    assert.equal(parent.state, 'done', parent.error);
    assert.deepEqual(parent.result, { spoken: EPISODES, cached: 0, slug: SLUG });

    const children = await childrenOf(queue, 'voice-episode', voice);
    assert.equal(children.length, EPISODES, 'one job per episode to speak');
    assert.deepEqual(new Set(children.map((j) => j.worker)), new Set(['worker-a', 'worker-b']), 'both workers spoke episodes');

    const manifest = JSON.parse(await readFile(join(root, 'out', SLUG, 'episodes.json'), 'utf8')) as { episodes: { number: number; audio: string }[] };
    assert.deepEqual(manifest.episodes.map((e) => e.number), [1, 2, 3, 4]);
    for (const episode of manifest.episodes) {
      const file = await stat(join(root, 'out', SLUG, episode.audio));
      assert.ok(file.size > 10_000, `episode ${episode.number}'s audio is there`);
    }
  });
});
