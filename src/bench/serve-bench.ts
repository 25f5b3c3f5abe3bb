/**
 * Measures the server against nginx on the same folder: requests per second for
 * `Range: bytes=0-65535` on an audio file and for a page, plus the server's peak RSS.
 *
 * Both servers get one process for the work (our Node process; nginx with `worker_processes 1`
 * behind its master), sendfile on, no access log, keep-alive without a request cap, and wrk runs
 * with the same threads and connections against each, in alternating rounds. Neither compresses
 * (wrk sends no Accept-Encoding). Without nginx or wrk the result says so in `note` and `nginx`
 * is null.
 *
 * @example
 *   node dist/bench/serve-bench.js                 # a temp folder with a ~700 KB file and a page
 *   node dist/bench/serve-bench.js out s/audio/01-a-1f2e3d4c.mp3 s/a/
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface ServeBenchResult {
  ninety: { rangeRps: number; pageRps: number; rssMB: number };
  nginx: { rangeRps: number; pageRps: number } | null;
  /** ninety / nginx; NaN without nginx. */
  rangeRatio: number;
  pageRatio: number;
  note?: string;
  /**
   * Server CPU time per request in µs (user + system, lowest of the rounds). Less swayed than
   * requests/second by other work on a shared machine, so it tells whether a low ratio is ours.
   */
  cpuUsPerRequest?: { ninety: { range: number; page: number }; nginx: { range: number; page: number } | null };
}

export interface ServeBenchOptions {
  /** Length of one wrk run. */
  seconds?: number;
  /** Alternating runs per server and path; the best of each counts. */
  rounds?: number;
  connections?: number;
  threads?: number;
  nginxPath?: string;
  wrkPath?: string;
}

const SERVE_MAIN = fileURLToPath(new URL('../serve/serve-main.js', import.meta.url));

export async function benchServe(
  dir: string,
  paths: { audio: string; page: string },
  options: ServeBenchOptions = {},
): Promise<ServeBenchResult> {
  const seconds = options.seconds ?? 3;
  const rounds = options.rounds ?? 3;
  const connections = options.connections ?? 32;
  const threads = options.threads ?? 1;
  const wrk = options.wrkPath ?? '/usr/bin/wrk';
  const nginxBin = options.nginxPath ?? '/usr/sbin/nginx';
  const root = resolve(dir);
  const audio = '/' + paths.audio.replace(/^\/+/, '');
  const page = '/' + paths.page.replace(/^\/+/, '');
  const load = async (url: string, range: boolean, pids: () => number[]): Promise<{ rps: number; cpuUs: number }> => {
    const before = cpuSeconds(pids());
    const run = await runWrk(wrk, url, { seconds, connections, threads, headers: range ? ['Range: bytes=0-65535'] : [] });
    return { rps: run.rps, cpuUs: ((cpuSeconds(pids()) - before) * 1e6) / run.requests };
  };

  const ours = await startOurs(root);
  let theirs: { url: string; child: ChildProcess; tmp: string; pid: number } | null = null;
  let note: string | undefined;
  try {
    if (!existsSync(wrk)) {
      const ninety = { rangeRps: NaN, pageRps: NaN, rssMB: peakRssMB(ours.pid) };
      return { ninety, nginx: null, rangeRatio: NaN, pageRatio: NaN, note: `wrk not found at ${wrk}` };
    }
    if (!existsSync(nginxBin)) note = `nginx not found at ${nginxBin}`;
    else {
      try {
        theirs = await startNginx(nginxBin, root);
      } catch (err) {
        note = `nginx did not start: ${(err as Error).message}`;
      }
    }
    await warm(wrk, ours.url + audio, ours.url + page);
    if (theirs !== null) await warm(wrk, theirs.url + audio, theirs.url + page);
    // Alternating rounds, best of each: the machine may be shared, and a busy neighbour during
    // one run should not decide the ratio.
    const ourPids = (): number[] => [ours.pid];
    const nginxPid = theirs?.pid;
    const theirPids = (): number[] => (nginxPid === undefined ? [] : [nginxPid, ...childrenOf(nginxPid)]);
    const best = { ourRange: new Best(), ourPage: new Best(), theirRange: new Best(), theirPage: new Best() };
    for (let round = 0; round < rounds; round++) {
      best.ourRange.add(await load(ours.url + audio, true, ourPids));
      if (theirs !== null) best.theirRange.add(await load(theirs.url + audio, true, theirPids));
      best.ourPage.add(await load(ours.url + page, false, ourPids));
      if (theirs !== null) best.theirPage.add(await load(theirs.url + page, false, theirPids));
    }
    const ninety = { rangeRps: best.ourRange.rps, pageRps: best.ourPage.rps, rssMB: peakRssMB(ours.pid) };
    const ourCpu = { range: best.ourRange.cpuUs, page: best.ourPage.cpuUs };
    if (theirs === null) {
      const cpuUsPerRequest = { ninety: ourCpu, nginx: null };
      return { ninety, nginx: null, rangeRatio: NaN, pageRatio: NaN, cpuUsPerRequest, ...(note !== undefined ? { note } : {}) };
    }
    return {
      ninety,
      nginx: { rangeRps: best.theirRange.rps, pageRps: best.theirPage.rps },
      rangeRatio: best.ourRange.rps / best.theirRange.rps,
      pageRatio: best.ourPage.rps / best.theirPage.rps,
      cpuUsPerRequest: { ninety: ourCpu, nginx: { range: best.theirRange.cpuUs, page: best.theirPage.cpuUs } },
    };
  } finally {
    await stop(ours.child);
    if (theirs !== null) {
      await stop(theirs.child, 'SIGQUIT');
      await rm(theirs.tmp, { recursive: true, force: true });
    }
  }
}

