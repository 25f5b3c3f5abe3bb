/**
 * Test support for the studio over real HTTP: a browser-like client (keeps its cookies, reads the
 * form token from a page, sends the Origin a browser sends), the studio served by the real
 * `ninety serve` in a child process (so it can be killed with -9 and started again on the same
 * folders), and small readers of what a series page and a series folder say.
 *
 * @example
 *   const server = await startStudioProcess({ cwd: root, env: { NINETY_LLM_BASE_URL: model.baseUrl } });
 *   const c = await studioClient(server.url);
 *   await c.post('/studio/handwritten', c.form({ title: 'Bread' }));
 *   (await jobOf(c, 'bread')).state;   // 'none', 'queued', 'running', 'done', 'failed' or 'cancelled'
 *   await server.kill('SIGKILL');
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitEpisode } from '../series/front-matter.js';

const CLI = fileURLToPath(new URL('../../bin/ninety.js', import.meta.url));
/** The tests' environment without the user's model, speech or job settings. */
export const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('NINETY_') && k !== 'OPENAI_API_KEY'));

export interface StudioClient {
  url: string;
  csrf: string;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  post(path: string, body: FormData | URLSearchParams, headers?: Record<string, string>): Promise<Response>;
  /** A form body carrying the session's token. */
  form(fields: Record<string, string>): URLSearchParams;
}

/** A browser-like client of the studio at `url`: after a visit with the token (when given) it holds a session and its form token. */
export async function studioClient(url: string, token?: string): Promise<StudioClient> {
  const jar = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      jar.set(name!, value!);
    }
    return response;
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const c: StudioClient = {
    url,
    csrf: '',
    get: async (path, headers = {}) => remember(await fetch(`${url}${path}`, { headers: { cookie: cookie(), ...headers }, redirect: 'manual' })),
    post: async (path, body, headers = {}) =>
      remember(await fetch(`${url}${path}`, { method: 'POST', body, headers: { cookie: cookie(), origin: url, ...headers }, redirect: 'manual' })),
    form: (fields) => new URLSearchParams({ _csrf: c.csrf, ...fields }),
  };
  if (token) assert.equal((await c.get(`/studio/?token=${token}`)).status, 303);
  const page = await (await c.get('/studio/')).text();
  c.csrf = /name="_csrf" value="([0-9a-f]+)"/.exec(page)?.[1] ?? '';
  assert.ok(c.csrf, 'the studio page carries a form token');
  return c;
}

export interface JobView {
  state: string;
  kind: string;
  /** The job's line as the page shows it: what runs, how far, or how it ended (with the reason). */
  text: string;
  /** The job the page's Retry and Cancel buttons act on ('' when there is none). */
  id: string;
}

/** The latest job of a series, as its page shows it. */
export async function jobOf(c: StudioClient, slug: string): Promise<JobView> {
  const page = await (await c.get(`/studio/series/${slug}`)).text();
  const status = /<p id="job-status"[^>]*data-state="([a-z]+)" data-kind="([a-z-]*)"[^>]*>([^<]*)<\/p>/.exec(page);
  assert.ok(status, `the page of ${slug} shows a job status`);
  return { state: status[1]!, kind: status[2]!, text: unescape(status[3]!), id: /name="job" value="([0-9a-f-]*)"/.exec(page)?.[1] ?? '' };
}

/** Waits until the series' latest job is of `kind` and in one of `states`; fails after `timeoutMs`. */
export async function waitForJob(c: StudioClient, slug: string, kind: string, states: readonly string[], timeoutMs = 120_000): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  let last: JobView | undefined;
  for (;;) {
    last = await jobOf(c, slug);
    if (last.kind === kind && states.includes(last.state)) return last;
    if (Date.now() > deadline) assert.fail(`the ${kind} job of ${slug} did not reach ${states.join(' or ')}; last seen: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Each episode file of a series folder with its script (empty when none is written). */
export async function episodeScripts(dir: string): Promise<{ file: string; script: string }[]> {
  const folder = join(dir, 'episodes');
  const names = (await readdir(folder)).filter((n) => n.endsWith('.md')).sort();
  return Promise.all(
    names.map(async (file) => {
      const parts = splitEpisode(await readFile(join(folder, file), 'utf8'));
      return { file, script: parts.kind === 'split' ? parts.script.trim() : '' };
    }),
  );
}

export interface StudioProcess {
  url: string;
  child: ChildProcess;
  /** What the process wrote to stderr so far. */
  stderr(): string;
  /** Sends the signal and resolves when the process has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * `ninety serve out --port 0` in `cwd` (series/ and .ninety/ beside out/), started without
 * blocking this process, whose event loop may be serving a model on loopback. With `port`, on
 * that port: a server started again where an open page expects it.
 */
export async function startStudioProcess(options: { cwd: string; env?: NodeJS.ProcessEnv; port?: number }): Promise<StudioProcess> {
  const args = [CLI, 'serve', 'out', '--port', String(options.port ?? 0)];
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: { ...CLEAN_ENV, ...options.env } });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      // The server names itself as localhost; loopback by number avoids a lookup that may prefer ::1.
      const port = /at http:\/\/localhost:(\d+)\//.exec(stdout)?.[1];
      if (port) resolve(`http://127.0.0.1:${port}`);
    });
    child.once('exit', (code) => reject(new Error(`ninety serve exited (${code}) before serving: ${stderr}`)));
  });
  return {
    url,
    child,
    stderr: () => stderr,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** A loopback port nothing listens on now, for a server that must come back on the same one. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function unescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
