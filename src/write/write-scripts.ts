/**
 * Writes the scripts an outline still lacks, several at once (bounded), each saved the moment it
 * is done: a run stopped at any point loses at most the scripts in flight, and running it again
 * writes only what is missing. Each finished episode file also records its show notes and the
 * sources it cites; proposed pronunciations go to lexicon.yaml and figures the sources do not
 * contain to the series' provenance.
 *
 * @example
 *   const result = await writeScripts(model, 'series/sourdough', { concurrency: 4 }, progress);
 */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import pLimit from 'p-limit';
import lockfile from 'proper-lockfile';
import { writeFileAtomic } from '../build/atomic.js';
import type { ProgressReporter } from '../build/progress.js';
import { show } from '../series/load.js';
import type { Problem } from '../series/problems.js';
import type { Provenance, Reading, SeriesContent, Source } from '../series/schema.js';
import { countWords } from '../series/text.js';
import { scriptText } from '../series/dialogue.js';
import { splitPassages, type Passage } from '../sources/passages.js';
import { rankPassages } from '../sources/rank.js';
import { draftScript } from './draft-script.js';
import { storedSources } from './stored-sources.js';
import { targetWords } from './length.js';
import { addUsage, ModelError, NO_USAGE, type LanguageModel, type Usage } from './model/model.js';
import type { ScriptAnswer } from './answers.js';
import { withLexiconEntries, withScript, withUngrounded } from './series-files.js';
import { usefulTerms } from './terms.js';
import { readWrittenSeries, type WrittenEpisode, type WrittenSeries } from './written-series.js';

/** Passages given to each script: enough to ground one idea, few enough to keep the prompt small. */
const PASSAGES_PER_SCRIPT = 6;

export interface WriteOptions {
  concurrency: number;
  /** Only these episode numbers (a rewrite); otherwise every episode without a script. */
  only?: readonly number[];
  /** Only these of the episodes without a script (one job's share of a series); a written one is left alone. */
  among?: readonly number[];
  /** For a rewrite: what the user wants changed. */
  note?: string;
}

export interface WriteResult {
  dir: string;
  written: number;
  usage: Usage;
  /** What still fails in written scripts, by file and field. */
  findings: Problem[];
  /** Episodes whose script could not be written, each in one line. */
  failures: string[];
}

export async function writeScripts(model: LanguageModel, dir: string, options: WriteOptions, progress: ProgressReporter): Promise<WriteResult> {
  const written = await readWrittenSeries(dir);
  const todo = written.episodes.filter((e) => (options.only ? options.only.includes(e.number) : !e.script && (options.among?.includes(e.number) ?? true)));
  const content: SeriesContent = { dir, series: written.series, lexicon: written.lexicon, episodes: [] };
  const sources = storedSources(written.series.provenance?.sources ?? [], (file) => written.sourceTexts.get(file));
  const passages = splitPassages(sources);
  const words = targetWords(written.series, written.lexicon, written.series.targetSeconds);
  const files = new SerialFiles(dir);

  let usage: Usage = NO_USAGE;
  const findings: Problem[] = [];
  const failures: string[] = [];
  let count = 0;
  progress.start(todo.length);
  // The bound is on requests in flight, not on whole episodes: one script's checks and files
  // overlap the next script's request.
  const limit = pLimit(Math.max(1, options.concurrency));
  const bounded: LanguageModel = { model: model.model, baseUrl: model.baseUrl, generate: (request) => limit(() => model.generate(request)) };
  await Promise.all(
    todo.map((episode) =>
      (async () => {
        try {
          const index = written.episodes.indexOf(episode);
          const given = passages.length > 0 ? rankPassages(passages, `${episode.title} ${episode.subtitle ?? ''} ${episode.summary}`, PASSAGES_PER_SCRIPT) : [];
          const draft = await draftScript(bounded, {
            input: {
              series: {
                title: written.series.title,
                description: written.series.description,
                ...(written.series.provenance?.audience ? { audience: written.series.provenance.audience } : {}),
              },
              outline: written.episodes,
              index,
              words,
              seconds: written.series.targetSeconds,
              ...(written.series.hosts ? { hosts: written.series.hosts.map((h) => h.name) } : {}),
              passages: given.map((p, i) => ({ number: i + 1, title: sources[p.source]!.title, text: p.text })),
              ...(options.only ? { rewrite: { script: episode.script, ...(options.note ? { note: options.note } : {}) } } : {}),
            },
            content,
            file: show(episode.path),
            passages: given.map((p) => p.text),
          });
          usage = addUsage(usage, draft.usage);
          await files.saveEpisode(episode, {
            script: draft.answer.script,
            notes: draft.answer.notes,
            sources: citedSources(draft.answer, given, written),
            reading: given.length > 0 ? [] : unverifiedReading(draft.answer),
          });
          await files.addTerms(draft.answer, written.series.hosts?.map((h) => h.name));
          await files.recordUngrounded(episode.number, draft.ungrounded.map((f) => f.text));
          findings.push(...draft.findings.map((f) => f.problem));
          count++;
          const spoken = countWords(scriptText(draft.answer.script, written.series.hosts));
          progress.episodeDone(`${relative(dir, episode.path)}: ${spoken} words${draft.repaired ? ', sent back once' : ''}`);
        } catch (error) {
          if (!(error instanceof ModelError)) throw error;
          usage = addUsage(usage, error.usage);
          failures.push(`episode ${episode.number} ("${episode.title}"): ${error.message}`);
          progress.note(`episode ${episode.number}: ${error.message}`);
        }
      })(),
    ),
  );
  progress.finish();
  return { dir, written: count, usage, findings, failures };
}

