/**
 * The studio's one door to the job queue: opens the store (in the background, so the site is served
 * at once), runs the registered pipeline steps in this process, and answers the studio's questions
 * — queue this step for that series, what is the latest job of a series, cancel it, retry it. Jobs a killed server was
 * running are taken back and run again when it starts.
 *
 * @example
 *   const jobs = startStudioJobs({ folder: '.ninety/jobs' });
 *   const id = await jobs.enqueue('voice-series', { slug: 'sourdough', dir: 'series/sourdough', outDir: 'out' });
 *   (await jobs.latest('sourdough'))?.progress;   // { done: 1, total: 6, line: '1 of 6: …' }
 *   await jobs.close();
 */
import { cancelWithChildren, isChild } from './jobs/fanout.js';
import { HANDLERS } from './jobs/handlers.js';
import type { Job, JobQueue } from './jobs/jobs.js';
import { openQueue } from './jobs/queues.js';
import { runJobs, type Runner } from './jobs/runner.js';

/** Steps split into parts (fanout.ts): a failed part was retried already, so the step is not. */
const PARENTS = new Set(['write-scripts', 'voice-series']);

export interface StudioJobsOptions {
  folder: string;
  databaseUrl?: string;
  /** How often the runner looks for work (default 250 ms: the studio is waiting for it). */
  pollMs?: number;
}

export interface StudioJobs {
  /** Queues a step for a series; the same step for the same series while one waits is queued once. */
  enqueue(kind: string, payload: { slug: string } & Record<string, unknown>): Promise<string>;
  /** The series' most recent step (a step's parts are shown through it), if any. */
  latest(slug: string): Promise<Job | undefined>;
  get(id: string): Promise<Job | undefined>;
  /** A queued job will not start; a running one is told to stop, and so are its parts not yet done. */
  cancel(id: string): Promise<void>;
  /** A failed or cancelled job is queued again, for one more attempt. */
  retry(id: string): Promise<void>;
  /** False until the store is open; a page says "starting" meanwhile. */
  isReady(): boolean;
  close(): Promise<void>;
}

export function startStudioJobs(options: StudioJobsOptions): StudioJobs {
  let ready = false;
  let runner: Runner | undefined;
  const opened: Promise<JobQueue> = openQueue({
    folder: options.folder,
    retries: 1,
    retryDelaySeconds: 2,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  }).then((queue) => {
    ready = true;
    // Two scripts at once, as a model likes; one episode spoken at a time, as before the voicing was
    // split, so a core is left for serving the site.
    const perKind = { 'voice-episode': 1 };
    runner = runJobs(queue, HANDLERS, { worker: `studio:${process.pid}`, concurrency: 2, perKind, pollMs: options.pollMs ?? 250, resumeMs: 15_000 });
    return queue;
  });
  opened.catch((error: Error) => process.stderr.write(`ninety studio: the job store could not be opened: ${error.message}\n`));

  return {
    async enqueue(kind, payload) {
      const queue = await opened;
      return queue.enqueue(kind, payload, { singletonKey: `${kind}:${payload.slug}`, ...(PARENTS.has(kind) ? { retries: 0 } : {}) });
    },
    async latest(slug) {
      const queue = await opened;
      const jobs = (await queue.list()).filter((j) => (j.payload as { slug?: string } | null)?.slug === slug && !isChild(j));
      return jobs.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).at(-1);
    },
    async get(id) {
      return (await opened).get(id);
    },
    async cancel(id) {
      await cancelWithChildren(await opened, id);
    },
    async retry(id) {
      await (await opened).retry(id);
    },
    isReady: () => ready,
    async close() {
      const queue = await opened.catch(() => undefined);
      await runner?.stop({ abort: true });
      await queue?.close();
    },
  };
}
