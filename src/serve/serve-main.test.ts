import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fetchRaw } from './loopback.fixture.js';

const MAIN = fileURLToPath(new URL('./serve-main.js', import.meta.url));

interface Run {
  child: ChildProcess;
  /** The first line on standard output: the URL, once listening. */
  firstLine: Promise<string>;
  /** Exit code (or signal) and all of standard error. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

const children: ChildProcess[] = [];

/** The entry point as the benchmark runs it, in its own process. */
function run(args: string[], cwd: string): Run {
  const child = spawn(process.execPath, [MAIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += String(c)));
  const firstLine = new Promise<string>((resolve) => {
    child.stdout?.on('data', (c: Buffer) => {
      stdout += String(c);
      if (stdout.includes('\n')) resolve(stdout.slice(0, stdout.indexOf('\n')));
    });
    child.once('exit', () => resolve(stdout));
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, firstLine, exited };
}

describe('serve-main', () => {
  let base: string;
  let site: string;

  before(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'ninety-serve-main-')));
    site = join(base, 'site');
    await mkdir(join(site, 'out'), { recursive: true });
    await writeFile(join(site, 'index.html'), '<!doctype html><title>Library</title>');
  });

  after(async () => {
    // A failed assertion leaves its server running; it must not outlive the tests.
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(base, { recursive: true, force: true });
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`prints its URL once listening, serves the folder, and exits 0 on ${signal}`, async () => {
      const server = run([site, '0'], base);
      const url = await server.firstLine;
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const reply = await fetchRaw(url, '/');
      assert.equal(reply.status, 200);
      assert.equal(reply.body.toString(), '<!doctype html><title>Library</title>');
      server.child.kill(signal);
      const { code, signal: killedBy, stderr } = await server.exited;
      assert.deepEqual({ code, killedBy, stderr }, { code: 0, killedBy: null, stderr: '' });
    });
  }

  it('listens on the host it is given', async () => {
    const server = run([site, '0', 'localhost'], base);
    const url = await server.firstLine;
    assert.match(url, /^http:\/\/localhost:\d+$/);
    assert.equal((await fetchRaw(url, '/')).status, 200);
    server.child.kill('SIGTERM');
    assert.equal((await server.exited).code, 0);
  });

  for (const port of ['abc', '1.5', '-1', '65536']) {
    it(`refuses the port ${port} with exit status 2 before serving anything`, async () => {
      const { code, stderr } = await run([site, port], base).exited;
      assert.equal(code, 2);
      assert.equal(stderr, `not a port: ${port}\n`);
    });
  }

  it('takes 65535 as a port', async () => {
    const server = run([site, '65535'], base);
    const line = await server.firstLine;
    server.child.kill('SIGTERM');
    const { stderr } = await server.exited;
    // Someone else may hold that port; either way it was not refused as a port.
    if (line === '') assert.match(stderr, /^cannot serve .*65535/);
    else assert.equal(line, 'http://127.0.0.1:65535');
  });

  it('says which folder it cannot serve and exits 1', async () => {
    const { code, stderr } = await run([join(base, 'missing'), '0'], base).exited;
    assert.equal(code, 1);
    assert.match(stderr, new RegExp(`^cannot serve ${join(base, 'missing')}: ENOENT`));
  });

  it('serves ./out on port 4321 when given nothing', async () => {
    const server = run([], site);
    const line = await server.firstLine;
    server.child.kill('SIGTERM');
    const { stderr } = await server.exited;
    // The port may be taken on a machine running the site already; the message still names it.
    if (line === '') assert.match(stderr, /^cannot serve out: .*4321/);
    else assert.equal(line, 'http://127.0.0.1:4321');
  });
});
