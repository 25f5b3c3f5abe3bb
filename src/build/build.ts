/**
 * `ninety build`: content → speech → audio → publish, written atomically and in stages into
 * `DIR/<slug>/` (media, then pages and feed, then the manifest), one build per folder at a time.
 *
 * Episodes whose sound is unchanged come from the cache; the rest are spoken in parallel by a
 * worker pool (whole episodes, or one episode's sentences side by side for the few left over when
 * they are shared out: all of them when only a few changed). Nothing is written until all content
 * is valid, so bad input never disturbs the previous output.
 *
 * @example
 *   const report = await buildSeries({ seriesDir: 'series/ai-training', outDir: 'out' });
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import pLimit from 'p-limit';
import { renderFeed } from '../publish/feed.js';
import type { BuiltEpisode, BuiltSeries, OutputFile } from '../publish/model.js';
import { renderSeriesSite, siteAssets } from '../publish/site.js';
import { renderTranscriptJson, renderVtt, sentencesToCues } from '../publish/transcripts.js';
import { referencePace } from '../audio/hosts.js';
import { id3Header, loadMp3Encoder } from '../audio/mp3.js';
import { dialogueSentences, scriptText } from '../series/dialogue.js';
import { ContentError } from '../series/problems.js';
import type { Episode, SeriesContent } from '../series/schema.js';
import { DEFAULT_TURN_PAUSE_MS } from '../series/turn-pause.js';
import { countWords } from '../series/text.js';
import { seriesVoices, voicePace, voiceProblems } from '../series/voices.js';
import { DEFAULT_SECONDS_PER_LETTER, type EngineInfo, type Pcm, type SpeechEngine } from '../speech/engine.js';
import { describeEngine } from '../speech/engines.js';
import { spokenForm } from '../speech/normalise.js';
import { removeStaleTempFiles, type StagedFile, type WriteObserver } from './atomic.js';
import { cachedArtwork } from './artwork-cache.js';
import { cachedFigureImages } from './figure-cache.js';
import { cachedSeries } from './series-cache.js';
import { AudioCache, audioKey } from './cache.js';
import { SpeechFailedError } from './errors.js';
import { lockOutput } from './lock.js';
import { soundToolchain } from './toolchain.js';
import { renderEpisodeAudio, sentenceRequests, type EpisodeAudioResult, type EpisodeAudioTask, type SentenceTask, type SpeechResult, type SpeechTask } from './episode-audio.js';
import { writeLibrary } from './library.js';
import { buildManifest } from './manifest.js';
import { writeOutputs } from './outputs.js';
import { editedSinceBuilt } from './edited.js';
import { reusableRates, SentenceCache } from './sentence-cache.js';
import { SpokenMemo } from './spoken-memo.js';
import { createPool, type Pool } from './pool.js';
import { createProgress, formatTable, type ProgressReporter, type TableRow } from './progress.js';

export interface BuildOptions {
  seriesDir: string;
  outDir: string;
  /** Public address of the output root; overrides the series' baseUrl. */
  baseUrl?: string;
  /** Worker processes for speech; defaults to the number of cores. */
  jobs?: number;
  progress?: ProgressReporter;
  /** Told of every output file as it reaches its final name, in order. */
  observeWrites?: WriteObserver;
  /**
   * Stops the build between episodes (a cancelled studio job): episodes already spoken stay in the
   * cache, nothing is published, and the build rejects with the signal's reason.
   */
  signal?: AbortSignal;
}

export interface BuildReport {
  slug: string;
  seriesOutDir: string;
  rows: TableRow[];
  table: string;
  spoken: number;
  cached: number;
  seconds: number;
  /** Episodes that could not reach the target length, with how many words to cut (+) or add (−). */
  misfits: { file: string; wordsToCut: number; seconds: number }[];
  built: BuiltSeries;
}

