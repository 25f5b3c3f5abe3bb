/**
 * A small worker pool: a fixed set of worker threads, each taking the next task as soon as it is
 * free, so a long episode never holds up the others.
 */
import { Worker } from 'node:worker_threads';

export interface Pool<Task, Result> {
  run(task: Task): Promise<Result>;
  close(): Promise<void>;
}

interface Pending<Task, Result> {
  id: number;
  task: Task;
  resolve(result: Result): void;
  reject(error: Error): void;
}

export function createPool<Task, Result>(script: URL, size: number, workerData: unknown): Pool<Task, Result> {
  const queue: Pending<Task, Result>[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Pending<Task, Result>>();
  const all: Worker[] = [];
  let nextId = 0;
  let closed = false;

  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) {
      const worker = idle.pop()!;
      const job = queue.shift()!;
      busy.set(worker, job);
      worker.postMessage({ id: job.id, task: job.task });
    }
  };

  const spawn = () => {
    const worker = new Worker(script, { workerData });
    all.push(worker);
    worker.on('message', (message: { id: number; result?: Result; error?: string }) => {
      const job = busy.get(worker);
      busy.delete(worker);
      idle.push(worker);
      if (job) {
        if (message.error !== undefined) job.reject(new Error(message.error));
        else job.resolve(message.result as Result);
      }
      dispatch();
    });
    worker.on('error', (error) => {
      const job = busy.get(worker);
      busy.delete(worker);
      job?.reject(error);
      // Replace the lost worker so the remaining tasks still run.
      all.splice(all.indexOf(worker), 1);
      if (idle.includes(worker)) idle.splice(idle.indexOf(worker), 1);
      if (!closed) {
        spawn();
        dispatch();
      }
    });
    idle.push(worker);
  };

  // Workers start lazily: a build with everything cached never pays for compiling the engine.
  const ensureWorkers = () => {
    while (all.length < size) spawn();
  };

  return {
    run(task) {
      if (closed) return Promise.reject(new Error('pool is closed'));
      ensureWorkers();
      return new Promise<Result>((resolve, reject) => {
        queue.push({ id: nextId++, task, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}
