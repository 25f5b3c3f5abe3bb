/**
 * The job queue over pg-boss 10, the same code on embedded PGlite and on PostgreSQL.
 *
 * Why pg-boss everywhere: one engine means one set of semantics (claiming with SKIP LOCKED, retries
 * with backoff, expiry, archiving) tested once, and the embedded store needs no native addon —
 * PGlite is WebAssembly, so one `npm ci` serves Node 20, 22 and 24, which better-sqlite3 (a module
 * built for one V8 ABI) cannot. The cost is PGlite's start: about 15 s the first time a folder is
 * used (it creates the cluster), about 2 s after (see `src/bench/jobs-bench.ts`).
 *
 * Each job kind is a pg-boss queue with the "short" policy, which lets only one job per singleton
 * key wait at a time; a job enqueued without a key gets its own id as key, so only keyed jobs dedupe.
 * Beside pg-boss's tables, in its schema, two small tables of ours: `ninety_job` (per job: who claimed
 * it, its progress) and `ninety_owner` (one row per open queue, its heartbeat). A job whose claimant's
 * queue was closed, or stopped beating, is a dead process's job, and resume() queues it again.
 *
 * @example
 *   const boss = new PgBoss({ connectionString: url, ...bossOptions(tuning) });
 *   await boss.start();
 *   const queue = await createPgBossQueue(boss, { tuning, onClose: () => boss.stop() });
 */
import { randomUUID } from 'node:crypto';
import type PgBoss from 'pg-boss';
import type { EnqueueOptions, Job, JobFilter, JobProgress, JobQueue, JobState } from './jobs.js';

/** Timings and limits; the defaults suit the studio, tests shorten them. */
export interface QueueTuning {
  /** The database schema for pg-boss and our tables (default "pgboss"). */
  schema?: string;
  /** Attempts after the first before a job is failed (default 2). */
  retries?: number;
  /** Wait before the first retry; each further retry waits about twice as long (default 10 s). */
  retryDelaySeconds?: number;
  /** How long one run may take before it is presumed dead (default one hour). */
  expireSeconds?: number;
  /** How often an open queue says it is alive (default 5 s). */
  heartbeatMs?: number;
  /** A queue silent this long is taken for dead and its running jobs are queued again (default 30 s). */
  staleMs?: number;
  /** Run pg-boss's maintenance (expiry, archiving) in this process (default true). */
  maintenance?: boolean;
  /** Errors from pg-boss's background work (default: one line on stderr). */
  onError?: (error: Error) => void;
}

export interface PgBossQueueOptions {
  tuning?: QueueTuning;
  /**
   * True when no other process can have the store open (PGlite's folder is locked): every running
   * job not claimed through this queue is then a dead process's.
   */
  exclusive?: boolean;
  /** Stops pg-boss and closes the database, after the queue's own clean-up. */
  onClose: () => Promise<void>;
}

export const DEFAULTS = {
  schema: 'pgboss',
  retries: 2,
  retryDelaySeconds: 10,
  expireSeconds: 3600,
  heartbeatMs: 5000,
  staleMs: 30_000,
} as const;

/** pg-boss's constructor options for this tuning (everything but the connection). */
export function bossOptions(tuning: QueueTuning = {}): PgBoss.ConstructorOptions {
  return {
    schema: tuning.schema ?? DEFAULTS.schema,
    // Cron schedules are not used; without them pg-boss keeps no internal queue polling the store.
    schedule: false,
    supervise: tuning.maintenance ?? true,
    retryLimit: tuning.retries ?? DEFAULTS.retries,
    retryDelay: tuning.retryDelaySeconds ?? DEFAULTS.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: tuning.expireSeconds ?? DEFAULTS.expireSeconds,
    // A failed job stays where retry() can reach it for a week (pg-boss archives it after 12 h by default).
    archiveFailedAfterSeconds: 7 * 24 * 3600,
  };
}

