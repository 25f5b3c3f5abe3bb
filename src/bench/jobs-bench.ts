/**
 * The job queue's speed on each store: jobs per second through enqueue → claim → complete, one job
 * at a time (what a studio click costs) and with four workers draining a queue at once, on embedded
 * PGlite always and on PostgreSQL when one can be started (see `test-postgres.ts`); plus PGlite's
 * cold open (a new folder: the cluster and pg-boss's schema are created) and warm open (the same
 * folder in a new process, as when the studio restarts); and the studio's server serving the site
 * while its jobs write and voice a series, against idle (studio-load.ts).
 *
 * @example
 *   const result = await benchJobs({ jobs: 200 });
 *   console.log(formatJobsBench(result));
 *   // node dist/bench/jobs-bench.js [--json]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { JobQueue } from '../studio/jobs/jobs.js';
import { openEmbeddedQueue } from '../studio/jobs/pglite.js';
import { openPostgresQueue } from '../studio/jobs/postgres.js';
import { startTestPostgres } from '../studio/jobs/test-postgres.js';
import { benchStudioLoad, formatStudioLoad, type StudioLoad } from './studio-load.js';

const run = promisify(execFile);

export interface Throughput {
  jobs: number;
  /** One job at a time: enqueue, claim, complete. */
  sequentialJobsPerSecond: number;
  /** All jobs queued first, then four workers claim and complete them at once. */
  drainJobsPerSecond: number;
}

export interface JobsBench {
  pglite: Throughput & {
    /** A new folder: the cluster and pg-boss's schema are created. */
    coldOpenSeconds: number;
    /** The folder again, in a new process (a restarted studio): loading PGlite included. */
    warmOpenSeconds: number;
    /** The folder again, in the process that already loaded PGlite. */
    reopenSeconds: number;
  };
  postgres: (Throughput & { source: string }) | { skipped: string };
  /** The studio's server serving the site idle and while its jobs generate (studio-load.ts). */
  studioLoad: StudioLoad | { skipped: string };
}

export async function benchJobs(options: { jobs?: number } = {}): Promise<JobsBench> {
  const jobs = options.jobs ?? 300;
  const folder = await mkdtemp(join(tmpdir(), 'ninety-jobs-bench-'));
  let pglite: JobsBench['pglite'];
  try {
    let started = performance.now();
    let queue = await openEmbeddedQueue(folder, { maintenance: false });
    const coldOpenSeconds = (performance.now() - started) / 1000;
    await queue.close();
    const warmOpenSeconds = await openInNewProcess(folder);
    started = performance.now();
    queue = await openEmbeddedQueue(folder, { maintenance: false });
    const reopenSeconds = (performance.now() - started) / 1000;
    try {
      pglite = { coldOpenSeconds, warmOpenSeconds, reopenSeconds, ...(await throughput(queue, jobs)) };
    } finally {
      await queue.close();
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }

  let postgres: JobsBench['postgres'];
  const pg = await startTestPostgres({ required: false });
  if ('unavailable' in pg) {
    postgres = { skipped: pg.unavailable };
  } else {
    try {
      const queue = await openPostgresQueue(pg.url, { schema: pg.schema, maintenance: false });
      try {
        postgres = { source: pg.source, ...(await throughput(queue, jobs)) };
      } finally {
        await queue.close();
      }
    } finally {
      await pg.stop();
    }
  }
  return { pglite, postgres, studioLoad: await benchStudioLoad() };
}

/** Seconds from importing the embedded store to an open queue, in a fresh Node process. */
async function openInNewProcess(folder: string): Promise<number> {
  const module = new URL('../studio/jobs/pglite.js', import.meta.url).href;
  const script = `
    const started = performance.now();
    const { openEmbeddedQueue } = await import(${JSON.stringify(module)});
    const queue = await openEmbeddedQueue(${JSON.stringify(folder)}, { maintenance: false });
    const seconds = (performance.now() - started) / 1000;
    await queue.close();
    console.log(seconds);`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
  const seconds = Number(stdout.trim());
  if (!Number.isFinite(seconds)) throw new Error(`the timing process printed "${stdout.trim()}"`);
  return seconds;
}

async function throughput(queue: JobQueue, jobs: number): Promise<Throughput> {
  // A few jobs first, so the queue's creation and the first plans are not timed.
  await cycle(queue, 'bench-warm', 5);
  let started = performance.now();
  await cycle(queue, 'bench-sequential', jobs);
  const sequentialJobsPerSecond = jobs / ((performance.now() - started) / 1000);

  for (let i = 0; i < jobs; i++) await queue.enqueue('bench-drain', { i });
  started = performance.now();
  const drain = async (worker: string) => {
    for (let job = await queue.claim(['bench-drain'], worker); job; job = await queue.claim(['bench-drain'], worker)) {
      await queue.complete(job.id, { ok: true });
    }
  };
  await Promise.all(['a', 'b', 'c', 'd'].map(drain));
  const drainJobsPerSecond = jobs / ((performance.now() - started) / 1000);
  return { jobs, sequentialJobsPerSecond, drainJobsPerSecond };
}

async function cycle(queue: JobQueue, kind: string, jobs: number): Promise<void> {
  for (let i = 0; i < jobs; i++) {
    const id = await queue.enqueue(kind, { i });
    const job = await queue.claim([kind], 'bench');
    if (job?.id !== id) throw new Error(`claimed ${job?.id} instead of ${id}`);
    await queue.complete(id, { ok: true });
  }
}

export function formatJobsBench(result: JobsBench): string {
  const rate = (t: Throughput) =>
    `${t.sequentialJobsPerSecond.toFixed(0)} jobs/s one at a time, ${t.drainJobsPerSecond.toFixed(0)} jobs/s draining with 4 workers (${t.jobs} jobs)`;
  const lines = [
    `Jobs, PGlite (embedded): open ${result.pglite.coldOpenSeconds.toFixed(1)} s cold (new folder), ` +
      `${result.pglite.warmOpenSeconds.toFixed(1)} s warm (new process), ${result.pglite.reopenSeconds.toFixed(1)} s reopened in-process`,
    `Jobs, PGlite (embedded): ${rate(result.pglite)}`,
    'skipped' in result.postgres
      ? `Jobs, PostgreSQL: skipped — ${result.postgres.skipped}`
      : `Jobs, PostgreSQL (${result.postgres.source}): ${rate(result.postgres)}`,
    formatStudioLoad(result.studioLoad),
  ];
  return lines.join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchJobs();
  process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(result, null, 2)}\n` : `${formatJobsBench(result)}\n`);
}
