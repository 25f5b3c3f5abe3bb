/**
 * `ninety new`: a topic (and the user's sources) → an outline → a series folder in the same format
 * as a hand-written one → the scripts. The outline is put on disk all at once; the scripts follow
 * one file at a time. Running the same command again continues where it stopped, without asking
 * the model again for anything already on disk.
 *
 * @example
 *   const result = await newSeries(model, { topic: 'sourdough baking', episodes: 8, seconds: 90, hosts: 1,
 *     sources: ['notes.md'], dir: 'series/sourdough-baking', outlineOnly: false, concurrency: 4 }, progress);
 */
import { basename, join } from 'node:path';
import type { ProgressReporter } from '../build/progress.js';
import { splitPassages } from '../sources/passages.js';
import { rankPassages } from '../sources/rank.js';
import { readSources } from '../sources/read.js';
import type { SourceText } from '../sources/source.js';
import { outlineAnswer, type OutlineAnswer } from './answers.js';
import { createSeriesFolder, exists } from './folder.js';
import type { LanguageModel, Usage } from './model/model.js';
import { addUsage, NO_USAGE } from './model/model.js';
import { reportOutlined, type OutlinedEpisode } from './outlined.js';
import { outlineMessages } from './prompts/outline.js';
import { seriesFiles, type PlannedEpisode, type SeriesPlan } from './series-files.js';
import { episodeIds, seriesSlug, slugify } from './slug.js';
import { writeScripts, type WriteResult } from './write-scripts.js';
import { readWrittenSeries } from './written-series.js';

export interface NewSeriesOptions {
  topic: string;
  episodes: number;
  seconds: number;
  audience?: string;
  hosts: 1 | 2;
  /** Files and http(s) addresses of the user's documents. */
  sources: readonly string[];
  dir: string;
  outlineOnly: boolean;
  concurrency: number;
  /** The day the series is written (provenance, publication dates). */
  today?: Date;
  /**
   * The outline's whole episodes so far, each time one more arrives (streamed where the server
   * can); a retried answer starts the list again. The outline on disk is the validated answer.
   */
  onOutlined?: (episodes: OutlinedEpisode[]) => void;
}

export interface NewSeriesResult extends WriteResult {
  /** True when the folder was there already and this run continued it. */
  continued: boolean;
  outlineOnly: boolean;
  episodes: number;
}

/** The two hosts of a dialogue: Flite's clearest voices, one female and one male. */
export const DEFAULT_HOSTS = [
  { name: 'Ada', voice: 'slt' },
  { name: 'Ben', voice: 'rms' },
] as const;

/** Without sources, the few passages the outline sees; with them, the ones nearest the topic. */
const OUTLINE_PASSAGES = 8;

export class WriteError extends Error {
  override name = 'WriteError';
}

export async function newSeries(model: LanguageModel, options: NewSeriesOptions, progress: ProgressReporter): Promise<NewSeriesResult> {
  if (await exists(options.dir)) return continueExisting(model, options, progress);

  // Sources first: a document that cannot be read stops the run before anything is paid for.
  const sources = await readSources([...options.sources]);
  const passages = splitPassages(sources);
  progress.note(`Writing the outline of ${options.episodes} episodes with ${model.model}…`);
  const outline = await model.generate({
    purpose: 'the outline',
    messages: outlineMessages({
      topic: options.topic,
      episodes: options.episodes,
      seconds: options.seconds,
      ...(options.audience ? { audience: options.audience } : {}),
      sourceTitles: sources.map((s) => s.title),
      passages: rankPassages(passages, options.topic, OUTLINE_PASSAGES).map((p) => p.text),
    }),
    schema: outlineAnswer(options.episodes),
    schemaName: 'series_outline',
    temperature: 0.7,
    ...(options.onOutlined ? { onPartial: reportOutlined(options.onOutlined) } : {}),
  });
  const plan = planSeries(options, outline.value, sources, model);
  await createSeriesFolder(options.dir, seriesFiles(plan));
  progress.note(`Outline written to ${options.dir}: "${plan.title}", ${plan.episodes.length} episodes.`);
  if (options.outlineOnly) {
    return { dir: options.dir, written: 0, usage: outline.usage, findings: [], failures: [], continued: false, outlineOnly: true, episodes: plan.episodes.length };
  }
  const scripts = await writeScripts(model, options.dir, { concurrency: options.concurrency }, progress);
  return { ...scripts, usage: addUsage(outline.usage, scripts.usage), continued: false, outlineOnly: false, episodes: plan.episodes.length };
}