export async function buildSeries(options: BuildOptions): Promise<BuildReport> {
  const startedAt = performance.now();
  const content = await cachedSeries(options.seriesDir, join(options.outDir, '.ninety-cache'));
  const progress = options.progress ?? createProgress();
  const release = await lockOutput(options.outDir, (line) => progress.note(line));
  const cores = Math.max(1, options.jobs ?? availableParallelism());
  const engineNames = [...new Set(seriesVoices(content.series).map((v) => v.engine))];
  const cache = new AudioCache(join(options.outDir, '.ninety-cache', content.series.slug));
  const pool = speechPool(engineNames, cores, progress, cache);
  try {
    return await buildLocked(content, options, progress, startedAt, pool, cores, cache);
  } finally {
    await pool.close();
    await release();
  }
}

async function buildLocked(
  content: SeriesContent,
  options: BuildOptions,
  progress: ProgressReporter,
  startedAt: number,
  pool: SpeechPool,
  cores: number,
  cache: AudioCache,
): Promise<BuildReport> {
  const { series } = content;
  const engine = checkVoice(content);
  const baseUrl = (options.baseUrl ?? series.baseUrl).replace(/\/+$/, '');

  const seriesOutDir = join(options.outDir, series.slug);
  const cacheDir = cache.dir;
  // Side by side, since each mostly waits for the disk. The workers start on a guess (see
  // edited.ts), so they load and compile the engine while the keys are computed and the cache checked.
  const [memo] = await Promise.all([
    SpokenMemo.load(cacheDir, content.lexicon, series.language),
    editedSinceBuilt(content.dir, join(seriesOutDir, 'episodes.json')).then((edited) => edited && pool.start()),
    removeStaleTempFiles(options.outDir),
  ]);
  const tasks = content.episodes.map((episode) => audioTask(content, episode, engine, (text) => memo.spoken(text)));

  const results = await cachedResults(tasks, cache, (line) => progress.note(line));
  const missing = tasks.filter((t) => !results.has(t.key));
  // The art is drawn on libuv's threads while the workers speak, not after them; one episode's
  // at a time, so the file reads and writes that share those threads never wait long.
  const oneAtATime = pLimit(1);
  const art = Promise.all([
    cachedArtwork(series, cacheDir),
    Promise.all(content.episodes.map((episode) => oneAtATime(() => cachedFigureImages(series, episode, cacheDir)))),
  ]);
  art.catch(() => undefined); // awaited below, or on failure
  try {
    await speakMissing(missing, pool, cores, cache, results, progress, options.signal);
    options.signal?.throwIfAborted();
  } catch (error) {
    // Nothing of this build is left writing into the cache once it has failed.
    await art.catch(() => undefined);
    throw error;
  }
  // The workers exit while the pages are made; buildSeries waits for them before it returns.
  void pool.close();

  const [artwork, figures] = await art;
  const episodes: BuiltEpisode[] = [];
  const media: StagedFile[] = [...artwork.files, ...(await siteAssets())];
  // The page-sized cover goes into each MP3's tags, for players that show a file's own art.
  const cover = artwork.files.find((f) => f.path === `${series.slug}/${artwork.refs.page}`)?.contents;
  content.episodes.forEach((episode, i) => {
    const result = results.get(tasks[i]!.key)!;
    const { built, outputs } = publishEpisode(content, episode, result, cover);
    const { card, square } = figures[i]!;
    if (card) {
      built.card = card.path;
      media.push({ path: `${series.slug}/${card.path}`, contents: card.contents });
    }
    if (square) {
      built.square = square.path;
      media.push({ path: `${series.slug}/${square.path}`, contents: square.contents });
    }
    episodes.push(built);
    media.push(...outputs);
  });
  const words = new Map(content.episodes.map((e, i) => [e.id, tasks[i]!.words]));
  const built: BuiltSeries = { series, episodes, artwork: artwork.refs, baseUrl };
  const pages: OutputFile[] = [{ path: `${series.slug}/feed.xml`, contents: renderFeed(built) }, ...renderSeriesSite(built)];
  const inSeries = [...media, ...pages]
    .filter((f) => f.path.startsWith(`${series.slug}/`))
    .map((f) => f.path.slice(series.slug.length + 1));
  const manifest = {
    path: `${series.slug}/episodes.json`,
    contents: buildManifest(built, (id) => words.get(id) ?? 0, inSeries),
  };
  await writeOutputs(options.outDir, series.slug, { media, pages, manifest }, options.observeWrites);
  await writeLibrary(options.outDir, options.observeWrites);
  await cache.keepOnly(new Set(tasks.map((t) => t.key)));
  await memo.save();
  await SentenceCache.beside(cache).keepOnly(tasks.flatMap((task) => sentenceRequests(task, results.get(task.key)!.stretch)));

  const rows = content.episodes.map((episode, i) => {
    const result = results.get(tasks[i]!.key)!;
    return {
      episode: `${String(episode.number).padStart(2, '0')} ${episode.title}`,
      words: tasks[i]!.words,
      seconds: result.durationSeconds,
      // A dialogue's hosts each have their own stretch (matched to a common pace).
      rate: result.hosts ? `×${result.hosts.map((h) => h.stretch.toFixed(2)).join('/')}` : `×${result.stretch.toFixed(2)}`,
      lufs: result.lufs,
      cached: !missing.includes(tasks[i]!),
    };
  });
  const misfits = content.episodes.flatMap((episode, i) => {
    const result = results.get(tasks[i]!.key)!;
    return result.wordsToCut !== undefined
      ? [{ file: episode.file, wordsToCut: result.wordsToCut, seconds: result.durationSeconds }]
      : [];
  });
  return {
    slug: series.slug,
    seriesOutDir,
    rows,
    table: formatTable(rows),
    spoken: missing.length,
    cached: tasks.length - missing.length,
    seconds: (performance.now() - startedAt) / 1000,
    misfits,
    built,
  };
}