async function startOurs(root: string): Promise<{ url: string; pid: number; child: ChildProcess }> {
  const child = spawn(process.execPath, [SERVE_MAIN, root, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const line = text.split('\n').find((l) => l.startsWith('http://'));
      if (line !== undefined) resolveUrl(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    child.once('error', reject);
    setTimeout(() => reject(new Error('server printed no URL within 10 s')), 10_000).unref();
  }).catch(async (err: unknown) => {
    await stop(child);
    throw err;
  });
  if (child.pid === undefined) throw new Error('server has no pid');
  return { url, pid: child.pid, child };
}

/** Highest rate and lowest CPU per request seen over the rounds. */
class Best {
  rps = 0;
  cpuUs = Infinity;
  add(run: { rps: number; cpuUs: number }): void {
    this.rps = Math.max(this.rps, run.rps);
    if (Number.isFinite(run.cpuUs)) this.cpuUs = Math.min(this.cpuUs, Math.round(run.cpuUs * 10) / 10);
  }
}

async function startNginx(bin: string, root: string): Promise<{ url: string; child: ChildProcess; tmp: string; pid: number }> {
  const tmp = await mkdtemp(join(tmpdir(), 'ninety-nginx-'));
  const port = await freePort();
  const temps = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'];
  await Promise.all(temps.map((t) => mkdir(join(tmp, t))));
  // As root the worker would drop to `nobody`, which cannot read a 0700 temp folder.
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  const conf = `${user}daemon off;
master_process on;
worker_processes 1;
pid ${tmp}/nginx.pid;
error_log ${tmp}/error.log warn;
events { worker_connections 1024; }
http {
  types { text/html html; audio/mpeg mp3; text/vtt vtt; application/json json; image/png png; text/css css; }
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  ${temps.map((t) => `${t}_temp_path ${tmp}/${t};`).join('\n  ')}
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location / { }
  }
}
`;
  const confPath = join(tmp, 'nginx.conf');
  await writeFile(confPath, conf);
  const child = spawn(bin, ['-c', confPath, '-p', tmp, '-e', join(tmp, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) => reject(new Error(`exit ${code}: ${stderr.trim() || readLog(join(tmp, 'error.log'))}`)));
    child.once('error', reject);
  });
  try {
    await Promise.race([waitForPort(port), exited]);
  } catch (err) {
    await stop(child);
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  if (child.pid === undefined) throw new Error('nginx has no pid');
  return { url: `http://127.0.0.1:${port}`, child, tmp, pid: child.pid };
}

function readLog(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim().split('\n').slice(-3).join(' | ');
  } catch {
    return 'no error log';
  }
}

