/**
 * `ninety worker`: runs the studio's queued jobs from a shared PostgreSQL, so any number of machines
 * can share the work. Each takes jobs of the registered kinds (or those named with --kinds) until
 * stopped: the first Ctrl-C or SIGTERM lets the running jobs finish; a second stops them at once and
 * gives them back to the queue for another worker.
 *
 * pg-boss and the handlers are imported inside run(), so other commands never load them.
 *
 * @example
 *   NINETY_DATABASE_URL=postgres://ninety:secret@db.local:5432/ninety ninety worker --concurrency 2
 */
import type { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import type { JobHandler, JobQueue } from '../studio/jobs/jobs.js';
import { type Command, CommandError, parse, UsageError } from './command.js';

export const DATABASE_HELP =
  'set NINETY_DATABASE_URL to the PostgreSQL that holds the jobs, for example ' +
  'NINETY_DATABASE_URL=postgres://ninety:secret@db.local:5432/ninety ninety worker';

export const workerCommand: Command = {
  name: 'worker',
  summary: 'run queued studio jobs from PostgreSQL (NINETY_DATABASE_URL), on any number of machines',
  help: `Usage: ninety worker [--kinds K1,K2] [--concurrency N] [--name NAME]

Takes studio jobs from the PostgreSQL named by NINETY_DATABASE_URL (in the schema named by
NINETY_DATABASE_SCHEMA, default pgboss) and runs them until stopped. The series and output folders
must be at the same paths as on the studio's machine (a shared filesystem).
Ctrl-C (or SIGTERM) once lets the running jobs finish; twice stops them and gives them back to the queue.

Options:
  --kinds K1,K2     only these kinds of job (default: every kind this Ninety can run)
  --concurrency N   jobs at once (default 1)
  --name NAME       this worker's name in the studio (default host:pid)
  -h, --help        show this help
`,
  async run(argv) {
    const { values } = parse(argv, { kinds: { type: 'string' }, concurrency: { type: 'string' }, name: { type: 'string' } }, 0);
    const concurrency = parseConcurrency(values.concurrency);
    const url = process.env.NINETY_DATABASE_URL?.trim();
    if (!url) throw new CommandError(DATABASE_HELP);
    const { HANDLERS } = await import('../studio/jobs/handlers.js');
    const handlers = chooseHandlers(HANDLERS, values.kinds);
    const { openPostgresQueue, redact } = await import('../studio/jobs/postgres.js');
    const { databaseSchema } = await import('../studio/jobs/queues.js');
    let queue: JobQueue;
    try {
      const schema = databaseSchema();
      queue = await openPostgresQueue(url, schema ? { schema } : {});
    } catch (error) {
      throw new CommandError((error as Error).message);
    }
    const worker = values.name ?? `${hostname()}:${process.pid}`;
    process.stdout.write(`Worker ${worker} takes ${Object.keys(handlers).join(', ')} jobs from ${redact(url)} (Ctrl-C to stop)\n`);
    await workUntilStopped(queue, handlers, { worker, concurrency }, process, (line) => process.stdout.write(`${line}\n`));
    return 0;
  },
};

function parseConcurrency(value: string | undefined): number {
  if (value === undefined) return 1;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--concurrency must be a whole number from 1 to 64, got "${value}"`);
  return n;
}

/** The handlers for the kinds asked for (all registered kinds by default). */
export function chooseHandlers(
  registered: Readonly<Record<string, JobHandler>>,
  kinds: string | undefined,
): Record<string, JobHandler> {
  const known = Object.keys(registered);
  if (known.length === 0) throw new CommandError('this Ninety has no job handlers registered yet, so there is nothing to run');
  if (kinds === undefined) return { ...registered };
  const asked = kinds.split(',').map((kind) => kind.trim()).filter(Boolean);
  if (asked.length === 0) throw new UsageError('--kinds needs at least one kind of job');
  const chosen: Record<string, JobHandler> = {};
  for (const kind of asked) {
    const handler = Object.hasOwn(registered, kind) ? registered[kind] : undefined;
    if (!handler) throw new UsageError(`no job kind "${kind}"; available: ${known.join(', ')}`);
    chosen[kind] = handler;
  }
  return chosen;
}

/**
 * Runs jobs until the first SIGINT/SIGTERM from `signals` (then lets running jobs finish) or the
 * second (then aborts them; closing the queue hands them back). Closes the queue.
 */
export async function workUntilStopped(
  queue: JobQueue,
  handlers: Readonly<Record<string, JobHandler>>,
  options: { worker: string; concurrency: number; pollMs?: number },
  signals: EventEmitter,
  say: (line: string) => void,
): Promise<void> {
  const { runJobs } = await import('../studio/jobs/runner.js');
  const runner = runJobs(queue, handlers, options);
  let asked = 0;
  let onSignal = () => {};
  await new Promise<void>((resolve) => {
    onSignal = () => {
      asked++;
      if (asked === 1) {
        say('Stopping once the running jobs finish (press Ctrl-C again to stop them now)…');
        void runner.stop().then(resolve);
      } else if (asked === 2) {
        say('Stopping now; unfinished jobs go back to the queue.');
        void runner.stop({ abort: true }).then(resolve);
      }
    };
    signals.on('SIGINT', onSignal);
    signals.on('SIGTERM', onSignal);
  });
  signals.off('SIGINT', onSignal);
  signals.off('SIGTERM', onSignal);
  await queue.close();
  say('Worker stopped.');
}
