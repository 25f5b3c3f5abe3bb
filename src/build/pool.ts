/**
 * A small process pool: a fixed set of child processes, each taking the next task as soon as it
 * is free, so a long episode never holds up the others.
 *
 * Why processes rather than worker threads: Flite's WebAssembly build recurses deeply, and inside
 * a worker thread (smaller native stack) it crashes the whole Node process at random. A child
 * process has a main thread's stack, and if one ever dies only its task fails.
 *
 * Why deadlines, retries and a bounded close: even in a process, Flite is known to die of SIGSEGV
 * at random, and a worker stuck in native code can neither answer nor notice that it should stop.
 * Without a guard one such worker fails the whole build, or blocks it (and its close) forever.
 * So a worker that dies, or misses its task's deadline, is killed and replaced, and its task runs
 * again on the fresh worker: a random crash rarely strikes twice. An error the worker reports
 * itself (text the engine refuses) would only happen again, so it fails the task at once.
 * Whatever happens to one task, the others run on and settle on their own.
 *
 * Worker protocol: the worker receives `{ id, task }` messages and answers each with
 * `{ id, result }` or `{ id, error }` (a message string); it should exit when the pool disconnects.
 *
 * Example:
 *   const pool = createPool<EpisodeAudioTask, EpisodeAudioResult>(
 *     new URL('./audio-worker.js', import.meta.url), 4, ['flite'],
 *     { deadlineMs: (task) => 30_000 + task.words * 500, onRetry: (task, why) => log(`${task.label}: ${why}, trying again`) },
 *   );
 *   try {
 *     await Promise.all(tasks.map((task) => pool.run(task)));
 *   } finally {
 *     await pool.close();
 *   }
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Pool<Task, Result> {
  run(task: Task): Promise<Result>;
  /**
   * Starts every worker now rather than when the first tasks arrive, so that their start-up (for
   * speech: loading and compiling the engine) overlaps what the caller does before it has tasks.
   */
  start(): void;
  /**
   * Rejects the tasks not yet finished and stops every worker: disconnects, waits up to
   * closeTimeoutMs, then kills what remains. Always resolves, once every worker has exited (or,
   * for a process the kernel cannot end at once, after a further KILL_WAIT_MS).
   */
  close(): Promise<void>;
}

export interface PoolOptions<Task> {
  /**
   * Milliseconds a task may take before its worker is killed; from the task's length. The clock
   * starts when the task is sent, so a fresh worker's start-up counts: leave room for it.
   * Anything but a positive number of at most 2^31 − 1 means no deadline for that task.
   */
  deadlineMs?: (task: Task) => number; // default: no deadline
  /** Attempts after the first, each on a fresh worker, when a worker crashes or misses its deadline. Default 1. */
  retries?: number;
  /**
   * How long close() waits for workers to exit after disconnecting before it kills them (SIGKILL).
   * Default 5000. Also how long a worker that drops its connection mid-task may take to exit by
   * itself (so its real exit reason is reported) before it is killed.
   */
  closeTimeoutMs?: number;
  /** Called when a task is retried, with a one-line reason (for the build's progress output). */
  onRetry?: (task: Task, reason: string) => void;
}

interface Job<Task, Result> {
  id: number;
  task: Task;
  deadlineMs: number | undefined;
  /** Why each earlier attempt failed, oldest first. */
  failures: string[];
  resolve(result: Result): void;
  reject(error: Error): void;
}

interface Worker<Task, Result> {
  child: ChildProcess;
  job?: Job<Task, Result>;
  deadline?: NodeJS.Timeout;
  /** Running after the worker dropped its connection mid-task: the time it has to exit by itself. */
  grace?: NodeJS.Timeout;
}

type Reply<Result> = { id: number; result?: Result; error?: string };