/** The sources behind the passages the script cites; all given passages' sources when it cites none. */
function citedSources(answer: ScriptAnswer, given: readonly Passage[], written: WrittenSeries): Source[] {
  const provenance = written.series.provenance?.sources ?? [];
  const cited = answer.citations.map((c) => given[c.source - 1]).filter((p): p is Passage => p !== undefined);
  const used = new Set((cited.length > 0 ? cited : given).map((p) => p.source));
  return [...used]
    .sort((a, b) => a - b)
    .map((i) => provenance[i])
    .filter((s): s is Provenance['sources'][number] => s !== undefined)
    .map((s) => (/^https?:\/\//.test(s.address) ? { title: s.title, url: s.address } : { title: s.title, file: s.file, address: s.address }));
}

function unverifiedReading(answer: ScriptAnswer): Reading[] {
  return answer.reading.map((r) => {
    const url = /^https?:\/\/[^\s]+$/.test(r.url) && URL.canParse(r.url) ? r.url : undefined;
    return url ? { title: r.title, url } : { title: r.title };
  });
}

/** Writes to the series folder, each file re-read just before it is replaced; shared files one write at a time. */
class SerialFiles {
  private queue: Promise<unknown> = Promise.resolve();
  constructor(private readonly dir: string) {}

  /**
   * One task at a time in this process, and each holding a lock on the series folder: scripts of
   * one series may be written by workers on several machines, and lexicon.yaml and series.yaml
   * are read, changed and written back.
   */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      const release = await lockfile.lock(this.dir, {
        lockfilePath: join(this.dir, '.ninety-write.lock'),
        realpath: false,
        stale: 10_000,
        retries: { retries: 100, minTimeout: 20, maxTimeout: 250 },
      });
      try {
        return await task();
      } finally {
        await release();
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Each episode's file is written by its own task only, so episodes need not wait for each other. */
  async saveEpisode(episode: WrittenEpisode, parts: Parameters<typeof withScript>[1]): Promise<void> {
    const now = await readFile(episode.path, 'utf8');
    await writeFileAtomic(episode.path, withScript(now, parts, { id: episode.id, published: new Date().toISOString().slice(0, 10) }));
  }

  addTerms(answer: ScriptAnswer, hosts?: readonly string[]): Promise<void> {
    const terms = usefulTerms(answer, hosts);
    if (terms.length === 0) return Promise.resolve();
    return this.serial(async () => {
      const path = join(this.dir, 'lexicon.yaml');
      const now = await readFile(path, 'utf8').catch(() => '');
      const next = withLexiconEntries(now, terms);
      if (next !== now) await writeFileAtomic(path, next);
    });
  }

  recordUngrounded(episode: number, figures: readonly string[]): Promise<void> {
    return this.serial(async () => {
      const path = join(this.dir, 'series.yaml');
      const now = await readFile(path, 'utf8');
      const next = withUngrounded(now, episode, figures);
      if (next !== now) await writeFileAtomic(path, next);
    });
  }
}

