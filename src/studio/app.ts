/**
 * The studio's routes, as a Hono app mounted at /studio/ beside the static site: pages rendered on
 * the server (forms that work without a script), the writes they post, the steps queued as jobs
 * (cancelled and retried from the progress panel), and their progress pushed as server-sent events. Everything passes the gate (guard.ts) first;
 * generation is rate-limited per client; bodies are limited in size.
 *
 * @example
 *   const studio = createStudio({ seriesRoot: 'series', outDir: 'out', dataDir: '.ninety' });
 *   http.createServer(getRequestListener(studio.app.fetch));
 *   await studio.close();
 */
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compactCss } from '../publish/site.js';
import { plainLine } from '../series/text.js';
import { describeEngine } from '../speech/engines.js';
import { modelSettings } from '../write/model/settings.js';
import { seriesSlug } from '../write/slug.js';
import { readWrittenSeries, type WrittenSeries } from '../write/written-series.js';
import { events } from './events.js';
import { csrfToken, guard } from './guard.js';
import { editOutline, formValues, parseAction, rowsFromForm } from './outline-edit.js';
import { renderEpisode } from './pages/episode.js';
import { renderHome } from './pages/home.js';
import { renderSeries } from './pages/series.js';
import { createRateLimit, type RateLimit } from './rate-limit.js';
import { reviewEpisode } from './review.js';
import { startStudioJobs, type StudioJobs } from './studio-jobs.js';
import { MAX_UPLOAD_BYTES, MAX_UPLOADS, storeUpload, UploadError } from './uploads.js';
import { createHandWritten, listSeries, saveOutline, saveScript, seriesDir, sourcesText } from './workspace.js';

export interface StudioOptions {
  seriesRoot: string;
  outDir: string;
  /** Jobs and uploads (default `.ninety`). */
  dataDir?: string;
  token?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Generation requests per client: at once, then per minute (default 10, then 20). */
  rate?: { burst: number; perMinute: number };
  /** The job queue; default one opened in `dataDir/jobs`. */
  jobs?: StudioJobs;
}

export interface Studio {
  app: Hono;
  jobs: StudioJobs;
  close(): Promise<void>;
}

const WEB_BUILD = new URL('../web/studio/', import.meta.url);
const WEB_SOURCE = new URL('../../web/', import.meta.url);
const BODY_LIMIT = MAX_UPLOADS * MAX_UPLOAD_BYTES + 64 * 1024;