const STATES: Record<string, JobState> = {
  created: 'queued',
  retry: 'queued',
  active: 'running',
  completed: 'done',
  cancelled: 'cancelled',
  failed: 'failed',
};
const BOSS_STATES: Record<JobState, string[]> = {
  queued: ['created', 'retry'],
  running: ['active'],
  done: ['completed'],
  failed: ['failed'],
  cancelled: ['cancelled'],
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Row {
  id: string;
  name: string;
  data: { payload?: unknown } | null;
  state: string;
  retry_count: number;
  started_on: Date | null;
  created_on: Date;
  completed_on: Date | null;
  output: Record<string, unknown> | null;
  progress: JobProgress | null;
  worker: string | null;
  updated_on: Date | null;
}

export async function createPgBossQueue(boss: PgBoss, options: PgBossQueueOptions): Promise<JobQueue> {
  const queue = new PgBossQueue(boss, options);
  await queue.open();
  return queue;
}

class PgBossQueue implements JobQueue {
  readonly #boss: PgBoss;
  readonly #db: PgBoss.Db;
  readonly #tuning: QueueTuning;
  readonly #schema: string;
  readonly #exclusive: boolean;
  readonly #onClose: () => Promise<void>;
  /** This open queue, as the claimant recorded beside each job it claims. */
  readonly #owner = randomUUID();
  readonly #queues = new Set<string>();
  readonly #kinds = new Map<string, string>();
  #heartbeat: NodeJS.Timeout | undefined;
  #closed: Promise<void> | undefined;

  constructor(boss: PgBoss, options: PgBossQueueOptions) {
    this.#boss = boss;
    this.#db = boss.getDb();
    this.#tuning = options.tuning ?? {};
    this.#schema = this.#tuning.schema ?? DEFAULTS.schema;
    this.#exclusive = options.exclusive ?? false;
    this.#onClose = options.onClose;
  }

  async open(): Promise<void> {
    const s = this.#schema;
    // Several processes may open a new database at once: the advisory lock makes one create the tables.
    await this.#sql(`
      BEGIN;
      SELECT pg_advisory_xact_lock(hashtext('ninety.jobs.${s}'));
      CREATE TABLE IF NOT EXISTS ${s}.ninety_job (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        worker text,
        owner uuid,
        progress jsonb,
        updated_on timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE IF NOT EXISTS ${s}.ninety_owner (
        id uuid PRIMARY KEY,
        seen_on timestamptz NOT NULL DEFAULT now()
      );
      COMMIT;
    `);
    await this.#beat();
    const every = this.#tuning.heartbeatMs ?? DEFAULTS.heartbeatMs;
    this.#heartbeat = setInterval(() => void this.#beat().catch((error: Error) => this.#report(error)), every);
    this.#heartbeat.unref();
  }

  async enqueue<P>(kind: string, payload: P, options: EnqueueOptions = {}): Promise<string> {
    await this.#ensureQueue(kind);
    const id = randomUUID();
    const key = options.singletonKey ?? id;
    // pg-boss claims jobs whose start_after < now(); a job starting "now" is not claimable until the
    // clock ticks, which on PGlite can be a millisecond after enqueue returns. Starting a second
    // early (by the database's clock) makes a queued job claimable at once.
    const send: PgBoss.SendOptions = { id, singletonKey: key, startAfter: '-1 second' };
    if (options.retries !== undefined) send.retryLimit = options.retries;
    if (options.expireSeconds !== undefined) send.expireInSeconds = options.expireSeconds;
    // The payload is wrapped so any JSON value (an array, a string) reaches jsonb intact through pg.
    for (let attempt = 0; attempt < 5; attempt++) {
      const sent = await this.#boss.send(kind, { payload }, send);
      if (sent) {
        this.#kinds.set(sent, kind);
        return sent;
      }
      const { rows } = await this.#sql(
        `SELECT id FROM ${this.#schema}.job WHERE name = $1 AND singleton_key = $2 AND state = 'created'`,
        [kind, key],
      );
      const waiting = rows[0] as { id: string } | undefined;
      if (waiting) return waiting.id;
      // The waiting job was claimed between the two statements: the key is free again.
    }
    throw new Error(`could not queue a "${kind}" job with key "${key}": the key stays taken and its job cannot be found`);
  }

  async claim(kinds: readonly string[], worker: string): Promise<Job | undefined> {
    for (const kind of kinds) {
      const [fetched] = await this.#boss.fetch<{ payload?: unknown }>(kind, { includeMetadata: true });
      if (!fetched) continue;
      this.#kinds.set(fetched.id, kind);
      const { rows } = await this.#sql(
        `INSERT INTO ${this.#schema}.ninety_job (id, kind, worker, owner, progress, updated_on)
         VALUES ($1, $2, $3, $4, NULL, now())
         ON CONFLICT (id) DO UPDATE SET worker = $3, owner = $4, progress = NULL, updated_on = now()
         RETURNING updated_on`,
        [fetched.id, kind, worker, this.#owner],
      );
      const claimed = rows[0] as { updated_on: Date };
      return toJob({
        id: fetched.id,
        name: kind,
        data: fetched.data,
        state: fetched.state,
        retry_count: fetched.retryCount,
        started_on: fetched.startedOn,
        created_on: fetched.createdOn,
        completed_on: fetched.completedOn,
        output: fetched.output as Record<string, unknown> | null,
        progress: null,
        worker,
        updated_on: claimed.updated_on,
      });
    }
    return undefined;
  }

  async progress(id: string, progress: JobProgress): Promise<void> {
    const kind = await this.#kindOf(id);
    if (!kind) return;
    await this.#sql(
      `INSERT INTO ${this.#schema}.ninety_job (id, kind, progress, updated_on) VALUES ($1, $2, $3::jsonb, now())
       ON CONFLICT (id) DO UPDATE SET progress = $3::jsonb, updated_on = now()`,
      [id, kind, JSON.stringify(progress)],
    );
  }

  async complete(id: string, result?: unknown): Promise<void> {
    const kind = await this.#kindOf(id);
    if (kind) await this.#boss.complete(kind, id, result === undefined ? {} : { result });
  }

  async fail(id: string, error: string): Promise<void> {
    const kind = await this.#kindOf(id);
    if (!kind) return;
    await this.#boss.fail(kind, id, { message: error });
    // A job going back to wait for its retry changes no timestamp of pg-boss's; ours says when.
    await this.#sql(`UPDATE ${this.#schema}.ninety_job SET updated_on = now() WHERE id = $1`, [id]);
  }

  async cancel(id: string): Promise<void> {
    const kind = await this.#kindOf(id);
    if (kind) await this.#boss.cancel(kind, id);
  }

  async retry(id: string): Promise<void> {
    const kind = await this.#kindOf(id);
    if (!kind) return;
    // pg-boss's retry() takes failed jobs (allowing one more attempt), its resume() cancelled ones.
    await this.#boss.retry(kind, id);
    await this.#boss.resume(kind, id);
  }

  async resume(): Promise<number> {
    const s = this.#schema;
    const stale = this.#tuning.staleMs ?? DEFAULTS.staleMs;
    // A running job is a dead process's when: it ran past its expiry; its claimant's queue is gone
    // or silent; or (exclusive store) another queue claimed it. A job with no claim recorded yet is
    // given the same grace, since its claimant may be between pg-boss's fetch and our insert.
    const { rows } = await this.#sql(
      `WITH orphaned AS (
         SELECT j.name, j.id
         FROM ${s}.job j
         LEFT JOIN ${s}.ninety_job p ON p.id = j.id
         LEFT JOIN ${s}.ninety_owner o ON o.id = p.owner
         WHERE j.state = 'active' AND (
           j.started_on + j.expire_in < now()
           OR (p.id IS NULL AND j.started_on < now() - $1::int * interval '1 millisecond')
           OR (p.id IS NOT NULL AND (
             o.id IS NULL
             OR o.seen_on < now() - $1::int * interval '1 millisecond'
             OR ($2::boolean AND o.id <> $3::uuid)))
         )
         FOR UPDATE OF j SKIP LOCKED
       )
       UPDATE ${s}.job j SET state = 'retry', start_after = now()
       FROM orphaned
       WHERE j.name = orphaned.name AND j.id = orphaned.id AND j.state = 'active'
       RETURNING j.id`,
      [stale, this.#exclusive, this.#owner],
    );
    return rows.length;
  }

  async get(id: string): Promise<Job | undefined> {
    if (!UUID.test(id)) return undefined;
    const [row] = await this.#select('j.id = $1::uuid', [id]);
    return row && toJob(row);
  }

  async list(filter: JobFilter = {}): Promise<Job[]> {
    const states = filter.states?.flatMap((state) => BOSS_STATES[state]) ?? null;
    const rows = await this.#select(
      `($1::text IS NULL OR j.name = $1::text) AND ($2::text[] IS NULL OR j.state::text = ANY($2::text[]))`,
      [filter.kind ?? null, states],
    );
    return rows.map(toJob);
  }

  async close(): Promise<void> {
    this.#closed ??= (async () => {
      clearInterval(this.#heartbeat);
      try {
        // Gone from the owners, this queue's unfinished jobs are a dead process's for resume().
        await this.#sql(`DELETE FROM ${this.#schema}.ninety_owner WHERE id = $1`, [this.#owner]);
      } finally {
        await this.#onClose();
      }
    })();
    return this.#closed;
  }

  async #select(where: string, values: unknown[]): Promise<Row[]> {
    const s = this.#schema;
    const columns = 'id, name, data, state, retry_count, started_on, created_on, completed_on, output';
    const { rows } = await this.#sql(
      `SELECT j.id, j.name, j.data, j.state::text AS state, j.retry_count, j.started_on, j.created_on,
              j.completed_on, j.output, p.progress, p.worker, p.updated_on
       FROM (SELECT ${columns} FROM ${s}.job UNION ALL SELECT ${columns} FROM ${s}.archive) j
       LEFT JOIN ${s}.ninety_job p ON p.id = j.id
       WHERE j.name NOT LIKE '\\_\\_pgboss\\_\\_%' AND ${where}
       ORDER BY j.created_on, j.id`,
      values,
    );
    return rows as Row[];
  }

  async #kindOf(id: string): Promise<string | undefined> {
    const known = this.#kinds.get(id);
    if (known) return known;
    if (!UUID.test(id)) return undefined;
    const s = this.#schema;
    const { rows } = await this.#sql(
      `SELECT name FROM ${s}.job WHERE id = $1::uuid UNION ALL SELECT name FROM ${s}.archive WHERE id = $1::uuid LIMIT 1`,
      [id],
    );
    const kind = (rows[0] as { name: string } | undefined)?.name;
    if (kind) this.#kinds.set(id, kind);
    return kind;
  }

  async #ensureQueue(kind: string): Promise<void> {
    if (this.#queues.has(kind)) return;
    // create_queue does nothing when the queue exists, so every process may call it.
    await this.#boss.createQueue(kind, {
      name: kind,
      policy: 'short',
      retryLimit: this.#tuning.retries ?? DEFAULTS.retries,
      retryDelay: this.#tuning.retryDelaySeconds ?? DEFAULTS.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: this.#tuning.expireSeconds ?? DEFAULTS.expireSeconds,
    });
    this.#queues.add(kind);
  }

  async #beat(): Promise<void> {
    await this.#sql(
      `INSERT INTO ${this.#schema}.ninety_owner (id, seen_on) VALUES ($1, now())
       ON CONFLICT (id) DO UPDATE SET seen_on = now()`,
      [this.#owner],
    );
  }

  #sql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
    return this.#db.executeSql(text, values as unknown[]);
  }

  #report(error: Error): void {
    (this.#tuning.onError ?? defaultOnError)(error);
  }
}

