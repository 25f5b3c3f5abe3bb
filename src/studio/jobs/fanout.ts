/**
 * A step split into parts: the parent job queues one child job per part (one script, one episode
 * to speak), so every worker on the queue can take some, and waits for them without holding a
 * slot. The parent's progress is its children's: k of N done, where the studio reads it.
 *
 * Children carry `parent` (the parent's id) and `part` in their payload. A parent run again (a
 * retry, a restart, a dead worker's job resumed) adopts its children still queued or running and
 * queues new ones only for parts without one, so no part runs twice at once. Cancelling the parent
 * cancels its children; a child that fails after its retries fails the parent with its reason.
 *
 * @example
 *   await fanOut(context, 'write-script', [{ part: '3', payload: { slug, dir, number: 3 } }], {
 *     line: (done, total) => `${done} of ${total} scripts written` });
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Job, JobContext, JobQueue } from './jobs.js';

export interface Part {
  /** What the part is within its parent (an episode number), unique among the parent's parts. */
  part: string;
  payload: Record<string, unknown>;
}

export interface FanOutOptions {
  /** The parent's progress line for k of N parts done. */
  line(done: number, total: number): string;
  /** How often the parent looks at its children (default 1000 ms). */
  pollMs?: number;
}

interface ChildPayload {
  parent?: unknown;
  part?: unknown;
}

/** True for a job queued by a parent: the studio shows the parent, never its parts. */
export function isChild(job: Job): boolean {
  return typeof (job.payload as ChildPayload | null)?.parent === 'string';
}

/** Queues the parts without a live child, waits for all, and returns the children as they ended. */
export async function fanOut(context: JobContext, kind: string, parts: readonly Part[], options: FanOutOptions): Promise<Job[]> {
  const { queue, id } = context;
  const live = new Map(
    (await childrenOf(queue, id, kind)).filter((j) => j.state === 'queued' || j.state === 'running').map((j) => [(j.payload as ChildPayload).part, j.id]),
  );
  const ids: string[] = [];
  for (const { part, payload } of parts) {
    context.signal.throwIfAborted();
    ids.push(live.get(part) ?? (await queue.enqueue(kind, { ...payload, parent: id, part }, { singletonKey: `${id}:${part}` })));
  }
  return context.waiting(() => waitFor(context, kind, ids, options));
}

async function waitFor(context: JobContext, kind: string, ids: readonly string[], options: FanOutOptions): Promise<Job[]> {
  const { queue, signal } = context;
  let reported = -1;
  const mine = new Set(ids);
  for (;;) {
    if (signal.aborted) {
      // Only a cancelled parent cancels its parts: a stopping worker or a job taken over leaves
      // them to run, and the parent run again adopts them.
      if ((await queue.get(context.id))?.state === 'cancelled') await cancelAll(queue, ids);
      throw signal.reason;
    }
    // One query a look, not one per part: on the embedded store each query holds the server's thread.
    const children = (await queue.list({ kind })).filter((j) => mine.has(j.id));
    const done = children.filter((j) => j.state === 'done').length;
    if (done !== reported) {
      reported = done;
      await context.progress({ done, total: ids.length, line: options.line(done, ids.length) });
    }
    if (children.every((j) => j.state === 'done' || j.state === 'failed' || j.state === 'cancelled')) {
      const failed = children.filter((j) => j.state === 'failed');
      if (failed.length > 0) throw new Error(failed.map((j) => j.error ?? 'a part failed without a reason').join('; '));
      if (children.some((j) => j.state === 'cancelled')) throw new Error('a part of this step was cancelled');
      return children;
    }
    await sleep(options.pollMs ?? 1000, undefined, { signal }).catch(() => undefined);
  }
}

/** Cancels a parent and those of its children not yet ended (the studio's Cancel button). */
export async function cancelWithChildren(queue: JobQueue, id: string): Promise<void> {
  await queue.cancel(id);
  await cancelAll(queue, (await childrenOf(queue, id)).map((j) => j.id));
}

async function cancelAll(queue: JobQueue, ids: readonly string[]): Promise<void> {
  for (const child of ids) {
    const job = await queue.get(child);
    if (job && (job.state === 'queued' || job.state === 'running')) await queue.cancel(child);
  }
}

async function childrenOf(queue: JobQueue, parent: string, kind?: string): Promise<Job[]> {
  const jobs = await queue.list(kind ? { kind } : {});
  return jobs.filter((j) => (j.payload as ChildPayload | null)?.parent === parent);
}