/**
 * The cached audio of each task the cache holds whole (checked by length and hash, keyed by the
 * task's key); a damaged entry is named through `note`, and its task is left to be spoken again.
 */
export async function cachedResults(
  tasks: readonly EpisodeAudioTask[],
  cache: AudioCache,
  note: (line: string) => void,
): Promise<Map<string, EpisodeAudioResult>> {
  const results = new Map<string, EpisodeAudioResult>();
  const lookups = await Promise.all(tasks.map((task) => cache.get(task.key)));
  lookups.forEach((found, i) => {
    if ('hit' in found) results.set(tasks[i]!.key, found.hit);
    else if ('damaged' in found) note(`${tasks[i]!.label}: cached audio is damaged (${found.damaged}); speaking it again`);
  });
  return results;
}

/**
 * Speaks what the cache lacks. Each episode is cached the moment it is done, so when one fails
 * the others are kept and the next build speaks only what failed.
 *
 * Whole episodes go to the workers, one each, while there are enough to share out evenly. The
 * few left over (fewer than the workers: all of them after editing one script) would leave cores
 * idle while one worker speaks every sentence in turn: instead the build keeps each of those and
 * hands its sentences to the whole pool, and fits, masters and encodes it itself. Being last in
 * the queue, they also fill the cores the whole episodes free at the end of a full build.
 */
export async function speakMissing(
  missing: EpisodeAudioTask[],
  pool: SpeechPool,
  cores: number,
  cache: AudioCache,
  results: Map<string, EpisodeAudioResult>,
  progress: ProgressReporter,
  signal?: AbortSignal,
): Promise<void> {
  progress.start(missing.length);
  if (missing.length === 0) return progress.finish();
  const leftOver = new Set(missing.slice(missing.length - (missing.length % cores)));
  const spread = spreadOver(pool, cores, SentenceCache.beside(cache));
  const render = (task: EpisodeAudioTask) => (leftOver.has(task) ? spread(task) : (pool.run(task) as Promise<EpisodeAudioResult>));
  let outcomes: PromiseSettledResult<void>[];
  try {
    // The pool queues what it cannot start yet; the bound here lets a stopped build skip the rest.
    const limit = pLimit(cores);
    outcomes = await Promise.allSettled(
      missing.map((task) => limit(async () => {
        signal?.throwIfAborted();
        const result = await render(task);
        await cache.put(result);
        results.set(task.key, result);
        progress.episodeDone(`${task.label} ${result.durationSeconds.toFixed(1)} s`);
      })),
    );
  } finally {
    progress.finish();
  }
  signal?.throwIfAborted();
  const failures = outcomes.flatMap((outcome, i) =>
    outcome.status === 'rejected' ? [{ label: missing[i]!.label, reason: reasonOf(outcome.reason) }] : [],
  );
  if (failures.length > 0) throw new SpeechFailedError(failures, missing.length - failures.length);
}

