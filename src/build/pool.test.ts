import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { FixtureResult, FixtureTask } from './pool-fixture-worker.js';
import { createPool, type Pool, type PoolOptions } from './pool.js';

const fixture = new URL('./pool-fixture-worker.js', import.meta.url);

/** Ample for anything here to happen; a test that waits longer has hung. */
const HUNG = { timeout: 30_000 };

interface Workers {
  /** Pids of every worker started so far, in no particular order. */
  started(): Promise<number[]>;
  /** A path for a task's marker file. */
  marker(name: string): string;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Resolves once the process has gone; rejects if it is still running after a generous 10 s. */
async function exits(pid: number): Promise<void> {
  for (const until = Date.now() + 10_000; isRunning(pid); ) {
    if (Date.now() > until) throw new Error(`process ${pid} is still running`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Runs `body` with a pool of fixture workers, then closes the pool and checks that no worker it
 * ever started is still running — a promise every test here relies on.
 */
async function withPool(
  size: number,
  options: PoolOptions<FixtureTask>,
  body: (pool: Pool<FixtureTask, FixtureResult>, workers: Workers) => Promise<void>,
  extraArgs: string[] = [],
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ninety-pool-'));
  const pidDir = join(dir, 'pids');
  await mkdir(pidDir);
  const workers: Workers = {
    started: async () => (await readdir(pidDir)).map(Number),
    marker: (name) => join(dir, name),
  };
  const pool = createPool<FixtureTask, FixtureResult>(fixture, size, ['--pid-dir', pidDir, ...extraArgs], options);
  let failed = false;
  try {
    await body(pool, workers);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    await pool.close();
    const left = (await workers.started()).filter(isRunning);
    await rm(dir, { recursive: true, force: true });
    // After a failure, the test's own error says more than this check would.
    if (!failed) assert.deepEqual(left, [], 'no worker is left running after close()');
  }
}

describe('a pool of worker processes', () => {
  it('runs tasks on up to `size` workers and resolves each with its own result', HUNG, async () => {
    await withPool(2, {}, async (pool, workers) => {
      const results = await Promise.all([1, 2, 3, 4, 5].map((value) => pool.run({ action: 'ok', value })));
      assert.deepEqual(
        results.map((r) => r.value),
        [1, 2, 3, 4, 5],
      );
      assert.equal((await workers.started()).length, 2);
    });
  });

  it('starts every worker on start(), before any task, and gives them the tasks that follow', HUNG, async () => {
    await withPool(2, {}, async (pool, workers) => {
      pool.start();
      // Each worker leaves its pid file once it runs; none has been given a task yet.
      for (const until = Date.now() + 20_000; (await workers.started()).length < 2 && Date.now() < until; ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const early = (await workers.started()).sort();
      assert.equal(early.length, 2);
      pool.start(); // a second call starts nothing more
      const results = await Promise.all([1, 2, 3, 4].map((value) => pool.run({ action: 'sleep', ms: 50, value })));
      assert.deepEqual([...new Set(results.map((r) => r.pid))].sort(), early);
      assert.deepEqual((await workers.started()).sort(), early);
    });
  });

  it('kills a worker that misses the deadline and retries the task on a fresh worker', HUNG, async () => {
    const retried: string[] = [];
    // Generous: the retry must finish within it, start-up of the fresh worker included, even on
    // a machine busy with other work.
    const options = { deadlineMs: () => 5000, onRetry: (_: FixtureTask, reason: string) => retried.push(reason) };
    await withPool(1, options, async (pool, workers) => {
      const result = await pool.run({ action: 'hang-once', marker: workers.marker('hung'), value: 'spoken' });
      assert.equal(result.value, 'spoken');
      assert.deepEqual(retried, ['speech worker did not finish within 5 s']);
      const started = await workers.started();
      assert.equal(started.length, 2, 'the retry ran on a second worker');
      // Killed, not merely abandoned: the pool is still open.
      await exits(started.find((pid) => pid !== result.pid)!);
    });
  });

  it('rejects, saying so, a task whose worker misses the deadline twice', HUNG, async () => {
    const retried: string[] = [];
    // Long enough for the queued task's fresh worker to start on a busy machine.
    const options = { deadlineMs: () => 5000, onRetry: (_: FixtureTask, reason: string) => retried.push(reason) };
    await withPool(1, options, async (pool, workers) => {
      const hung = pool.run({ action: 'hang' });
      const queued = pool.run({ action: 'ok', value: 'queued' });
      await assert.rejects(hung, { message: 'speech worker did not finish within 5 s, twice' });
      assert.equal(retried.length, 1);
      // The task queued behind it runs on a fresh worker.
      const after = await queued;
      assert.equal(after.value, 'queued');
      // Killed, not merely abandoned: the pool is still open.
      const started = await workers.started();
      for (const pid of started.filter((pid) => pid !== after.pid)) await exits(pid);
    });
  });

  it('replaces a worker that crashes and the task succeeds on the fresh worker', HUNG, async () => {
    const retried: string[] = [];
    await withPool(2, { onRetry: (_, reason) => retried.push(reason) }, async (pool, workers) => {
      const first = await Promise.all([pool.run({ action: 'ok' }), pool.run({ action: 'ok' })]);
      const result = await pool.run({ action: 'crash-once', marker: workers.marker('crashed'), value: 'spoken' });
      assert.equal(result.value, 'spoken');
      assert.deepEqual(retried, ['speech worker crashed (SIGSEGV)']);
      assert.equal((await workers.started()).length, 3);
      // Fresh: not the other worker, idle at the time.
      assert.ok(!first.some((r) => r.pid === result.pid), 'the retry ran on a new worker');
    });
  });

  it('rejects a task whose worker crashes every time, while the other tasks of the batch resolve', HUNG, async () => {
    await withPool(2, {}, async (pool) => {
      const batch = [
        pool.run({ action: 'ok', value: 1 }),
        pool.run({ action: 'crash' }),
        ...[2, 3, 4, 5, 6].map((value) => pool.run({ action: 'ok', value })),
      ];
      const settled = await Promise.allSettled(batch);
      const crashed = settled[1]!;
      assert.equal(crashed.status, 'rejected');
      assert.equal((crashed.reason as Error).message, 'speech worker crashed (SIGSEGV), twice');
      assert.deepEqual(
        settled.filter((s) => s !== crashed).map((s) => (s.status === 'fulfilled' ? s.value.value : s.reason)),
        [1, 2, 3, 4, 5, 6],
      );
    });
  });

  it('gives a task `retries` attempts after the first, each on a fresh worker', HUNG, async () => {
    const retried: string[] = [];
    await withPool(1, { retries: 2, onRetry: (_, reason) => retried.push(reason) }, async (pool, workers) => {
      await assert.rejects(pool.run({ action: 'crash' }), { message: 'speech worker crashed (SIGSEGV), 3 times' });
      assert.equal(retried.length, 2);
      assert.equal((await workers.started()).length, 3);
    });
    await withPool(1, { retries: 0 }, async (pool, workers) => {
      await assert.rejects(pool.run({ action: 'crash-once', marker: workers.marker('crashed') }), {
        message: 'speech worker crashed (SIGSEGV)',
      });
    });
  });

  it('rejects at once, without a retry, a task whose worker reports an error', HUNG, async () => {
    const retried: string[] = [];
    await withPool(1, { onRetry: (_, reason) => retried.push(reason) }, async (pool, workers) => {
      await assert.rejects(pool.run({ action: 'error', message: 'the engine cannot say this' }), {
        message: 'the engine cannot say this',
      });
      assert.deepEqual(retried, []);
      // The worker was fine, so it goes on serving.
      const after = await pool.run({ action: 'ok' });
      assert.deepEqual(await workers.started(), [after.pid]);
    });
  });

  it('forgets the deadline of a task that finished in time, so it cannot kill the next task', HUNG, async () => {
    const retried: string[] = [];
    // Only the 'timed' task has a deadline; it is long past while the next task still runs.
    const deadlineMs = (task: FixtureTask) => (task.action === 'ok' && task.value === 'timed' ? 2500 : Infinity);
    await withPool(1, { deadlineMs, onRetry: (_, reason) => retried.push(reason) }, async (pool, workers) => {
      await pool.run({ action: 'ok', value: 'warm-up' }); // so that start-up does not count against 'timed'
      await pool.run({ action: 'ok', value: 'timed' });
      await pool.run({ action: 'sleep', ms: 5000 });
      assert.deepEqual(retried, []);
      assert.equal((await workers.started()).length, 1);
    });
  });

  it('kills a worker that drops its connection mid-task, and retries the task', HUNG, async () => {
    await withPool(1, { closeTimeoutMs: 300 }, async (pool, workers) => {
      await assert.rejects(pool.run({ action: 'disconnect' }), {
        message: 'speech worker closed its connection without replying, twice',
      });
      assert.equal((await workers.started()).length, 2);
    });
  });
});

describe('creating a pool', () => {
  it('refuses a size, retries or close timeout that would hang, retry for ever or kill at once', () => {
    assert.throws(() => createPool(fixture, 0), RangeError);
    assert.throws(() => createPool(fixture, 1, [], { retries: Number.NaN }), RangeError);
    assert.throws(() => createPool(fixture, 1, [], { retries: -1 }), RangeError);
    assert.throws(() => createPool(fixture, 1, [], { closeTimeoutMs: 2 ** 31 }), RangeError);
  });
});

describe('closing a pool', () => {
  it('returns within its bound when workers ignore the disconnect, and leaves none running', HUNG, async () => {
    await withPool(
      2,
      { closeTimeoutMs: 500 },
      async (pool, workers) => {
        await Promise.all([pool.run({ action: 'ok' }), pool.run({ action: 'ok' })]);
        const started = await workers.started();
        assert.equal(started.length, 2);
        const stuck = pool.run({ action: 'hang' }).catch(() => undefined);
        let bound: NodeJS.Timeout | undefined;
        const outcome = await Promise.race([
          pool.close().then(() => 'closed'),
          // 500 ms to wait, then a kill: ten seconds is far past the bound, on any machine.
          new Promise((resolve) => (bound = setTimeout(resolve, 10_000, 'still waiting'))),
        ]);
        clearTimeout(bound);
        assert.equal(outcome, 'closed');
        // Checked at once: not even an unreaped zombie may remain when close() resolves.
        assert.deepEqual(started.filter(isRunning), []);
        await stuck;
      },
      ['--ignore-disconnect'],
    );
  });

  it('rejects the tasks running or queued, and any task run afterwards', HUNG, async () => {
    await withPool(1, { closeTimeoutMs: 500 }, async (pool) => {
      const running = assert.rejects(pool.run({ action: 'hang' }), { message: 'the pool was closed before this task finished' });
      const queued = assert.rejects(pool.run({ action: 'ok' }), { message: 'the pool was closed before this task started' });
      await pool.close();
      await running;
      await queued;
      await assert.rejects(pool.run({ action: 'ok' }), { message: 'the pool is closed; it runs no more tasks' });
    });
  });
});
