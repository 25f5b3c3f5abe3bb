/**
 * The pipeline steps the studio runs as jobs, each a plain function of a job's payload and its
 * context: write an outline, write the missing scripts, rewrite one episode with a note, voice and
 * publish a series. Each calls the same functions the CLI does, and each can be run again after a
 * crash: the folder on disk says what is done, and the build's cache keeps every voiced episode.
 * A cancelled job's signal stops its step between one model call (one script) and the next, and
 * between one spoken episode and the next; what was finished stays on disk.
 *
 * @example
 *   await writeOutlineStep({ seriesRoot: 'series', slug: 'sourdough', topic: 'sourdough', episodes: 6,
 *     seconds: 90, hosts: 1, voices: ['slt'], sources: [] }, { signal, progress });
 */
import { join } from 'node:path';
import { buildSeries } from '../build/build.js';
import type { ProgressReporter } from '../build/progress.js';
import type { LanguageModel } from '../write/model/model.js';
import { createModel } from '../write/model/models.js';
import { modelSettings } from '../write/model/settings.js';
import { continueSeries, newSeries } from '../write/new-series.js';
import type { OutlinedEpisode } from '../write/outlined.js';
import { rewriteEpisode } from '../write/rewrite.js';
import type { JobContext } from './jobs/jobs.js';
import type { OutlineDraft } from './outline-draft.js';
import { setVoices } from './workspace.js';

export interface OutlineRequest {
  seriesRoot: string;
  slug: string;
  topic: string;
  episodes: number;
  seconds: number;
  audience?: string;
  hosts: 1 | 2;
  voices: string[];
  /** Stored uploads (paths) and http(s) addresses. */
  sources: string[];
}

export interface SeriesRequest {
  slug: string;
  dir: string;
}

export interface RewriteRequest extends SeriesRequest {
  number: number;
  note?: string;
}

export interface VoiceRequest extends SeriesRequest {
  outDir: string;
}

/** Scripts written at once: a local model is usually busy with one, a hosted one takes a few. */
const CONCURRENCY = 2;

export async function writeOutlineStep(request: OutlineRequest, context: JobContext): Promise<unknown> {
  const model = configuredModel(context.signal);
  const dir = join(request.seriesRoot, request.slug);
  const progress = reporter(context, 'Writing the outline');
  // In order, one after another: a later list must not be overwritten by an earlier one still on its way.
  let shown = Promise.resolve();
  const onOutlined = (episodes: OutlinedEpisode[]) => {
    const partial: OutlineDraft = { episodes: episodes.map(({ number: _number, ...episode }) => episode) };
    const line = 'The episodes appear below as they arrive.';
    shown = shown.then(() => context.progress({ done: episodes.length, total: request.episodes, line, partial })).catch(() => undefined);
  };
  const result = await newSeries(
    model,
    {
      topic: request.topic,
      episodes: request.episodes,
      seconds: request.seconds,
      ...(request.audience ? { audience: request.audience } : {}),
      hosts: request.hosts,
      sources: request.sources,
      dir,
      outlineOnly: true,
      concurrency: CONCURRENCY,
      onOutlined,
    },
    progress,
  );
  await shown;
  await setVoices(dir, request.voices);
  return { episodes: result.episodes };
}

export async function writeScriptsStep(request: SeriesRequest, context: JobContext): Promise<unknown> {
  const result = await continueSeries(configuredModel(context.signal), request.dir, CONCURRENCY, reporter(context, 'Writing scripts'));
  if (result.failures.length > 0) throw new Error(result.failures.join('; '));
  return { written: result.written };
}

export async function rewriteStep(request: RewriteRequest, context: JobContext): Promise<unknown> {
  const result = await rewriteEpisode(configuredModel(context.signal), request.dir, request.number, request.note, reporter(context, `Rewriting episode ${request.number}`));
  if (result.failures.length > 0) throw new Error(result.failures.join('; '));
  return { written: result.written };
}

export async function voiceStep(request: VoiceRequest, context: JobContext): Promise<unknown> {
  const report = await buildSeries({ seriesDir: request.dir, outDir: request.outDir, jobs: 1, progress: reporter(context, 'Voicing episodes'), signal: context.signal });
  return { spoken: report.spoken, cached: report.cached, slug: report.slug };
}

/**
 * The model as configured in this process's environment (its settings never leave the server),
 * asked nothing more once `signal` is aborted: the writing stops before the next script's request.
 */
function configuredModel(signal: AbortSignal): LanguageModel {
  const settings = modelSettings(process.env);
  if ('problem' in settings) throw new Error(settings.problem);
  const model = createModel(settings);
  return {
    model: model.model,
    baseUrl: model.baseUrl,
    generate: (request) => {
      signal.throwIfAborted();
      return model.generate(request);
    },
  };
}

/** A ProgressReporter that records k/N and the current line on the job, where the studio reads it. */
export function reporter(context: Pick<JobContext, 'progress'>, doing: string): ProgressReporter {
  let done = 0;
  let total = 0;
  const send = (line: string) => void context.progress({ done, total, line }).catch(() => undefined);
  return {
    start: (n) => {
      total = n;
      done = 0;
      send(`${doing}: 0 of ${n}`);
    },
    episodeDone: (line) => {
      done++;
      send(`${done} of ${total}: ${line}`);
    },
    note: (line) => send(line),
    finish: () => undefined,
  };
}