type SpeechPool = Pool<SpeechTask, SpeechResult>;

/**
 * One worker a core at most, each started when first needed (or by start()), each speaking
 * through the sentence cache beside `cache`.
 */
export function speechPool(engineNames: string[], cores: number, progress: ProgressReporter, cache: AudioCache): SpeechPool {
  const args = [...engineNames, `--sentences=${SentenceCache.beside(cache).dir}`];
  return createPool<SpeechTask, SpeechResult>(new URL('./audio-worker.js', import.meta.url), cores, args, {
    deadlineMs: taskDeadlineMs,
    retries: 1,
    onRetry: (task, reason) => progress.note(`${'label' in task ? task.label : 'a sentence'}: ${reason}; trying again in a fresh worker`),
  });
}

/**
 * Renders an episode here, its sentences spoken by the pool's `size` workers (twice that many in
 * flight, so a worker that finishes finds the next sentence waiting) unless the sentence cache
 * holds them. The loudness meter and the encoder are small modules; loading them here costs far
 * less than the speech it saves.
 */
function spreadOver(pool: SpeechPool, size: number, sentences: SentenceCache): (task: EpisodeAudioTask) => Promise<EpisodeAudioResult> {
  // One stand-in engine per name, made when first asked for: renderEpisodeAudio asks for every sentence.
  const made = new Map<string, Promise<SpeechEngine>>();
  const engines = (name: string): Promise<SpeechEngine> => {
    let engine = made.get(name);
    if (!engine) {
      engine = Promise.resolve({
        ...describeEngine(name),
        synthesize: async (text, options) => {
          // The encoder compiles here while the workers speak, rather than after them (loaded once).
          loadMp3Encoder().catch(() => undefined);
          // A sentence the cache holds is read here: it need not wait for a worker to start.
          const cached = await sentences.get({ engine: name, text, options });
          return cached ?? ((await pool.run({ sentence: { engine: name, text, options } })) as Pcm);
        },
      });
      made.set(name, engine);
    }
    return engine;
  };
  return async (task) => {
    const [{ loudnessMeter }, reusable] = await Promise.all([import('../audio/ebur128.js'), reusableRates(task, sentences)]);
    return renderEpisodeAudio(task, engines, await loudnessMeter(), { concurrency: 2 * size, reusableRates: reusable });
  };
}

/**
 * How long one episode may take before its worker is presumed hung: a minute to start, plus
 * 40 ms a spoken letter — about ten times what Flite needs on a busy two-core machine, even
 * when an episode is spoken twice to fit its length.
 */
