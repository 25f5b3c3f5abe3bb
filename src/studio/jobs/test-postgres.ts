/**
 * A real PostgreSQL for the job store's tests and benchmark: NINETY_TEST_DATABASE_URL when set,
 * otherwise a throwaway cluster started from the machine's PostgreSQL binaries (on PATH, or
 * Debian's /usr/lib/postgresql/<version>/bin) in a temporary folder, on a free port, and removed
 * after. PostgreSQL refuses to run as root, so as root the cluster belongs to `nobody`.
 *
 * On CI (CI set) a PostgreSQL that cannot be found or started is an error, not a skip: the
 * contract must run against both stores there.
 *
 * @example
 *   const pg = await startTestPostgres();
 *   if ('unavailable' in pg) console.log(pg.unavailable);
 *   else { const queue = await openPostgresQueue(pg.url, { schema: pg.schema }); …; await pg.stop(); }
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestPostgres {
  url: string;
  /** A schema of this run's own, so runs sharing a database do not see each other's jobs. */
  schema: string;
  /** Where it came from, for a log line. */
  source: string;
  stop(): Promise<void>;
}

export interface TestPostgresOptions {
  /** Throw instead of answering `unavailable` (default: when CI is set). */
  required?: boolean;
  env?: NodeJS.ProcessEnv;
  /** The folder of initdb and pg_ctl (default: found by `postgresBinaries`). */
  binDir?: string;
}

export async function startTestPostgres(options: TestPostgresOptions = {}): Promise<TestPostgres | { unavailable: string }> {
  const env = options.env ?? process.env;
  const required = options.required ?? Boolean(env.CI);
  const schema = `ninety_test_${process.pid}_${Date.now().toString(36)}`;
  const given = env.NINETY_TEST_DATABASE_URL?.trim();
  if (given) {
    return { url: given, schema, source: 'NINETY_TEST_DATABASE_URL', stop: () => dropSchema(given, schema) };
  }
  try {
    return { ...(await startCluster(options.binDir ?? postgresBinaries(env))), schema };
  } catch (error) {
    const reason = `no PostgreSQL for the tests: ${(error as Error).message}`;
    if (required) {
      throw new Error(`${reason}. On CI the PostgreSQL tests must run: install the Debian package "postgresql" or set NINETY_TEST_DATABASE_URL`);
    }
    return { unavailable: `${reason} (install PostgreSQL or set NINETY_TEST_DATABASE_URL)` };
  }
}

/** The folder holding initdb and pg_ctl: PATH first, then Debian's versioned folders, newest first. */
export function postgresBinaries(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => join(debian, version, 'bin')));
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

async function startCluster(bin: string | undefined): Promise<Omit<TestPostgres, 'schema'>> {
  if (!bin || !existsSync(join(bin, 'initdb'))) throw new Error('initdb and pg_ctl were not found on PATH or under /usr/lib/postgresql');
  const dir = await mkdtemp(join(tmpdir(), 'ninety-pg-'));
  const asRoot = process.getuid?.() === 0;
  // PostgreSQL will not run as root; `nobody` owns the cluster's folder and runs the server.
  if (asRoot) await chown(dir, 65534, 65534);
  const command = (tool: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'nobody', '--', join(bin, tool), ...args]] : [join(bin, tool), args];
  const data = join(dir, 'data');
  const port = await freePort();
  try {
    await run(...command('initdb', ['-D', data, '-A', 'trust', '-U', 'ninety', '-E', 'UTF8', '--no-sync']));
    // Durability is not what these tests are about: fsync off makes the cluster quick to use.
    const settings = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    await run(...command('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', settings, 'start']));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    const detail = (error as { stderr?: string }).stderr?.trim().split('\n').pop() ?? (error as Error).message;
    throw new Error(`could not start a PostgreSQL cluster with ${bin}: ${detail}`);
  }
  // Should the process end without stop(), the server must not outlive it.
  const stopNow = () => {
    const [file, args] = command('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    spawnSync(file, args, { stdio: 'ignore' });
  };
  process.once('exit', stopNow);
  let stopped = false;
  return {
    url: `postgres://ninety@127.0.0.1:${port}/postgres`,
    source: `a throwaway cluster from ${bin}`,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.off('exit', stopNow);
      const [file, args] = command('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      await run(file, args).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

interface PgClient {
  connect(): Promise<void>;
  query(text: string): Promise<unknown>;
  end(): Promise<void>;
}

/** Leaves a shared database as it was found. */
async function dropSchema(url: string, schema: string): Promise<void> {
  // pg comes with pg-boss; it has no types of its own here, hence the small interface above.
  const pg = createRequire(import.meta.url)('pg') as { Client: new (options: { connectionString: string }) => PgClient };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