/** `ninety new --continue DIR`, and a rerun of `ninety new` on a folder it made. */
export async function continueSeries(model: LanguageModel, dir: string, concurrency: number, progress: ProgressReporter): Promise<NewSeriesResult> {
  const written = await readWrittenSeries(dir);
  const missing = written.episodes.filter((e) => !e.script).length;
  if (missing === 0) {
    return { dir, written: 0, usage: NO_USAGE, findings: [], failures: [], continued: true, outlineOnly: false, episodes: written.episodes.length };
  }
  progress.note(`${written.episodes.length - missing} of ${written.episodes.length} scripts are written; writing the other ${missing} with ${model.model}…`);
  const scripts = await writeScripts(model, dir, { concurrency }, progress);
  return { ...scripts, continued: true, outlineOnly: false, episodes: written.episodes.length };
}

async function continueExisting(model: LanguageModel, options: NewSeriesOptions, progress: ProgressReporter): Promise<NewSeriesResult> {
  const ours = await exists(join(options.dir, 'series.yaml'))
    ? await readWrittenSeries(options.dir).then((w) => w.series.provenance?.topic === options.topic, () => false)
    : false;
  if (!ours) {
    throw new WriteError(
      `${options.dir} already exists and was not written for "${options.topic}": choose another folder with --out, or continue that series with --continue ${options.dir}`,
    );
  }
  if (options.outlineOnly) {
    return { dir: options.dir, written: 0, usage: NO_USAGE, findings: [], failures: [], continued: true, outlineOnly: true, episodes: 0 };
  }
  return continueSeries(model, options.dir, options.concurrency, progress);
}

function planSeries(options: NewSeriesOptions, outline: OutlineAnswer, sources: readonly SourceText[], model: LanguageModel): SeriesPlan {
  const today = options.today ?? new Date();
  const ids = episodeIds(outline.episodes.map((e) => e.title));
  const count = outline.episodes.length;
  const episodes: PlannedEpisode[] = outline.episodes.map((e, i) => ({
    number: i + 1,
    id: ids[i]!,
    title: e.title,
    subtitle: e.subtitle,
    summary: e.summary,
    // One a day, the last today: feeds sort by date, and the first episode should be oldest.
    published: isoDate(new Date(today.getTime() - (count - 1 - i) * 86_400_000)),
  }));
  const files = sourceFiles(sources);
  return {
    slug: seriesSlug(basename(options.dir) || options.topic),
    title: outline.title,
    description: outline.description,
    topic: options.topic.slice(0, 255),
    targetSeconds: options.seconds,
    ...(options.hosts === 2 ? { hosts: DEFAULT_HOSTS } : {}),
    provenance: {
      generator: 'ninety new',
      model: model.model,
      server: model.baseUrl,
      created: isoDate(today),
      topic: options.topic.slice(0, 255),
      ...(options.audience ? { audience: options.audience } : {}),
      sources: sources.map((s, i) => ({ title: s.title, address: s.address, file: files[i]!, sha256: s.sha256 })),
      ungrounded: [],
    },
    episodes,
    sourceTexts: new Map(sources.map((s, i) => [files[i]!, s.text])),
  };
}

function sourceFiles(sources: readonly SourceText[]): string[] {
  return sources.map((s, i) => `sources/${String(i + 1).padStart(2, '0')}-${slugify(s.title, 40)}.txt`);
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export type { Usage };