export function createStudio(options: StudioOptions): Studio {
  const env = options.env ?? process.env;
  const dataDir = options.dataDir ?? '.ninety';
  const jobs = options.jobs ?? startStudioJobs({ folder: join(dataDir, 'jobs'), ...(env.NINETY_DATABASE_URL ? { databaseUrl: env.NINETY_DATABASE_URL } : {}) });
  const limit: RateLimit = createRateLimit(options.rate ?? { burst: 10, perMinute: 20 });
  const modelProblem = () => {
    const settings = modelSettings(env);
    return 'problem' in settings ? settings.problem : undefined;
  };
  const voices = describeEngine('flite', env).voices;
  const samples = new Map<string, Promise<Uint8Array>>();

  const app = new Hono();
  app.use('/studio/*', bodyLimit({ maxSize: BODY_LIMIT, onError: (c) => c.text(`Refused: a request may carry at most ${Math.round(BODY_LIMIT / 1024 / 1024)} MB.\n`, 413) }));
  app.use('/studio/*', guard({ token: options.token, secret: randomBytes(32) }));
  app.get('/studio', (c) => c.redirect('/studio/', 301));

  const limited = (c: Context): Response | undefined => {
    const taken = limit.take(clientOf(c));
    if (taken.ok) return undefined;
    c.header('Retry-After', String(taken.retryAfterSeconds));
    return c.text(`Too many requests: try again in ${taken.retryAfterSeconds} s.\n`, 429);
  };
  const wantsJson = (c: Context) => (c.req.header('accept') ?? '').includes('application/json');
  const dirOf = (c: Context) => seriesDir(options.seriesRoot, c.req.param('slug') ?? '');
  const home = async (c: Context, problem?: string, status: 200 | 400 | 413 = 200) =>
    c.html(renderHome({ series: await listSeries(options.seriesRoot), voices, modelProblem: modelProblem(), csrf: csrfToken(c), problem }), status);

  app.get('/studio/', (c) => home(c));

  app.get('/studio/assets/:name', async (c) => {
    const name = c.req.param('name');
    if (name === 'site.css') return asset(c, compactCss(await readFile(new URL('site.css', WEB_SOURCE), 'utf8')), 'text/css; charset=utf-8');
    if (name === 'studio.css') return asset(c, await readFile(new URL('studio/studio.css', WEB_SOURCE), 'utf8'), 'text/css; charset=utf-8');
    if (/^[a-z-]+\.js$/.test(name)) {
      const text = await readFile(new URL(name, WEB_BUILD), 'utf8').catch(() => undefined);
      if (text !== undefined) return asset(c, text, 'text/javascript; charset=utf-8');
    }
    if (name === 'favicon.svg') return asset(c, FAVICON, 'image/svg+xml');
    if (name === 'favicon-32.png') {
      const png = await readFile(join(options.outDir, 'assets', name)).catch(() => undefined);
      if (png) return asset(c, png, 'image/png');
    }
    return c.text('Not found\n', 404);
  });

  app.post('/studio/series', async (c) => {
    const denied = limited(c);
    if (denied) return denied;
    const problem = modelProblem();
    if (problem) return home(c, problem, 400);
    const body = await c.req.parseBody({ all: true });
    const topic = plainLine(text(body.topic), 255);
    if (!topic) return home(c, 'Give the series a topic.', 400);
    const files = formValues(body.files).filter((f): f is File => typeof f === 'object' && f !== null && 'arrayBuffer' in f && (f as File).size > 0);
    if (files.length > MAX_UPLOADS) return home(c, `Give at most ${MAX_UPLOADS} documents.`, 400);
    const sources: string[] = [];
    try {
      for (const file of files) sources.push(await storeUpload(file, join(dataDir, 'uploads')));
    } catch (error) {
      if (!(error instanceof UploadError)) throw error;
      return home(c, `${error.message}.`, error.message.includes('larger than') ? 413 : 400);
    }
    for (const line of text(body.urls).split('\n').map((l) => l.trim()).filter(Boolean)) {
      if (!/^https?:\/\//.test(line) || !URL.canParse(line)) return home(c, `"${plainLine(line, 80)}" is not a web address (http or https).`, 400);
      sources.push(line);
    }
    const hosts = text(body.hosts) === '2' ? 2 : 1;
    const chosen = formValues(body.voice).map(text).filter((v) => voices.includes(v));
    const slug = await freeSlug(options.seriesRoot, seriesSlug(topic));
    const audience = plainLine(text(body.audience), 200);
    await jobs.enqueue('write-outline', {
      seriesRoot: options.seriesRoot,
      slug,
      topic,
      episodes: bounded(text(body.episodes), 1, 30, 6),
      seconds: bounded(text(body.seconds), 20, 300, 90),
      ...(audience ? { audience } : {}),
      hosts,
      voices: chosen.slice(0, hosts),
      sources,
    });
    return c.redirect(`/studio/series/${slug}`, 303);
  });

  app.post('/studio/handwritten', async (c) => {
    const body = await c.req.parseBody({ all: true });
    const title = plainLine(text(body.title), 255);
    if (!title) return home(c, 'Give the series a title.', 400);
    const slug = await freeSlug(options.seriesRoot, seriesSlug(title));
    const voice = formValues(body.voice).map(text).find((v) => voices.includes(v)) ?? 'rms';
    await createHandWritten(options.seriesRoot, { slug, title, topic: title, episodes: bounded(text(body.episodes), 1, 30, 3), seconds: bounded(text(body.seconds), 20, 300, 90), voices: [voice] });
    return c.redirect(`/studio/series/${slug}`, 303);
  });

  app.get('/studio/series/:slug', async (c) => {
    const dir = dirOf(c);
    if (!dir) return c.text('Not found\n', 404);
    const slug = c.req.param('slug');
    const job = await jobs.latest(slug);
    const found = await openSeries(dir);
    if (!found.written && !job && !found.problem) return c.text('Not found\n', 404);
    const published = await stat(join(options.outDir, slug, 'episodes.json')).then(() => true, () => false);
    return c.html(renderSeries({ slug, written: found.written, problem: found.problem, job, csrf: csrfToken(c), canWrite: !modelProblem(), published }));
  });

  app.post('/studio/series/:slug/outline', async (c) => {
    const dir = dirOf(c);
    const found = dir ? await openSeries(dir) : {};
    if (!dir || !found.written) return c.text('Not found\n', 404);
    const body = await c.req.parseBody({ all: true });
    await saveOutline(dir, editOutline(rowsFromForm(body), parseAction(body.action)));
    if (wantsJson(c)) return c.json({ saved: true });
    return c.redirect(`/studio/series/${c.req.param('slug')}`, 303);
  });

  const enqueueFor = (kind: string, extra: (c: Context, body: Record<string, unknown>) => Record<string, unknown>) => async (c: Context) => {
    const dir = dirOf(c);
    if (!dir || !(await openSeries(dir)).written) return c.text('Not found\n', 404);
    const denied = limited(c);
    if (denied) return denied;
    const problem = kind === 'voice-series' ? undefined : modelProblem();
    if (problem) return c.text(`${problem}\n`, 400);
    const body = await c.req.parseBody({ all: true });
    const slug = c.req.param('slug')!;
    await jobs.enqueue(kind, { slug, dir, ...extra(c, body) });
    const back = c.req.param('number') ? `/studio/series/${slug}/episodes/${c.req.param('number')}` : `/studio/series/${slug}`;
    return wantsJson(c) ? c.json({ queued: true }) : c.redirect(back, 303);
  };
  app.post('/studio/series/:slug/scripts', enqueueFor('write-scripts', () => ({})));
  app.post('/studio/series/:slug/voice', enqueueFor('voice-series', () => ({ outDir: options.outDir })));
  app.post(
    '/studio/series/:slug/episodes/:number/rewrite',
    enqueueFor('rewrite-episode', (c, body) => {
      const note = plainLine(text(body.note), 500);
      return { number: Number(c.req.param('number')), ...(note ? { note } : {}) };
    }),
  );

  // The progress panel's buttons: the job is named, and must be this series' (a stale page cannot act on another).
  const jobAction = (action: 'retry' | 'cancel') => async (c: Context) => {
    const slug = c.req.param('slug') ?? '';
    if (!dirOf(c)) return c.text('Not found\n', 404);
    if (action === 'retry') {
      const denied = limited(c);
      if (denied) return denied;
    }
    const body = await c.req.parseBody();
    const job = await jobs.get(text(body.job));
    if (!job || (job.payload as { slug?: string } | null)?.slug !== slug) return c.text('Not found\n', 404);
    const allowed = action === 'retry' ? ['failed', 'cancelled'] : ['queued', 'running'];
    if (!allowed.includes(job.state)) return c.text(`This job is ${job.state}; it cannot be ${action === 'retry' ? 'retried' : 'cancelled'} now.\n`, 409);
    await (action === 'retry' ? jobs.retry(job.id) : jobs.cancel(job.id));
    if (wantsJson(c)) return c.json({ [action === 'retry' ? 'retried' : 'cancelled']: true });
    const number = (job.payload as { number?: number }).number;
    return c.redirect(number ? `/studio/series/${slug}/episodes/${number}` : `/studio/series/${slug}`, 303);
  };
  app.post('/studio/series/:slug/jobs/retry', jobAction('retry'));
  app.post('/studio/series/:slug/jobs/cancel', jobAction('cancel'));

  app.get('/studio/series/:slug/episodes/:number', async (c) => {
    const dir = dirOf(c);
    const number = Number(c.req.param('number'));
    const found = dir ? await openSeries(dir) : {};
    const episode = found.written?.episodes.find((e) => e.number === number);
    if (!dir || !found.written || !episode) return c.text('Not found\n', 404);
    const slug = c.req.param('slug');
    return c.html(
      renderEpisode({
        slug,
        seriesTitle: found.written.series.title,
        episode,
        review: await reviewEpisode(dir, number),
        sources: sourcesText(episode),
        job: await jobs.latest(slug),
        csrf: csrfToken(c),
        canWrite: !modelProblem(),
      }),
    );
  });

  app.post('/studio/series/:slug/episodes/:number', async (c) => {
    const dir = dirOf(c);
    const number = Number(c.req.param('number'));
    const found = dir ? await openSeries(dir) : {};
    if (!dir || !found.written?.episodes.some((e) => e.number === number)) return c.text('Not found\n', 404);
    const body = await c.req.parseBody({ all: true });
    await saveScript(dir, number, text(body.script).slice(0, 100_000), body.sources === undefined ? undefined : text(body.sources).slice(0, 10_000));
    if (wantsJson(c)) return c.json(await reviewEpisode(dir, number));
    return c.redirect(`/studio/series/${c.req.param('slug')}/episodes/${number}`, 303);
  });

  app.get('/studio/series/:slug/events', (c) => {
    const dir = dirOf(c);
    if (!dir) return c.text('Not found\n', 404);
    return events(c, c.req.param('slug'), dir, jobs);
  });

  app.get('/studio/voices/:voice/sample.mp3', async (c) => {
    const voice = c.req.param('voice');
    if (!voices.includes(voice)) return c.text('Not found\n', 404);
    if (!samples.has(voice)) {
      const denied = limited(c);
      if (denied) return denied;
      const { speakSample } = await import('../cli/voice-sample.js');
      const made = speakSample({ text: 'Hello. This is how I sound, reading a short episode of your series.', engine: 'flite', voice, language: 'en' }).then((s) => s.mp3);
      made.catch(() => samples.delete(voice));
      samples.set(voice, made);
    }
    const mp3 = await samples.get(voice)!;
    return c.body(mp3 as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'audio/mpeg', 'Cache-Control': 'private, max-age=3600' });
  });

  app.notFound((c) => c.text('Not found\n', 404));
  app.onError((error, c) => {
    process.stderr.write(`ninety studio: ${c.req.method} ${new URL(c.req.url).pathname}: ${error.stack ?? error.message}\n`);
    return c.text('Something went wrong in the studio; the server log says what.\n', 500);
  });

  return { app, jobs, close: () => jobs.close() };
}

async function openSeries(dir: string): Promise<{ written?: WrittenSeries; problem?: string }> {
  if (!(await stat(join(dir, 'series.yaml')).catch(() => undefined))) return {};
  try {
    return { written: await readWrittenSeries(dir) };
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

async function freeSlug(root: string, wanted: string): Promise<string> {
  const base = wanted.slice(0, 56) || 'series';
  for (let n = 1; ; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    if (!(await stat(join(root, slug)).catch(() => undefined))) return slug;
  }
}

function clientOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function asset(c: Context, body: string | Uint8Array, type: string): Response {
  return c.body(body as string, 200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : Array.isArray(value) ? text(value[0]) : '';
}

function bounded(value: string, min: number, max: number, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

const FAVICON = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#ad3517"/></svg>';
