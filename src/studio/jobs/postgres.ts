/**
 * The shared job store: pg-boss on an existing PostgreSQL, for `ninety worker` processes on any
 * number of machines. pg-boss creates its schema on first use (the role needs CREATE on the
 * database); every process opens the same schema and takes jobs with SKIP LOCKED, so two workers
 * never run the same job.
 *
 * @example
 *   const queue = await openPostgresQueue('postgres://ninety:secret@db.local:5432/ninety');
 *   const job = await queue.claim(['voice-episode'], 'worker-on-host-2');
 */
import PgBoss from 'pg-boss';
import type { JobQueue } from './jobs.js';
import { bossOptions, createPgBossQueue, defaultOnError, type QueueTuning } from './pgboss-queue.js';

export async function openPostgresQueue(url: string, tuning: QueueTuning = {}): Promise<JobQueue> {
  const boss = new PgBoss({
    ...bossOptions(tuning),
    connectionString: url,
    // A worker makes a few queries at a time; a small pool leaves connections for many machines.
    max: 4,
    application_name: 'ninety',
  });
  boss.on('error', tuning.onError ?? defaultOnError);
  try {
    await boss.start();
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => undefined);
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Error(`cannot open the job database at ${redact(url)} (${reason}); check NINETY_DATABASE_URL`);
  }
  return createPgBossQueue(boss, {
    tuning,
    onClose: () => boss.stop({ graceful: false }),
  });
}

/** The address without its password, fit for a message. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the address given';
  }
}
