/**
 * The contract every job store passes. A store's own test file calls `jobsContract` with a way to
 * open queues on one store; nothing here knows which store it is testing. Each test uses job kinds
 * of its own, so tests share one store (PGlite takes seconds to open) without seeing each other's jobs.
 *
 * @example
 *   jobsContract('embedded (PGlite)', async () => ({ open: (t) => openEmbeddedQueue(folder, t), concurrent: false }));
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Job, JobQueue } from './jobs.js';
import type { QueueTuning } from './pgboss-queue.js';
import { runJobs } from './runner.js';

export interface ContractStore {
  /** Opens a queue on the store; after close(), opens it again (a restarted process). */
  open(tuning: QueueTuning): Promise<JobQueue>;
  /** Whether two queues can be open on the store at once, as processes on several machines are. */
  concurrent: boolean;
  dispose?(): Promise<void>;
}

/** Short enough for tests: a retry waits 1–2 s (pg-boss's backoff has a floor of one second). */
export const TEST_TUNING: QueueTuning = { retries: 2, retryDelaySeconds: 1, heartbeatMs: 200, staleMs: 1500 };

export function jobsContract(label: string, setup: () => Promise<ContractStore>): void {
  describe(`job queue contract: ${label}`, () => {
    let store: ContractStore;
    let queue: JobQueue;
    let count = 0;
    /** A kind no other test uses. */
    const kind = (name: string) => `${name}-${Date.now().toString(36)}-${++count}`;

    const reopen = async () => {
      await queue.close();
      queue = await store.open(TEST_TUNING);
    };

    /** Polls until `check` holds, or fails saying what was awaited. */
    const until = async <T>(what: string, read: () => Promise<T>, check: (value: T) => boolean, ms = 10_000) => {
      const giveUp = Date.now() + ms;
      for (;;) {
        const value = await read();
        if (check(value)) return value;
        if (Date.now() > giveUp) assert.fail(`timed out waiting for ${what}; last seen: ${JSON.stringify(value)}`);
        await sleep(50);
      }
    };

    before(async () => {
      store = await setup();
      queue = await store.open(TEST_TUNING);
    });
    after(async () => {
      await queue?.close();
      await store?.dispose?.();
    });

    it('queues a job that a worker claims, runs and completes, keeping payload and result', async () => {
      const voice = kind('voice');
      const id = await queue.enqueue(voice, { episode: 3, lines: ['one', 'two'] });
      const queued = await queue.get(id);
      assert.equal(queued?.state, 'queued');
      assert.equal(queued?.attempts, 0);
      assert.deepEqual(queued?.payload, { episode: 3, lines: ['one', 'two'] });

      const claimed = await queue.claim([voice], 'w1');
      assert.equal(claimed?.id, id);
      assert.equal(claimed?.kind, voice);
      assert.equal(claimed?.state, 'running');
      assert.equal(claimed?.attempts, 1);
      assert.equal(claimed?.worker, 'w1');
      assert.deepEqual(claimed?.payload, { episode: 3, lines: ['one', 'two'] });
      assert.equal(await queue.claim([voice], 'w2'), undefined, 'a running job is not claimed again');

      await queue.complete(id, { mp3: 'audio/03.mp3' });
      const done = await queue.get(id);
      assert.equal(done?.state, 'done');
      assert.deepEqual(done?.result, { mp3: 'audio/03.mp3' });
      assert.ok(done!.updatedAt >= done!.createdAt);
    });

    it('keeps payloads that are not objects (arrays, strings) intact', async () => {
      const k = kind('shapes');
      const a = await queue.enqueue(k, ['a', 'b']);
      const b = await queue.enqueue(k, 'plain text');
      assert.deepEqual((await queue.get(a))?.payload, ['a', 'b']);
      assert.equal((await queue.get(b))?.payload, 'plain text');
    });

    it('claims nothing when no job of those kinds waits, and knows no job by an unknown id', async () => {
      assert.equal(await queue.claim([kind('empty')], 'w1'), undefined);
      assert.equal(await queue.get('00000000-0000-4000-8000-000000000000'), undefined);
      assert.equal(await queue.get('not-an-id'), undefined);
    });

    it('gives each job to one worker only when two claim at once', async () => {
      const k = kind('race');
      const ids = new Set<string>();
      for (let i = 0; i < 12; i++) ids.add(await queue.enqueue(k, { i }));
      const other = store.concurrent ? await store.open(TEST_TUNING) : queue;
      try {
        const take = async (from: JobQueue, worker: string) => {
          const got: string[] = [];
          for (let job = await from.claim([k], worker); job; job = await from.claim([k], worker)) got.push(job.id);
          return got;
        };
        // Two claims at the same moment each get a job: neither waits for the other's lock. (Draining
        // alone cannot show that: on a busy machine one worker may empty the queue before the other starts.)
        const [a, b] = await Promise.all([queue.claim([k], 'a'), other.claim([k], 'b')]);
        assert.ok(a && b, 'both workers got a job from claims made at once');
        const [first, second] = await Promise.all([take(queue, 'a'), take(other, 'b')]);
        const all = [a.id, b.id, ...first, ...second];
        assert.equal(all.length, 12, 'every job claimed');
        assert.deepEqual(new Set(all), ids, 'each job claimed exactly once');
      } finally {
        if (other !== queue) await other.close();
      }
    });

    it('retries a failed job after a backoff, fails it with its reason when retries run out, and retry() queues it again', async () => {
      const k = kind('flaky');
      const id = await queue.enqueue(k, {}, { retries: 1 });
      await queue.claim([k], 'w1');
      await queue.fail(id, 'the speech server answered 503');
      const waiting = await queue.get(id);
      assert.equal(waiting?.state, 'queued');
      assert.equal(waiting?.error, 'the speech server answered 503', 'the reason shows while it waits');
      const failedAt = Date.now();
      assert.equal(await queue.claim([k], 'w1'), undefined, 'not claimed again before its backoff');

      const again = await until('the retry to be claimable', () => queue.claim([k], 'w1'), (job) => job !== undefined);
      assert.ok(Date.now() - failedAt >= 800, `retried after ${Date.now() - failedAt} ms`);
      assert.equal(again?.attempts, 2);
      await queue.fail(id, 'the speech server answered 503 again');
      const failed = await queue.get(id);
      assert.equal(failed?.state, 'failed');
      assert.equal(failed?.error, 'the speech server answered 503 again');
      assert.equal(failed?.attempts, 2);
      await sleep(2500);
      assert.equal(await queue.claim([k], 'w1'), undefined, 'a failed job is not retried on its own');

      await queue.retry(id);
      assert.equal((await queue.get(id))?.state, 'queued');
      const retried = await queue.claim([k], 'w1');
      assert.equal(retried?.id, id);
      assert.equal(retried?.attempts, 3);
      await queue.complete(id);
      assert.equal((await queue.get(id))?.state, 'done');
    });

    it('cancels a queued job so no worker claims it, and retry() brings it back', async () => {
      const k = kind('cancel');
      const id = await queue.enqueue(k, {});
      await queue.cancel(id);
      assert.equal((await queue.get(id))?.state, 'cancelled');
      assert.equal(await queue.claim([k], 'w1'), undefined);
      await queue.retry(id);
      assert.equal((await queue.claim([k], 'w1'))?.id, id);
    });

    it('runs a job through the runner: progress is readable while it runs and kept after, the result stored', async () => {
      const k = kind('progress');
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const runner = runJobs(
        queue,
        {
          [k]: async (job, { progress }) => {
            await progress({ done: 1, total: 3, line: 'sentence 1 of 3' });
            await gate;
            await progress({ done: 3, total: 3 });
            return { words: (job.payload as { text: string }).text.split(' ').length };
          },
        },
        { worker: 'runner-1', pollMs: 50 },
      );
      try {
        const id = await queue.enqueue(k, { text: 'three short words' });
        const running = await until('progress', () => queue.get(id), (job) => job?.progress?.done === 1);
        assert.equal(running?.state, 'running');
        assert.equal(running?.worker, 'runner-1');
        assert.deepEqual(running?.progress, { done: 1, total: 3, line: 'sentence 1 of 3' });
        release();
        const done = await until('the job to finish', () => queue.get(id), (job) => job?.state === 'done');
        assert.deepEqual(done?.result, { words: 3 });
        assert.deepEqual(done?.progress, { done: 3, total: 3 });
      } finally {
        release();
        await runner.stop();
      }
    });

    it('fails a job whose handler throws, after its retries, with the error as its reason', async () => {
      const k = kind('throws');
      let calls = 0;
      const runner = runJobs(
        queue,
        {
          [k]: async () => {
            calls++;
            throw new Error('no voice called "nobody"');
          },
        },
        { worker: 'runner-2', pollMs: 50 },
      );
      try {
        const id = await queue.enqueue(k, {}, { retries: 0 });
        const failed = await until('the job to fail', () => queue.get(id), (job) => job?.state === 'failed');
        assert.equal(failed?.error, 'no voice called "nobody"');
        assert.equal(calls, 1);
      } finally {
        await runner.stop();
      }
    });

    it('aborts the handler of a running job that is cancelled, and leaves the job cancelled', async () => {
      const k = kind('abort');
      let started!: () => void;
      const running = new Promise<void>((resolve) => (started = resolve));
      let sawAbort = false;
      let giveUp = (_error: Error) => {};
      const runner = runJobs(
        queue,
        {
          [k]: (_job, { signal }) =>
            new Promise((_resolve, reject) => {
              giveUp = reject;
              started();
              signal.addEventListener('abort', () => {
                sawAbort = true;
                reject(signal.reason as Error);
              });
            }),
        },
        { worker: 'runner-3', pollMs: 50 },
      );
      try {
        const id = await queue.enqueue(k, {});
        await running;
        await queue.cancel(id);
        await until('the handler to see the abort', async () => sawAbort, (seen) => seen);
        await runner.stop();
        assert.equal((await queue.get(id))?.state, 'cancelled', 'not failed by the aborted handler');
      } finally {
        // Should the abort never come, the handler still ends, so the test fails instead of hanging.
        giveUp(new Error('the test is over'));
        await runner.stop();
      }
    });

    it('takes back the job of a process that died mid-job, and leaves a live one’s alone', async () => {
      const k = kind('crash');
      const id = await queue.enqueue(k, { episode: 7 });
      assert.equal((await queue.claim([k], 'doomed'))?.id, id);
      await queue.progress(id, { done: 2, total: 10 });
      if (store.concurrent) {
        const survivor = await store.open(TEST_TUNING);
        let crashed = false;
        try {
          await survivor.resume();
          assert.equal((await survivor.get(id))?.worker, 'doomed', 'the claimant is alive: its job stays with it');
          assert.equal(await survivor.claim([k], 'other'), undefined);
          await queue.close(); // the claimant goes away without finishing
          crashed = true;
          assert.ok((await survivor.resume()) >= 1);
          assert.equal((await survivor.get(id))?.state, 'queued');
          const again = await survivor.claim([k], 'other');
          assert.equal(again?.id, id);
          assert.equal(again?.attempts, 2);
          await survivor.complete(id);
        } finally {
          await survivor.close();
          if (crashed) queue = await store.open(TEST_TUNING);
        }
      } else {
        await reopen(); // the process ends without finishing; the next one opens the same store
        assert.equal((await queue.get(id))?.state, 'running', 'still marked running until taken back');
        assert.ok((await queue.resume()) >= 1);
        assert.equal((await queue.get(id))?.state, 'queued');
        const again = await queue.claim([k], 'next');
        assert.equal(again?.id, id);
        assert.equal(again?.attempts, 2);
        await queue.complete(id);
      }
      assert.equal((await queue.get(id))?.state, 'done');
    });

    it('takes back the job of a process that stopped sending heartbeats', async (t) => {
      if (!store.concurrent) {
        t.skip('one process owns this store: there is no other process to fall silent');
        return;
      }
      const k = kind('silent');
      // A claimant whose heartbeat is far apart looks dead to a queue that expects one every 1.5 s.
      const silent = await store.open({ ...TEST_TUNING, heartbeatMs: 60_000 });
      try {
        const id = await silent.enqueue(k, {});
        await silent.claim([k], 'silent');
        await queue.resume();
        assert.equal(await queue.claim([k], 'other'), undefined, 'not yet taken for dead');
        await sleep(2000);
        assert.ok((await queue.resume()) >= 1);
        assert.equal((await queue.claim([k], 'other'))?.id, id);
      } finally {
        await silent.close();
      }
    });

    it('takes back a job that ran past its expiry', async () => {
      const k = kind('expiry');
      const id = await queue.enqueue(k, {}, { expireSeconds: 1 });
      await queue.claim([k], 'slow');
      await queue.resume();
      assert.equal(await queue.claim([k], 'other'), undefined, 'left alone within its time');
      await sleep(1300);
      assert.ok((await queue.resume()) >= 1);
      assert.equal((await queue.claim([k], 'other'))?.id, id);
    });

    it('returns the waiting job instead of queueing a duplicate with the same singletonKey', async () => {
      const k = kind('single');
      const first = await queue.enqueue(k, { v: 1 }, { singletonKey: 'episode-3' });
      const second = await queue.enqueue(k, { v: 2 }, { singletonKey: 'episode-3' });
      assert.equal(second, first);
      const other = await queue.enqueue(k, { v: 3 }, { singletonKey: 'episode-4' });
      assert.notEqual(other, first);
      assert.equal((await queue.list({ kind: k })).length, 2);
      // Once it runs, a new request for the same key is a new job (the script may have changed).
      await queue.claim([k], 'w1');
      const later = await queue.enqueue(k, { v: 4 }, { singletonKey: 'episode-3' });
      assert.notEqual(later, first);
    });

    it('lists jobs by kind and state, oldest first', async () => {
      const k = kind('list');
      const a = await queue.enqueue(k, { n: 1 });
      const b = await queue.enqueue(k, { n: 2 });
      const c = await queue.enqueue(k, { n: 3 });
      await queue.claim([k], 'w1');
      await queue.complete(a);
      assert.deepEqual((await queue.list({ kind: k })).map((job) => job.id), [a, b, c]);
      assert.deepEqual((await queue.list({ kind: k, states: ['queued'] })).map((job) => job.id), [b, c]);
      assert.deepEqual((await queue.list({ kind: k, states: ['done', 'failed'] })).map((job) => job.id), [a]);
      assert.ok((await queue.list()).some((job) => job.id === b));
    });

    it('keeps every job and its state across a restart', async () => {
      const k = kind('restart');
      const done = await queue.enqueue(k, { n: 1 }, { retries: 0 });
      const failed = await queue.enqueue(k, { n: 2 }, { retries: 0 });
      const running = await queue.enqueue(k, { n: 3 });
      const waiting = await queue.enqueue(k, { n: 4 });
      await queue.claim([k], 'w1');
      await queue.complete(done, 'ok');
      await queue.claim([k], 'w1');
      await queue.fail(failed, 'out of disk space');
      await queue.claim([k], 'w1');
      await queue.progress(running, { done: 5, total: 9, line: 'halfway' });
      const before = await queue.list({ kind: k });
      assert.deepEqual(
        before.map((job) => job.state),
        ['done', 'failed', 'running', 'queued'],
      );

      await reopen();
      const after = await queue.list({ kind: k });
      assert.deepEqual(after.map(summary), before.map(summary));
      assert.equal(after.find((job) => job.id === done)?.result, 'ok');
      assert.equal(after.find((job) => job.id === failed)?.error, 'out of disk space');
      assert.deepEqual(after.find((job) => job.id === running)?.progress, { done: 5, total: 9, line: 'halfway' });
      assert.equal((await queue.claim([k], 'w2'))?.id, waiting);
    });
  });
}

function summary(job: Job) {
  return { ...job, createdAt: job.createdAt.getTime(), updatedAt: job.updatedAt.getTime() };
}
