import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { TEST_TUNING } from '../studio/jobs/jobs.contract.js';
import type { JobHandler } from '../studio/jobs/jobs.js';
import { openPostgresQueue } from '../studio/jobs/postgres.js';
import { startTestPostgres } from '../studio/jobs/test-postgres.js';
import { CommandError, UsageError } from './command.js';
import { chooseHandlers, DATABASE_HELP, workUntilStopped } from './worker-command.js';

const cli = fileURLToPath(new URL('../../bin/ninety.js', import.meta.url));

describe('ninety worker', () => {
  it('says what to set, with an example, when NINETY_DATABASE_URL is missing', () => {
    const env = { ...process.env };
    delete env.NINETY_DATABASE_URL;
    const run = spawnSync(process.execPath, [cli, 'worker'], { encoding: 'utf8', env });
    assert.equal(run.status, 1);
    assert.equal(run.stderr, `ninety worker: ${DATABASE_HELP}\n`);
    assert.match(run.stderr, /NINETY_DATABASE_URL=postgres:\/\//);
  });

  it('takes every registered kind by default, or the kinds named, refusing unknown ones by name', () => {
    const noop: JobHandler = async () => undefined;
    const registered = { outline: noop, 'voice-episode': noop };
    assert.deepEqual(Object.keys(chooseHandlers(registered, undefined)), ['outline', 'voice-episode']);
    assert.deepEqual(Object.keys(chooseHandlers(registered, 'voice-episode')), ['voice-episode']);
    assert.throws(() => chooseHandlers(registered, 'voice,outline'), (error: Error) => {
      assert.ok(error instanceof UsageError);
      assert.equal(error.message, 'no job kind "voice"; available: outline, voice-episode');
      return true;
    });
    assert.throws(() => chooseHandlers({}, undefined), CommandError);
  });
});

describe('a worker stopped by signals', async () => {
  const pg = await startTestPostgres();
  if ('unavailable' in pg) {
    it('lets running jobs finish on the first signal', { skip: pg.unavailable }, () => {});
    return;
  }
  after(() => pg.stop());
  const open = () => openPostgresQueue(pg.url, { ...TEST_TUNING, schema: pg.schema });
  const quiet = () => {};

  it('lets the running job finish after the first SIGTERM, then closes the queue', async () => {
    const queue = await open();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const signals = new EventEmitter();
    const id = await queue.enqueue('graceful', {});
    const handlers = { graceful: async () => (started(), await gate, 'finished') };
    const working = workUntilStopped(queue, handlers, { worker: 'w-graceful', concurrency: 1, pollMs: 50 }, signals, quiet);
    await running;
    signals.emit('SIGTERM');
    let ended = false;
    void working.then(() => (ended = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(ended, false, 'waits for the running job');
    release();
    await working;
    const check = await open();
    try {
      const job = await check.get(id);
      assert.equal(job?.state, 'done');
      assert.equal(job?.result, 'finished');
    } finally {
      await check.close();
    }
  });

  it('stops the running job at a second signal and gives it back to the queue', async () => {
    const queue = await open();
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const signals = new EventEmitter();
    const id = await queue.enqueue('abrupt', {});
    const handlers: Record<string, JobHandler> = {
      abrupt: (_job, { signal }) =>
        new Promise((_resolve, reject) => {
          started();
          signal.addEventListener('abort', () => reject(signal.reason as Error));
        }),
    };
    const working = workUntilStopped(queue, handlers, { worker: 'w-abrupt', concurrency: 1, pollMs: 50 }, signals, quiet);
    await running;
    signals.emit('SIGINT');
    signals.emit('SIGINT');
    await working;
    assert.equal(signals.listenerCount('SIGINT'), 0, 'no listener left behind');
    const other = await open();
    try {
      assert.ok((await other.resume()) >= 1);
      const job = await other.get(id);
      assert.equal(job?.state, 'queued', 'back in the queue, not failed');
      assert.equal((await other.claim(['abrupt'], 'w-next'))?.id, id);
    } finally {
      await other.close();
    }
  });
});
