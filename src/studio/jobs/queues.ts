/**
 * The job stores Ninety knows, and the choice between them: PostgreSQL when NINETY_DATABASE_URL is
 * set (many machines, `ninety worker` processes), otherwise the embedded store in a folder (one
 * machine, nothing to install). Both are pg-boss, so a job behaves the same on either. A new store
 * is one entry in `REGISTRY`; each is loaded only when opened, so commands that never queue a job
 * do not load pg-boss or PGlite.
 *
 * @example
 *   const queue = await openQueue({ folder: '.ninety/jobs' });   // NINETY_DATABASE_URL decides
 *   queueBackend({ databaseUrl: 'postgres://db/ninety' });       // 'postgres'
 */
import type { JobQueue } from './jobs.js';
import type { QueueTuning } from './pgboss-queue.js';

/** Where the embedded store lives unless told otherwise: beside the output folder, out of the way. */
export const DEFAULT_JOBS_FOLDER = '.ninety/jobs';

export interface OpenQueueOptions extends QueueTuning {
  /** A postgres:// address; default: NINETY_DATABASE_URL. When empty, the embedded store is used. */
  databaseUrl?: string;
  /** The embedded store's folder (default `.ninety/jobs`). */
  folder?: string;
  env?: NodeJS.ProcessEnv;
}

export type QueueBackend = 'postgres' | 'embedded';

interface Registration {
  /** Where the jobs are, in a few words, for a start-up line. */
  describe(options: OpenQueueOptions): string;
  open(options: OpenQueueOptions): Promise<JobQueue>;
}

const REGISTRY: Record<QueueBackend, Registration> = {
  postgres: {
    describe: (options) => `jobs in PostgreSQL (${databaseUrlOf(options)?.replace(/\/\/[^@/]*@/, '//')})`,
    open: async (options) => {
      const schema = options.schema ?? databaseSchema(options.env);
      return (await import('./postgres.js')).openPostgresQueue(databaseUrlOf(options)!, { ...options, ...(schema ? { schema } : {}) });
    },
  },
  embedded: {
    describe: (options) => `jobs in ${options.folder ?? DEFAULT_JOBS_FOLDER} (embedded PostgreSQL)`,
    open: async (options) => (await import('./pglite.js')).openEmbeddedQueue(options.folder ?? DEFAULT_JOBS_FOLDER, options),
  },
};

function databaseUrlOf(options: OpenQueueOptions): string | undefined {
  const url = options.databaseUrl ?? (options.env ?? process.env).NINETY_DATABASE_URL;
  return url?.trim() || undefined;
}

/**
 * NINETY_DATABASE_SCHEMA: the schema of the jobs in PostgreSQL (default pgboss), so several studios
 * (or test runs) can share one database; the studio and its workers must name the same one.
 */
export function databaseSchema(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const schema = env.NINETY_DATABASE_SCHEMA?.trim();
  if (!schema) return undefined;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`NINETY_DATABASE_SCHEMA must be a lower-case PostgreSQL name (letters, digits, _), got "${schema}"`);
  return schema;
}

export function queueBackend(options: OpenQueueOptions = {}): QueueBackend {
  return databaseUrlOf(options) ? 'postgres' : 'embedded';
}

export function describeQueue(options: OpenQueueOptions = {}): string {
  return REGISTRY[queueBackend(options)].describe(options);
}

export async function openQueue(options: OpenQueueOptions = {}): Promise<JobQueue> {
  return REGISTRY[queueBackend(options)].open(options);
}
