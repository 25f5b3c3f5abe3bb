/**
 * Runs jobs: claims them from a queue, hands each to the handler for its kind, records progress,
 * and completes or fails the job with what the handler returned or threw. Handlers are plain
 * functions (the pipeline steps); the runner knows nothing of what they do.
 *
 * A running job is watched: when it is cancelled, or no longer this worker's (it expired and another
 * worker took it), the handler's signal is aborted and its outcome is dropped. At start-up, and now
 * and then, the runner asks the queue to take back the jobs of dead processes. A handler waiting for
 * other jobs (a step split into parts, fanout.ts) gives up its slot while it waits.
 *
 * @example
 *   const runner = runJobs(queue, { 'voice-episode': voiceEpisode }, { worker: 'studio', concurrency: 2 });
 *   …
 *   await runner.stop();                  // waits for running handlers to finish
 *   await runner.stop({ abort: true });   // or aborts them; their jobs go back to the queue
 */
import { hostname } from 'node:os';
import type { Job, JobContext, JobHandler, JobProgress, JobQueue } from './jobs.js';

export interface RunnerOptions {
  /** This worker's name, recorded on the jobs it claims; unique per runner (default host:pid:n). */
  worker?: string;
  /** Jobs run at once (default 1). */
  concurrency?: number;
  /** At most this many jobs of a kind at once, within `concurrency` (say, one episode spoken at a time). */
  perKind?: Readonly<Record<string, number>>;
  /** How often to look for work and for cancellations (default 1000 ms). */
  pollMs?: number;
  /** How often to take back dead processes' jobs (default 30 s; the first time at start). */
  resumeMs?: number;
  /** A problem with the queue itself (the handlers' failures are the jobs' own). */
  onError?: (error: Error) => void;
}

export interface Runner {
  readonly worker: string;
  /** Resolves when every running handler has finished (or, with `abort`, has been told to stop). */
  stop(options?: { abort?: boolean }): Promise<void>;
}

interface Running {
  job: Job;
  controller: AbortController;
  done: Promise<void>;
  /** True while the handler waits for other jobs (context.waiting): it then holds no slot. */
  waiting: boolean;
}

let runners = 0;

export function runJobs(queue: JobQueue, handlers: Readonly<Record<string, JobHandler>>, options: RunnerOptions = {}): Runner {
  const worker = options.worker ?? `${hostname()}:${process.pid}:${++runners}`;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const pollMs = options.pollMs ?? 1000;
  const resumeMs = options.resumeMs ?? 30_000;
  const onError = options.onError ?? ((error: Error) => process.stderr.write(`ninety jobs: ${error.message}\n`));
  const kinds = Object.keys(handlers);
  const running = new Map<string, Running>();
  let stopping = false;
  let wake: (() => void) | undefined;
  let lastResume = 0;

  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  /** Slots taken: running handlers, less those waiting for other jobs. */
  const busy = () => [...running.values()].filter((entry) => !entry.waiting).length;

  const run = (job: Job): Running => {
    const controller = new AbortController();
    const handler = handlers[job.kind]!;
    const context: JobContext = {
      id: job.id,
      signal: controller.signal,
      progress: (progress: JobProgress) => queue.progress(job.id, progress),
      queue,
      async waiting(wait) {
        const entry = running.get(job.id);
        if (!entry) return wait();
        entry.waiting = true;
        if (stopping) controller.abort(new Error('the worker is stopping'));
        wake?.();
        try {
          return await wait();
        } finally {
          // Back to work: for a moment the worker may run one job more than its concurrency.
          entry.waiting = false;
        }
      },
    };
    const done = (async () => {
      let outcome: { ok: true; value: unknown } | { ok: false; error: string };
      try {
        outcome = { ok: true, value: await handler(job, context) };
      } catch (error) {
        outcome = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      // Cancelled, taken over or stopping at once: the job's state is already someone else's to say.
      if (controller.signal.aborted) return;
      try {
        if (outcome.ok) await queue.complete(job.id, outcome.value);
        else await queue.fail(job.id, outcome.error);
      } catch (error) {
        onError(error as Error);
      }
    })().finally(() => {
      running.delete(job.id);
      wake?.();
    });
    return { job, controller, done, waiting: false };
  };

  /** Aborts handlers whose job was cancelled or is no longer this worker's. */
  const watch = async () => {
    for (const entry of running.values()) {
      if (entry.controller.signal.aborted) continue;
      const now = await queue.get(entry.job.id);
      if (!now || now.state !== 'running' || now.worker !== worker) {
        const why = now?.state === 'cancelled' ? 'the job was cancelled' : 'the job is no longer this worker’s';
        entry.controller.abort(new Error(why));
      }
    }
  };

  const loop = (async () => {
    while (!stopping) {
      try {
        if (Date.now() - lastResume >= resumeMs) {
          lastResume = Date.now();
          await queue.resume();
        }
        await watch();
        let claimed = false;
        while (!stopping && busy() < concurrency) {
          const open = kinds.filter((kind) => [...running.values()].filter((e) => e.job.kind === kind).length < (options.perKind?.[kind] ?? Infinity));
          if (open.length === 0) break;
          const job = await queue.claim(open, worker);
          if (!job) break;
          claimed = true;
          running.set(job.id, run(job));
        }
        if (!claimed && !stopping) await nap(pollMs);
      } catch (error) {
        onError(error as Error);
        if (!stopping) await nap(pollMs);
      }
    }
  })();

  let stopped: Promise<void> | undefined;
  return {
    worker,
    stop({ abort = false } = {}) {
      stopping = true;
      wake?.();
      // A step waiting for its parts would wait on a worker that takes no more: it goes back to
      // the queue at once, and the step run again adopts its parts.
      for (const entry of running.values()) if (abort || entry.waiting) entry.controller.abort(new Error('the worker is stopping'));
      // A second call (say, after a second Ctrl-C with abort) waits for the same end.
      stopped ??= (async () => {
        await loop;
        while (running.size > 0) await Promise.all([...running.values()].map((entry) => entry.done));
      })();
      return stopped;
    },
  };
}