export function taskDeadlineMs(task: Pick<EpisodeAudioTask, 'sentences'> | SentenceTask): number {
  const letters = 'sentence' in task ? task.sentence.text.length : task.sentences.reduce((n, s) => n + s.spoken.length, 0);
  return 60_000 + 40 * letters;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The series voice and every host's voice must exist in their engines (see series/voices.ts). */
export function checkVoice(content: SeriesContent) {
  const problems = voiceProblems(content.series, join(content.dir, 'series.yaml'));
  if (problems.length > 0) throw new ContentError(problems);
  return describeEngine(content.series.voice.engine);
}

/**
 * Everything that shapes an episode's sound. A series with one voice gives exactly the task it
 * always did (same fields, same key); a dialogue adds each sentence's speaker, the hosts' voices
 * and paces, and the turn pause.
 */
export function audioTask(
  content: SeriesContent,
  episode: Episode,
  engine: EngineInfo,
  spoken: (sentence: string) => string = (sentence) => spokenForm(sentence, content.lexicon, content.series.language),
): EpisodeAudioTask {
  const { hosts: seriesHosts, voice: settings } = content.series;
  const sentences = dialogueSentences(episode.script, seriesHosts).map((s) => ({
    spoken: spoken(s.text),
    paragraph: s.paragraph,
    ...(s.speaker !== undefined ? { speaker: s.speaker } : {}),
  }));
  const hosts = seriesHosts
    ? seriesVoices(content.series).map((v) => ({ engine: v.engine, voice: v.voice, secondsPerLetter: voicePace(v) }))
    : undefined;
  // The turn pause shapes only dialogues, so a single voice's task never carries it.
  const { turnPauseMs, ...single } = settings;
  const base = {
    sentences,
    words: countWords(scriptText(episode.script, seriesHosts)),
    voice: hosts ? { ...settings, turnPauseMs: turnPauseMs ?? DEFAULT_TURN_PAUSE_MS } : single,
    targetSeconds: content.series.targetSeconds,
    toleranceSeconds: content.series.toleranceSeconds,
    secondsPerLetter: hosts
      ? referencePace(hosts.map((h) => h.secondsPerLetter))
      : (engine.secondsPerLetter[settings.voice] ?? DEFAULT_SECONDS_PER_LETTER),
    ...(hosts ? { hosts } : {}),
  };
  const versions = hosts ? [...new Set(hosts.map((h) => describeEngine(h.engine).version))].sort() : [engine.version];
  return {
    ...base,
    key: audioKey(base, soundToolchain(versions.join(' + '))),
    label: `${String(episode.number).padStart(2, '0')} ${episode.title}`,
  };
}

function publishEpisode(
  content: SeriesContent,
  episode: Episode,
  result: EpisodeAudioResult,
  cover: string | Uint8Array | undefined,
): { built: BuiltEpisode; outputs: StagedFile[] } {
  const { series } = content;
  const slug = series.slug;
  const tags = id3Header({
    title: episode.subtitle ? `${episode.title} — ${episode.subtitle}` : episode.title,
    series: series.title,
    author: series.author,
    episode: episode.number,
    year: episode.published.slice(0, 4),
    language: series.language,
    ...(cover instanceof Uint8Array ? { cover } : {}),
  });
  // Named by the hash of its bytes, tags then audio, hashed in turn rather than joined first.
  const hash = createHash('sha256').update(tags).update(result.mp3).digest('hex').slice(0, 10);
  const stem = `${String(episode.number).padStart(2, '0')}-${episode.id}`;
  const audioPath = `audio/${stem}-${hash}.mp3`;
  const written = dialogueSentences(episode.script, series.hosts);
  const cues = sentencesToCues(
    result.spans.map((span, i) => {
      const { text, paragraph, speaker } = written[i]!;
      return { ...span, text, paragraph, ...(speaker !== undefined ? { speaker: series.hosts![speaker]!.name } : {}) };
    }),
  );
  const vttPath = `transcripts/${stem}.vtt`;
  const jsonPath = `transcripts/${stem}.json`;
  return {
    built: {
      episode,
      durationSeconds: result.durationSeconds,
      audio: { path: audioPath, bytes: tags.length + result.mp3.length, type: 'audio/mpeg' },
      transcripts: { vtt: vttPath, json: jsonPath },
      cues,
    },
    outputs: [
      { path: `${slug}/${audioPath}`, contents: [tags, result.mp3] },
      { path: `${slug}/${vttPath}`, contents: renderVtt(cues) },
      { path: `${slug}/${jsonPath}`, contents: renderTranscriptJson(cues, series.author) },
    ],
  };
}