async function warm(wrk: string, ...urls: string[]): Promise<void> {
  for (const url of urls) await runWrk(wrk, url, { seconds: 1, connections: 8, threads: 1, headers: ['Range: bytes=0-65535'] });
}

export interface WrkRun {
  seconds: number;
  connections: number;
  threads: number;
  headers: string[];
}

export function runWrk(wrk: string, url: string, o: WrkRun): Promise<{ rps: number; requests: number }> {
  const args = [`-t${o.threads}`, `-c${o.connections}`, `-d${o.seconds}s`, ...o.headers.flatMap((h) => ['-H', h]), url];
  return new Promise((resolveRps, reject) => {
    const child = spawn(wrk, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', reject);
    child.once('exit', () => {
      const rate = /Requests\/sec:\s*([\d.]+)/.exec(out)?.[1];
      const requests = /(\d+) requests in/.exec(out)?.[1];
      // Non-2xx answers mean the benchmark measured errors, not serving.
      if (/Non-2xx or 3xx responses/.test(out)) reject(new Error(`wrk saw error responses from ${url}:\n${out}`));
      else if (rate === undefined || requests === undefined) reject(new Error(`no rate in wrk output:\n${out}`));
      else resolveRps({ rps: Number(rate), requests: Number(requests) });
    });
  });
}

/** User + system CPU seconds used so far by these processes; 0 for any that /proc cannot show. */
function cpuSeconds(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name, which may itself contain spaces: utime and stime are 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone or unreadable: counts as nothing.
    }
  }
  return ticks / CLOCK_TICKS;
}

/** Linux reports CPU time in clock ticks of 1/100 s on every common platform. */
const CLOCK_TICKS = 100;

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** Peak resident set (VmHWM) of a live process, in MB; NaN where /proc is missing. */
function peakRssMB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmHWM:\s*(\d+)\s*kB/.exec(status);
    return m?.[1] === undefined ? NaN : Math.round((Number(m[1]) / 1024) * 10) / 10;
  } catch {
    return NaN;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        done(true);
      });
      socket.once('error', () => done(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listening on port ${port}`);
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill(signal);
  });
}

/** A folder like a built series (`dir`, or a new temporary one): one ~700 KB content-hashed MP3 and an episode page. */
export async function makeSample(into?: string): Promise<{ dir: string; audio: string; page: string }> {
  const dir = into ?? (await mkdtemp(join(tmpdir(), 'ninety-serve-bench-')));
  await mkdir(join(dir, 's', 'audio'), { recursive: true });
  await mkdir(join(dir, 's', 'ep'), { recursive: true });
  const audio = Buffer.alloc(700 * 1024);
  for (let i = 0; i < audio.length; i++) audio[i] = (i * 2654435761) >>> 24;
  await writeFile(join(dir, 's', 'audio', '01-ep-0123abcd.mp3'), audio);
  const paragraphs = Array.from({ length: 40 }, (_, i) => `<p>Sentence ${i} of the transcript, with a few words to read.</p>`).join('\n');
  const head = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Episode</title></head>';
  await writeFile(join(dir, 's', 'ep', 'index.html'), `${head}<body>${paragraphs}</body></html>\n`);
  return { dir, audio: 's/audio/01-ep-0123abcd.mp3', page: 's/ep/index.html' };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dirArg, audioArg, pageArg] = process.argv.slice(2);
  const sample = dirArg === undefined ? await makeSample() : null;
  const dir = sample?.dir ?? dirArg ?? '.';
  try {
    const result = await benchServe(dir, { audio: sample?.audio ?? audioArg ?? '', page: sample?.page ?? pageArg ?? '' });
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } finally {
    if (sample !== null) await rm(sample.dir, { recursive: true, force: true });
  }
}
