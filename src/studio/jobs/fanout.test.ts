/**
 * A step split into parts, on a real PostgreSQL queue with the real runner: one worker with one
 * slot finishes it, a cancelled step cancels its parts, a part failing after its retries fails the
 * step with its reason, and a step run again adopts its parts instead of queueing them twice.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { TEST_TUNING } from './jobs.contract.js';
import { cancelWithChildren, fanOut, isChild } from './fanout.js';
import type { Job, JobHandler, JobQueue } from './jobs.js';
import { openPostgresQueue } from './postgres.js';
import { runJobs } from './runner.js';
import { startTestPostgres } from './test-postgres.js';

const pg = await startTestPostgres();

describe('a step split into parts', { timeout: 120_000 }, () => {
  if ('unavailable' in pg) {
    it('runs against a real PostgreSQL', { skip: pg.unavailable }, () => {});
    return;
  }
  after(() => pg.stop());
  let count = 0;
  /** Kinds no other test uses, so each test sees only its own jobs. */
  const kinds = () => ({ step: `step-${++count}`, part: `part-${count}` });
  const open = () => openPostgresQueue(pg.url, { ...TEST_TUNING, retries: 1, retryDelaySeconds: 1, schema: pg.schema });
  const quick = { pollMs: 50, resumeMs: 200 };

  /**
   * A step of three parts, numbered 1 to 3, less those in `finished`: as the studio's steps ask the
   * folder on disk what is still to do, so a part done before a rerun is not asked for again.
   */
  const step = (part: string, finished: ReadonlySet<number> = new Set()): JobHandler => async (_job, context) => {
    const parts = [1, 2, 3].filter((n) => !finished.has(n)).map((n) => ({ part: String(n), payload: { n } }));
    const children = await fanOut(context, part, parts, { line: (done, total) => `${done} of ${total} parts`, pollMs: 50 });
    return children.map((c) => c.result);
  };
  const until = async (queue: JobQueue, id: string, states: Job['state'][]) => {
    for (;;) {
      const job = await queue.get(id);
      if (job && states.includes(job.state)) return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const partsOf = async (queue: JobQueue, kind: string) => (await queue.list({ kind })).filter(isChild);

  it('is finished by one worker running one job at a time: the waiting step holds no slot', async () => {
    const queue = await open();
    const { step: s, part: p } = kinds();
    const runner = runJobs(queue, { [s]: step(p), [p]: async (job) => (job.payload as { n: number }).n * 10 }, { ...quick, concurrency: 1 });
    try {
      const id = await queue.enqueue(s, {});
      const done = await until(queue, id, ['done', 'failed']);
      assert.equal(done.state, 'done', done.error);
      assert.deepEqual(done.result, [10, 20, 30]);
      assert.deepEqual(done.progress, { done: 3, total: 3, line: '3 of 3 parts' });
      const parts = await partsOf(queue, p);
      assert.deepEqual(parts.map((j) => [(j.payload as { parent: string }).parent, j.state]), [[id, 'done'], [id, 'done'], [id, 'done']]);
    } finally {
      await runner.stop({ abort: true });
      await queue.close();
    }
  });

  it('runs at most one part at a time when the worker limits that kind to one, with slots to spare', async () => {
    const queue = await open();
    const { step: s, part: p } = kinds();
    let now = 0;
    let most = 0;
    const part: JobHandler = async () => {
      most = Math.max(most, ++now);
      await new Promise((resolve) => setTimeout(resolve, 150));
      now--;
    };
    const runner = runJobs(queue, { [s]: step(p), [p]: part }, { ...quick, concurrency: 3, perKind: { [p]: 1 } });
    try {
      const done = await until(queue, await queue.enqueue(s, {}), ['done', 'failed']);
      assert.equal(done.state, 'done', done.error);
      assert.equal(most, 1);
    } finally {
      await runner.stop({ abort: true });
      await queue.close();
    }
  });

  it('cancels its parts not yet done when the step is cancelled', async () => {
    const queue = await open();
    const { step: s, part: p } = kinds();
    const blocked: JobHandler = (_job, { signal }) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
    const runner = runJobs(queue, { [s]: step(p), [p]: blocked }, { ...quick, concurrency: 2 });
    try {
      const id = await queue.enqueue(s, {});
      while ((await partsOf(queue, p)).filter((j) => j.state === 'running').length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
      // The step alone is cancelled, as by a worker that cannot see its parts: the step cancels them.
      await queue.cancel(id);
      for (;;) {
        const states = (await partsOf(queue, p)).map((j) => j.state);
        if (states.length === 3 && states.every((state) => state === 'cancelled')) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal((await queue.get(id))?.state, 'cancelled');
    } finally {
      await runner.stop({ abort: true });
      await queue.close();
    }
  });

  it('fails with the reason of a part that failed after its retries, once the other parts are done', async () => {
    const queue = await open();
    const { step: s, part: p } = kinds();
    const part: JobHandler = async (job) => {
      if ((job.payload as { n: number }).n === 2) throw new Error('episode 2 has no voice');
      return 'spoken';
    };
    const runner = runJobs(queue, { [s]: step(p), [p]: part }, { ...quick, concurrency: 2 });
    try {
      const id = await queue.enqueue(s, {}, { retries: 0 });
      const failed = await until(queue, id, ['done', 'failed']);
      assert.equal(failed.state, 'failed');
      assert.equal(failed.error, 'episode 2 has no voice');
      const parts = await partsOf(queue, p);
      assert.deepEqual(parts.map((j) => [j.state, j.attempts]), [['done', 1], ['failed', 2], ['done', 1]], 'the failing part was tried again once');
      // The Cancel button on a failed step leaves its finished parts as they are.
      await cancelWithChildren(queue, id);
      assert.deepEqual((await partsOf(queue, p)).map((j) => j.state), ['done', 'failed', 'done']);
    } finally {
      await runner.stop({ abort: true });
      await queue.close();
    }
  });

  it('run again after its worker stopped, adopts its parts still queued instead of queueing them twice', async () => {
    const { step: s, part: p } = kinds();
    const first = await open();
    // This worker runs steps only: the parts wait in the queue.
    const stepsOnly = runJobs(first, { [s]: step(p) }, { ...quick, concurrency: 1 });
    const id = await first.enqueue(s, {});
    while ((await partsOf(first, p)).length < 3) await new Promise((resolve) => setTimeout(resolve, 50));
    // Stopped gracefully, the worker does not wait for parts it does not run: the step goes back.
    await stepsOnly.stop();
    await first.close();

    const second = await open();
    // The second worker may run a part before it takes the step again.
    const finished = new Set<number>();
    const part: JobHandler = async (job) => void finished.add((job.payload as { n: number }).n);
    const runner = runJobs(second, { [s]: step(p, finished), [p]: part }, { ...quick, concurrency: 1 });
    try {
      const done = await until(second, id, ['done', 'failed']);
      assert.equal(done.state, 'done', done.error);
      assert.equal(done.attempts, 2, 'the step ran twice');
      const parts = await partsOf(second, p);
      assert.equal(parts.length, 3, 'each part queued once');
      assert.ok(parts.every((j) => j.state === 'done' && j.attempts === 1));
    } finally {
      await runner.stop({ abort: true });
      await second.close();
    }
  });
});
