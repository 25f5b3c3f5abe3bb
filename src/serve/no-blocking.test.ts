import assert from 'node:assert/strict';
import fs from 'node:fs';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fetchRaw } from './loopback.fixture.js';
import { startServer, type RunningServer } from './server.js';

/** Every synchronous call that could touch the disk; named imports see the swap too. */
const SYNC_CALLS = [
  'statSync',
  'lstatSync',
  'fstatSync',
  'realpathSync',
  'openSync',
  'readSync',
  'readFileSync',
  'closeSync',
  'existsSync',
  'accessSync',
  'readdirSync',
] as const;

/** Runs `work` with the synchronous file-system calls replaced by ones that record and throw. */
async function withoutSyncCalls(work: () => Promise<void>): Promise<string[]> {
  const calls: string[] = [];
  const mutable = fs as unknown as Record<string, unknown>;
  const saved = SYNC_CALLS.map((name) => [name, mutable[name]] as const);
  for (const name of SYNC_CALLS) {
    mutable[name] = (...args: unknown[]) => {
      calls.push(`${name}(${String(args[0])})`);
      throw new Error(`${name} called while serving`);
    };
  }
  syncBuiltinESMExports();
  try {
    await work();
  } finally {
    for (const [name, original] of saved) mutable[name] = original;
    syncBuiltinESMExports();
  }
  return calls;
}

describe('serving without blocking', () => {
  let base: string;
  let server: RunningServer;

  before(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'ninety-no-blocking-')));
    await mkdir(join(base, 's', 'ep'), { recursive: true });
    await mkdir(join(base, 's', 'audio'), { recursive: true });
    await writeFile(join(base, 's', 'ep', 'index.html'), '<!doctype html><title>Ep</title>' + '<p>words</p>'.repeat(100));
    await writeFile(join(base, 's', 'audio', '01-ep-0123abcd.mp3'), Buffer.alloc(700 * 1024, 3));
    server = await startServer({ root: base, port: 0 });
  });

  after(async () => {
    await server.close();
    await rm(base, { recursive: true, force: true });
  });

  it('answers pages, ranges, whole files, redirects and 404s with no synchronous file-system call', async () => {
    const statuses: number[] = [];
    const calls = await withoutSyncCalls(async () => {
      const get = async (path: string, headers: Record<string, string> = {}): Promise<void> => {
        statuses.push((await fetchRaw(server.url, path, { headers })).status);
      };
      await get('/s/ep/');
      await get('/s/ep/', { 'Accept-Encoding': 'br' });
      await get('/s/audio/01-ep-0123abcd.mp3', { Range: 'bytes=0-1' });
      await get('/s/audio/01-ep-0123abcd.mp3', { Range: 'bytes=100000-' });
      await get('/s/audio/01-ep-0123abcd.mp3');
      await get('/s/ep');
      await get('/s/missing/');
    });
    assert.deepEqual(calls, []);
    assert.deepEqual(statuses, [200, 200, 206, 206, 200, 301, 404]);
  });
});