// The pool runs speech, and its messages reach the user in the build's output: name what they know.
const WORKER = 'speech worker';
/** setTimeout fires at once for anything longer. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * How long close() waits for killed workers to be gone. SIGKILL cannot be ignored: this waits only
 * for the kernel to end the process and for Node to see it, which on a busy machine is not instant.
 * Bounded all the same, for a process stuck in uninterruptible I/O.
 */
const KILL_WAIT_MS = 5000;

export function createPool<Task, Result>(
  script: URL,
  size: number,
  args: string[] = [],
  options: PoolOptions<Task> = {},
): Pool<Task, Result> {
  if (!(size >= 1)) throw new RangeError(`a pool needs at least one worker, not ${size}`);
  const retries = options.retries ?? 1;
  const closeTimeoutMs = options.closeTimeoutMs ?? 5000;
  // NaN retries would retry for ever; a timeout past setTimeout's range would fire at once.
  if (!Number.isInteger(retries) || retries < 0) throw new RangeError(`retries must be a whole number ≥ 0, not ${retries}`);
  if (!(closeTimeoutMs >= 0 && closeTimeoutMs <= MAX_TIMER_MS)) {
    throw new RangeError(`closeTimeoutMs must be between 0 and ${MAX_TIMER_MS}, not ${closeTimeoutMs}`);
  }

  const queue: Job<Task, Result>[] = [];
  /** Workers that may take a task: idle or busy. A worker being killed is no longer here. */
  const workers = new Set<Worker<Task, Result>>();
  const idle: Worker<Task, Result>[] = [];
  /** Every process not yet exited, including those being killed: close() waits for all of them. */
  const running = new Set<ChildProcess>();
  const onAllExited = new Set<() => void>();
  let nextId = 0;
  let closed = false;
  let closing: Promise<void> | undefined;

  const exited = (child: ChildProcess) => {
    running.delete(child);
    if (running.size === 0) for (const notify of [...onAllExited]) notify();
  };

  /** Resolves true once every process has exited, or false after `ms`. */
  const allExited = (ms: number) =>
    new Promise<boolean>((resolve) => {
      if (running.size === 0) return resolve(true);
      const done = (result: boolean) => {
        clearTimeout(timer);
        onAllExited.delete(notify);
        resolve(result);
      };
      const notify = () => done(true);
      // When a starved event loop wakes, timers run before exits are seen; let those come first.
      const timer = setTimeout(() => setImmediate(() => done(running.size === 0)), ms);
      onAllExited.add(notify);
    });

  const kill = (child: ChildProcess) => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };

  /** Gives up on a worker: kills it, and retries its task on a fresh worker or rejects it. */
  const fail = (worker: Worker<Task, Result>, reason: string) => {
    if (!workers.delete(worker)) return; // already given up on, or the pool is closing
    clearTimeout(worker.deadline);
    clearTimeout(worker.grace);
    const at = idle.indexOf(worker);
    if (at >= 0) idle.splice(at, 1);
    kill(worker.child);
    const job = worker.job;
    worker.job = undefined;
    if (job) {
      job.failures.push(reason);
      if (job.failures.length > retries) {
        job.reject(new Error(describeFailures(job.failures)));
      } else {
        // A fresh process rather than the next free one: whatever broke the last one (memory,
        // engine state) is gone, and the retry does not wait behind the queue.
        assign(spawn(), job);
        options.onRetry?.(job.task, `${WORKER} ${reason}`);
      }
    }
    dispatch();
  };

  const assign = (worker: Worker<Task, Result>, job: Job<Task, Result>) => {
    worker.job = job;
    worker.child.send({ id: job.id, task: job.task }, (error) => {
      if (error) fail(worker, `could not be given its task (${error.message})`);
    });
    const ms = job.deadlineMs;
    if (ms !== undefined) {
      // Unref: a pending task is kept alive by its worker's channel, not by its deadline.
      worker.deadline = setTimeout(() => fail(worker, `did not finish within ${formatMs(ms)}`), ms).unref();
    }
  };

  const dispatch = () => {
    while (!closed && queue.length > 0) {
      const worker = idle.pop() ?? (workers.size < size ? spawn() : undefined);
      if (!worker) return;
      assign(worker, queue.shift()!);
    }
  };

  const spawn = (): Worker<Task, Result> => {
    // 'advanced' serialisation carries typed arrays (the MP3 bytes) without base64 or JSON.
    const child = fork(fileURLToPath(script), args, { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const worker: Worker<Task, Result> = { child };
    workers.add(worker);
    running.add(child);
    child.on('message', (reply: Reply<Result>) => {
      const job = worker.job;
      // A late reply from a worker already given up on, or to an earlier attempt, counts for nothing.
      if (!workers.has(worker) || !job || reply.id !== job.id) return;
      clearTimeout(worker.deadline);
      worker.job = undefined;
      idle.push(worker);
      if (reply.error !== undefined) job.reject(new Error(reply.error));
      else job.resolve(reply.result as Result);
      dispatch();
    });
    child.on('exit', (code, signal) => {
      fail(worker, signal ? `crashed (${signal})` : `exited with code ${code}`);
      exited(child);
    });
    child.on('disconnect', () => {
      if (!workers.has(worker)) return;
      // A worker without its channel can neither take nor answer a task. A dying worker drops its
      // channel before its exit is seen, so give it a moment to exit and report how it died.
      if (!worker.job) fail(worker, 'closed its connection');
      else worker.grace = setTimeout(() => fail(worker, 'closed its connection without replying'), closeTimeoutMs).unref();
    });
    child.on('error', (error) => {
      // Only a process that never started ends here without an 'exit' to follow; other errors
      // (a signal to a process already gone) change nothing the 'exit' handler does not see.
      if (child.pid !== undefined) return;
      fail(worker, `could not start (${error.message})`);
      exited(child);
    });
    return worker;
  };

  const shutDown = async () => {
    closed = true;
    for (const job of queue.splice(0)) job.reject(new Error('the pool was closed before this task started'));
    for (const worker of workers) {
      clearTimeout(worker.deadline);
      clearTimeout(worker.grace);
      worker.job?.reject(new Error('the pool was closed before this task finished'));
      worker.job = undefined;
      if (worker.child.connected) worker.child.disconnect();
    }
    workers.clear();
    idle.length = 0;
    if (await allExited(closeTimeoutMs)) return;
    // A worker stuck in native code never sees the disconnect.
    for (const child of running) kill(child);
    // Until they are gone (reaped, not zombies): no worker outlives close().
    await allExited(KILL_WAIT_MS);
  };

  return {
    run(task) {
      if (closed) return Promise.reject(new Error('the pool is closed; it runs no more tasks'));
      return new Promise<Result>((resolve, reject) => {
        const ms = options.deadlineMs?.(task);
        const deadlineMs = ms !== undefined && ms > 0 && ms <= MAX_TIMER_MS ? ms : undefined;
        queue.push({ id: nextId++, task, deadlineMs, failures: [], resolve, reject });
        // Workers start on first use: a build with everything cached never pays for loading the engine.
        dispatch();
      });
    },
    start() {
      // Tasks already queued have started workers of their own (see dispatch): only idle ones are added.
      while (!closed && workers.size < size) idle.push(spawn());
    },
    close() {
      closing ??= shutDown();
      return closing;
    },
  };
}

/** "speech worker crashed (SIGSEGV), twice"; "speech worker crashed (SIGSEGV), then did not finish within 90 s". */
function describeFailures(reasons: string[]): string {
  const first = reasons[0]!;
  if (reasons.some((reason) => reason !== first)) return `${WORKER} ${reasons.join(', then ')}`;
  const times = reasons.length === 1 ? '' : reasons.length === 2 ? ', twice' : `, ${reasons.length} times`;
  return `${WORKER} ${first}${times}`;
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;
}
