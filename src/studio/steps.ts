/**
 * The pipeline steps the studio runs as jobs, each a plain function of a job's payload and its
 * context: write an outline, write the missing scripts, rewrite one episode with a note, voice and
 * publish a series. Each calls the same functions the CLI does, and each can be run again after a
 * crash: the folder on disk says what is done, and the build's cache keeps every voiced episode.
 * Writing scripts and voicing are split into one child job per episode (fanout.ts), so workers on
 * several machines share them. A cancelled job's signal stops its step before its next model call
 * or spoken episode; what was finished stays on disk.
 *
 * @example
 *   await writeOutlineStep({ seriesRoot: 'series', slug: 'sourdough', topic: 'sourdough', episodes: 6,
 *     seconds: 90, hosts: 1, voices: ['slt'], sources: [] }, { signal, progress });
 */
import { join } from 'node:path';
import { buildSeries } from '../build/build.js';
import { speakEpisodes, unspokenEpisodes } from '../build/speak.js';
import type { ProgressReporter } from '../build/progress.js';
import type { LanguageModel } from '../write/model/model.js';
import { createModel } from '../write/model/models.js';
import { modelSettings } from '../write/model/settings.js';
import { newSeries } from '../write/new-series.js';
import type { OutlinedEpisode } from '../write/outlined.js';
import { writeScripts } from '../write/write-scripts.js';
import { readWrittenSeries } from '../write/written-series.js';
import { rewriteEpisode } from '../write/rewrite.js';
import { fanOut } from './jobs/fanout.js';
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

export interface EpisodeRequest extends SeriesRequest {
  number: number;
}

export interface VoiceEpisodeRequest extends VoiceRequest {
  number: number;
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

/**
 * The scripts a series lacks, one child job each (fanout.ts), so every worker on the queue writes
 * some; each script is saved atomically the moment it is done, and a child finding its script
 * already on disk asks the model nothing.
 */
export async function writeScriptsStep(request: SeriesRequest, context: JobContext): Promise<unknown> {
  const missing = (await readWrittenSeries(request.dir)).episodes.filter((e) => !e.script).map((e) => e.number);
  const parts = missing.map((number) => ({ part: String(number), payload: { slug: request.slug, dir: request.dir, number } }));
  await fanOut(context, 'write-script', parts, { line: (done, total) => `${done} of ${total} scripts written` });
  return { written: missing.length };
}

/** One episode's script, if it is still missing: a part of writeScriptsStep. */
export async function writeScriptStep(request: EpisodeRequest, context: JobContext): Promise<unknown> {
  const model = configuredModel(context.signal);
  const result = await writeScripts(model, request.dir, { concurrency: 1, among: [request.number] }, reporter(context, `Writing script ${request.number}`));
  if (result.failures.length > 0) throw new Error(result.failures.join('; '));
  return { written: result.written };
}

export async function rewriteStep(request: RewriteRequest, context: JobContext): Promise<unknown> {
  const result = await rewriteEpisode(configuredModel(context.signal), request.dir, request.number, request.note, reporter(context, `Rewriting episode ${request.number}`));
  if (result.failures.length > 0) throw new Error(result.failures.join('; '));
  return { written: result.written };
}

/**
 * Voicing as parts: one child job per episode the speech cache lacks (each speaks into the cache,
 * which every worker sees in the output folder), then one build here publishes the series from the
 * cache — the build's output lock lets only one process write the output folder at a time.
 */
export async function voiceStep(request: VoiceRequest, context: JobContext): Promise<unknown> {
  const numbers = await unspokenEpisodes(request.dir, request.outDir);
  const parts = numbers.map((number) => ({ part: String(number), payload: { slug: request.slug, dir: request.dir, outDir: request.outDir, number } }));
  await fanOut(context, 'voice-episode', parts, { line: (done, total) => `${done} of ${total} episodes spoken` });
  // The build speaks only what changed since the parts were queued, usually nothing: then its
  // progress would read "0 of 0", so the parts' count stays shown.
  const speaking = reporter(context, 'Speaking what changed meanwhile');
  const progress: ProgressReporter = {
    ...speaking,
    start: (n) => (n > 0 ? speaking.start(n) : void context.progress({ done: parts.length, total: parts.length, line: 'publishing' }).catch(() => undefined)),
  };
  const report = await buildSeries({ seriesDir: request.dir, outDir: request.outDir, jobs: 1, progress, signal: context.signal });
  const episodes = report.spoken + report.cached;
  const spoken = Math.min(episodes, numbers.length + report.spoken);
  return { spoken, cached: episodes - spoken, slug: report.slug };
}

/** One episode spoken into the speech cache: a part of voiceStep. */
export async function voiceEpisodeStep(request: VoiceEpisodeRequest, context: JobContext): Promise<unknown> {
  const spoken = await speakEpisodes({ seriesDir: request.dir, outDir: request.outDir, numbers: [request.number], jobs: 1, signal: context.signal });
  return { spoken };
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
