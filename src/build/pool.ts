/**
 * A small process pool: a fixed set of child processes, each taking the next task as soon as it
 * is free, so a long episode never holds up the others.
 *
 * Why processes rather than worker threads: Flite's WebAssembly build recurses deeply, and inside
 * a worker thread (smaller native stack) it crashes the whole Node process at random. A child
 * process has a main thread's stack, and if one ever dies only its task fails.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Pool<Task, Result> {
  run(task: Task): Promise<Result>;
  close(): Promise<void>;
}

interface Job<Task, Result> {
  id: number;
  task: Task;
  resolve(result: Result): void;
  reject(error: Error): void;
}

type Reply<Result> = { id: number; result?: Result; error?: string };

export interface PoolOptions<Task> {
  deadlineMs?: (task: Task) => number;
  retries?: number;
  closeTimeoutMs?: number;
  onRetry?: (task: Task, reason: string) => void;
}

export function createPool<Task, Result>(
  script: URL,
  size: number,
  args: string[] = [],
  _options: PoolOptions<Task> = {},
): Pool<Task, Result> {
  const queue: Job<Task, Result>[] = [];
  const idle: ChildProcess[] = [];
  const busy = new Map<ChildProcess, Job<Task, Result>>();
  const children = new Set<ChildProcess>();
  let nextId = 0;
  let closed = false;

  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const child = idle.pop()!;
      const job = queue.shift()!;
      busy.set(child, job);
      child.send({ id: job.id, task: job.task });
    }
  };

  const spawn = () => {
    // 'advanced' serialisation carries typed arrays (the MP3 bytes) without base64 or JSON.
    const child = fork(fileURLToPath(script), args, { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    children.add(child);
    idle.push(child);
    child.on('message', (reply: Reply<Result>) => {
      const job = busy.get(child);
      busy.delete(child);
      idle.push(child);
      if (job) {
        if (reply.error !== undefined) job.reject(new Error(reply.error));
        else job.resolve(reply.result as Result);
      }
      dispatch();
    });
    child.on('exit', (code, signal) => {
      children.delete(child);
      idle.splice(idle.indexOf(child) >>> 0, idle.includes(child) ? 1 : 0);
      const job = busy.get(child);
      busy.delete(child);
      if (closed) return;
      job?.reject(new Error(`speech worker stopped (${signal ?? `exit code ${code}`})`));
      // Replace the lost worker so the remaining tasks still run.
      spawn();
      dispatch();
    });
  };

  return {
    run(task) {
      if (closed) return Promise.reject(new Error('pool is closed'));
      // Workers start on first use: a build with everything cached never pays for loading the engine.
      while (children.size < size) spawn();
      return new Promise<Result>((resolve, reject) => {
        queue.push({ id: nextId++, task, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      await Promise.all(
        [...children].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.disconnect();
            }),
        ),
      );
    },
  };
}
