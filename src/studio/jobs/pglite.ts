/**
 * The embedded job store: pg-boss on PGlite (PostgreSQL compiled to WebAssembly) in a folder, so one
 * machine needs no database server and no native addon. The folder holds the cluster (`pgdata/`)
 * and a lock: PGlite is one process's database, so a second process opening the same folder is
 * refused with a clear message rather than allowed to corrupt it.
 *
 * pg-boss talks to a database through `executeSql(text, values)` (see timgit/pg-boss#563). PGlite has
 * one connection, so statements are run one at a time; statements with parameters go through
 * `query` (the extended protocol, parameters typed by the server), and pg-boss's parameterless
 * scripts — several statements in a BEGIN … COMMIT — through `exec`. A script that fails midway is
 * rolled back, or the single connection would stay in an aborted transaction.
 *
 * @example
 *   const queue = await openEmbeddedQueue('.ninety/jobs');   // ~15 s the first time, ~2 s after
 *   await queue.enqueue('voice-episode', { episode: 3 });
 *   await queue.close();
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import PgBoss from 'pg-boss';
import lockfile from 'proper-lockfile';
import { processIsAlive } from '../../build/atomic.js';
import type { JobQueue } from './jobs.js';
import { bossOptions, createPgBossQueue, defaultOnError, type QueueTuning } from './pgboss-queue.js';

export interface EmbeddedDb extends PgBoss.Db {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount?: number }>;
}

/** pg-boss's database interface over one PGlite instance. */
export function pgliteDb(pglite: PGlite): EmbeddedDb {
  let last: Promise<unknown> = Promise.resolve();
  const run = async (text: string, values?: unknown[]) => {
    try {
      if (values && values.length > 0) {
        const result = await pglite.query(text, values);
        return { rows: result.rows, rowCount: result.affectedRows };
      }
      const results = await pglite.exec(text);
      const result = results[results.length - 1];
      return { rows: result?.rows ?? [], rowCount: result?.affectedRows };
    } catch (error) {
      if (pglite.isInTransaction()) await pglite.exec('ROLLBACK');
      throw error;
    }
  };
  return {
    executeSql(text, values) {
      const next = last.then(() => run(text, values));
      last = next.catch(() => undefined);
      return next;
    },
  };
}

export async function openEmbeddedQueue(folder: string, tuning: QueueTuning = {}): Promise<JobQueue> {
  const release = await lockStore(folder, tuning.onError ?? defaultOnError);
  let pglite: PGlite | undefined;
  let boss: PgBoss | undefined;
  try {
    pglite = await PGlite.create(join(folder, 'pgdata'));
    boss = new PgBoss({ ...bossOptions(tuning), db: pgliteDb(pglite) });
    boss.on('error', tuning.onError ?? defaultOnError);
    await boss.start();
  } catch (error) {
    await pglite?.close().catch(() => undefined);
    await release();
    throw error;
  }
  const started = boss;
  const db = pglite;
  return createPgBossQueue(started, {
    tuning,
    exclusive: true,
    onClose: async () => {
      try {
        await started.stop({ graceful: false, close: false });
        await db.close();
      } finally {
        await release();
      }
    },
  });
}

/**
 * Takes the folder's lock, recording who holds it: a holder killed with -9 on this machine is seen
 * to be gone at once, rather than after the lock goes stale.
 */
async function lockStore(folder: string, onError: (error: Error) => void): Promise<() => Promise<void>> {
  await mkdir(folder, { recursive: true });
  const lockPath = join(folder, 'store.lock');
  const ownerPath = join(folder, 'store.owner');
  for (let attempt = 0; ; attempt++) {
    try {
      const release = await lockfile.lock(folder, { lockfilePath: lockPath, realpath: false, stale: 10_000, onCompromised: onError });
      await writeFile(ownerPath, JSON.stringify({ pid: process.pid, host: hostname() }));
      return async () => {
        await rm(ownerPath, { force: true });
        await release().catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    }
    const owner = await readFile(ownerPath, 'utf8').then((text) => JSON.parse(text) as { pid?: number; host?: string }, () => undefined);
    if (attempt === 0 && owner?.host === hostname() && !processIsAlive(owner.pid)) {
      await rm(lockPath, { recursive: true, force: true });
      continue;
    }
    const who = owner?.pid ? ` (process ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`})` : '';
    throw new Error(
      `the job store in ${folder} is open in another Ninety process${who}; stop it, or set NINETY_DATABASE_URL to share jobs through PostgreSQL`,
    );
  }
}
