/**
 * The one interface the studio uses for work that must survive: every generation and voicing step
 * is a job with a persistent state. A job is queued, claimed by a worker, reports progress, and ends
 * done, failed (with its reason, after its retries) or cancelled. A job a dead process was running
 * goes back to the queue. Which store holds the jobs is the registry's business (`queues.ts`);
 * `jobs.contract.ts` is the test every back-end passes.
 *
 * States are pg-boss's, said the way the studio shows them: created and retry (waiting for its
 * backoff) are both `queued`, active is `running`, completed is `done`.
 *
 * @example
 *   const queue = await openQueue({ folder: '.ninety/jobs' });          // from './queues.js'
 *   const id = await queue.enqueue('voice-episode', { series: 'ai-training', episode: 3 });
 *   const job = await queue.claim(['voice-episode'], 'studio-1');
 *   await queue.progress(job!.id, { done: 4, total: 31, line: 'sentence 4 of 31' });
 *   await queue.complete(job!.id, { mp3: 'audio/03.mp3' });
 */

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobProgress {
  done: number;
  total: number;
  /** What is happening now, in a few words, for the studio to show. */
  line?: string;
  /** What of the step's result has arrived so far (the outline's episodes), shown before the step ends. */
  partial?: unknown;
}

export interface Job<P = unknown> {
  id: string;
  kind: string;
  payload: P;
  state: JobState;
  /** How many times the job has been started (a run a dead process left counts too). */
  attempts: number;
  /** Why the last attempt failed; kept while the job waits for its next attempt. */
  error?: string;
  /** The last progress reported; kept after the job ends. */
  progress?: JobProgress;
  /** What the handler returned, once done. */
  result?: unknown;
  /** The worker that claimed the job last (while running: the one running it). */
  worker?: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface EnqueueOptions {
  /** Attempts after the first before the job is marked failed (default: the queue's, 2). */
  retries?: number;
  /**
   * While a job with this key waits to start, enqueueing another with the same key returns the
   * waiting job's id instead of queueing a duplicate (clicking "voice" twice queues it once).
   */
  singletonKey?: string;
  /** How long one run may take before it is presumed dead and queued again (default: the queue's). */
  expireSeconds?: number;
}

export interface JobFilter {
  kind?: string;
  states?: JobState[];
}

export interface JobQueue {
  /** Queues a job and returns its id (or the id of the waiting job with the same singletonKey). */
  enqueue<P>(kind: string, payload: P, options?: EnqueueOptions): Promise<string>;
  /** Claims the next job of these kinds for `worker`, or undefined. Two workers never get the same job. */
  claim(kinds: readonly string[], worker: string): Promise<Job | undefined>;
  /** Records a running job's progress where get() reads it, on disk or in the database. */
  progress(id: string, progress: JobProgress): Promise<void>;
  complete(id: string, result?: unknown): Promise<void>;
  /** A failed attempt: retried with backoff until the retries run out, then 'failed' with `error`. */
  fail(id: string, error: string): Promise<void>;
  /** A queued job will not start; a running job's handler learns it (the runner polls the state). */
  cancel(id: string): Promise<void>;
  /** The "retry" button: a failed or cancelled job is queued again, for one more attempt. */
  retry(id: string): Promise<void>;
  /**
   * Jobs that a dead process was running, or that ran past their expiry, go back to the queue.
   * Returns how many. Runners call it at start-up and now and then.
   */
  resume(): Promise<number>;
  get(id: string): Promise<Job | undefined>;
  /** Jobs, oldest first. */
  list(filter?: JobFilter): Promise<Job[]>;
  close(): Promise<void>;
}

/** What a running job's handler is given besides the job. */
export interface JobContext {
  /** The running job's id. */
  id: string;
  /** Aborted when the job is cancelled, claimed by another worker, or the worker stops at once. */
  signal: AbortSignal;
  progress(progress: JobProgress): Promise<void>;
  /** The queue the job came from, for a step that splits into jobs of its own (fanout.ts). */
  queue: JobQueue;
  /**
   * Runs `wait` without holding one of the worker's slots: a step waiting for its parts lets the
   * worker take those parts, so even one worker running one job at a time finishes it.
   */
  waiting<T>(wait: () => Promise<T>): Promise<T>;
}

/** A pipeline step run as a job: what it returns is stored as the job's result; what it throws fails it. */
export type JobHandler<P = unknown> = (job: Job<P>, context: JobContext) => Promise<unknown>;
