/**
 * Episodes spoken into the speech cache without publishing: the parts of a voicing split across
 * workers, each speaking some episodes into `<out>/.ninety-cache/<slug>/`, after which one build
 * publishes the whole series from the cache. Speaking takes no output lock (the cache's entries
 * are written atomically, the entry file last), so workers on several machines sharing the output
 * folder speak side by side; only the publishing build writes the output, one at a time.
 *
 * @example
 *   const numbers = await unspokenEpisodes('series/sourdough', 'out');   // [2, 5]
 *   await speakEpisodes({ seriesDir: 'series/sourdough', outDir: 'out', numbers: [2], jobs: 1 });
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { loadSeries } from '../series/load.js';
import type { SeriesContent } from '../series/schema.js';
import { seriesVoices } from '../series/voices.js';
import { audioTask, cachedResults, checkVoice, speakMissing, speechPool } from './build.js';
import { AudioCache } from './cache.js';
import type { EpisodeAudioResult, EpisodeAudioTask } from './episode-audio.js';
import { createProgress, type ProgressReporter } from './progress.js';

export interface SpeakOptions {
  seriesDir: string;
  outDir: string;
  /** The episodes to speak, by number; those already in the cache are skipped. */
  numbers: readonly number[];
  jobs?: number;
  progress?: ProgressReporter;
  signal?: AbortSignal;
}

/** The numbers of the episodes the cache lacks, in order: what a build would speak. */
export async function unspokenEpisodes(seriesDir: string, outDir: string): Promise<number[]> {
  const { todo } = await lookUp(seriesDir, outDir, () => true);
  return todo.map((t) => t.number);
}

/** Speaks the episodes asked for that the cache lacks; returns how many were spoken. */
export async function speakEpisodes(options: SpeakOptions): Promise<number> {
  const progress = options.progress ?? createProgress();
  // Only the episodes asked for are looked up: each lookup reads and hashes a whole MP3.
  const { content, todo, cache } = await lookUp(options.seriesDir, options.outDir, (n) => options.numbers.includes(n), progress);
  const engines = [...new Set(seriesVoices(content.series).map((v) => v.engine))];
  const results = new Map<string, EpisodeAudioResult>();
  const cores = Math.max(1, options.jobs ?? availableParallelism());
  const pool = speechPool(engines, cores, progress, cache);
  try {
    await speakMissing(todo.map((t) => t.task), pool, cores, cache, results, progress, options.signal);
  } finally {
    await pool.close();
  }
  return todo.length;
}

/** The tasks of the chosen episodes that the cache lacks, in order. */
async function lookUp(
  seriesDir: string,
  outDir: string,
  chosen: (number: number) => boolean,
  progress?: ProgressReporter,
): Promise<{ content: SeriesContent; todo: { number: number; task: EpisodeAudioTask }[]; cache: AudioCache }> {
  const content = await loadSeries(seriesDir);
  const engine = checkVoice(content);
  const cache = new AudioCache(join(outDir, '.ninety-cache', content.series.slug));
  const tasks = content.episodes.filter((e) => chosen(e.number)).map((e) => ({ number: e.number, task: audioTask(content, e, engine) }));
  const found = await cachedResults(tasks.map((t) => t.task), cache, (line) => progress?.note(line));
  return { content, todo: tasks.filter((t) => !found.has(t.task.key)), cache };
}