export function defaultOnError(error: Error): void {
  process.stderr.write(`ninety jobs: ${error.message}\n`);
}

function toJob(row: Row): Job {
  const state = STATES[row.state] ?? 'queued';
  const output = row.output ?? {};
  const job: Job = {
    id: row.id,
    kind: row.name,
    payload: row.data?.payload,
    state,
    // pg-boss counts retries from the second start; a job never started has no attempt.
    attempts: row.started_on ? Number(row.retry_count) + 1 : 0,
    createdAt: row.created_on,
    updatedAt: latest(row.created_on, row.started_on, row.completed_on, row.updated_on),
  };
  const error = state === 'done' || state === 'running' ? undefined : failure(output);
  if (error !== undefined) job.error = error;
  if (row.progress) job.progress = row.progress;
  if (state === 'done' && 'result' in output) job.result = output.result;
  if (row.worker) job.worker = row.worker;
  return job;
}

/** The reason pg-boss stored: ours ({ message }), its expiry ({ value: { message } }) or a bare value. */
function failure(output: Record<string, unknown>): string | undefined {
  if (typeof output.message === 'string') return output.message;
  const value = output.value as { message?: unknown } | string | undefined;
  if (typeof value === 'string') return value;
  if (value && typeof value.message === 'string') return value.message;
  return undefined;
}

function latest(...dates: (Date | null)[]): Date {
  let best = 0;
  for (const date of dates) if (date) best = Math.max(best, new Date(date).getTime());
  return new Date(best);
}
