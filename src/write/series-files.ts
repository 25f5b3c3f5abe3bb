/**
 * The text of a written series' files, in exactly the format of a hand-written series: pure
 * functions from a plan to file contents, and from an episode file plus a script to the finished
 * file. Editing the front matter keeps the user's own lines, comments and order.
 *
 * @example
 *   const files = seriesFiles(plan);        // Map: 'series.yaml' → text, 'episodes/01-….md' → text, …
 *   const done = withScript(files.get(path)!, { script, notes, sources: [], reading: [] }, { id, published });
 */
import { Document, parseDocument } from 'yaml';
import { splitEpisode } from '../series/front-matter.js';
import type { EpisodeFrontMatter, Provenance, Reading, Source } from '../series/schema.js';

/** An episode of the outline: its front matter before there is a script. */
export type PlannedEpisode = Pick<EpisodeFrontMatter, 'number' | 'id' | 'title' | 'subtitle' | 'summary' | 'published'>;

export interface SeriesPlan {
  slug: string;
  title: string;
  description: string;
  topic: string;
  targetSeconds: number;
  hosts?: readonly { name: string; voice: string }[];
  provenance: Provenance;
  episodes: readonly PlannedEpisode[];
  /** Text of each source, by its file in the series folder (`sources/01-….txt`). */
  sourceTexts: ReadonlyMap<string, string>;
}

export interface ScriptParts {
  script: string;
  notes: string;
  sources: Source[];
  reading: Reading[];
}

const SERIES_HEADER = `# Written by "ninety new". Everything here is yours to edit; "ninety new --continue <folder>"
# writes the scripts an episode file lacks, and "ninety build <folder>" speaks the series.
`;
const LEXICON_HEADER = `# How to say the series' jargon: written term -> spoken form (plain letters the voice says well).
# Whole words, case-sensitive. Terms the scripts use are proposed here as they are written; correct any.
`;

export function seriesFiles(plan: SeriesPlan): Map<string, string> {
  const files = new Map<string, string>();
  const series = {
    slug: plan.slug,
    title: plan.title,
    topic: plan.topic,
    description: plan.description,
    author: 'Ninety',
    owner: { name: 'Ninety', email: 'podcast@ninety.example' },
    language: 'en',
    category: 'Education',
    explicit: false,
    targetSeconds: plan.targetSeconds,
    toleranceSeconds: 5,
    ...(plan.hosts ? { hosts: plan.hosts.map((h) => ({ name: h.name, voice: h.voice })) } : {}),
    provenance: plan.provenance,
  };
  files.set('series.yaml', SERIES_HEADER + new Document(series).toString({ lineWidth: 100 }));
  files.set('lexicon.yaml', LEXICON_HEADER);
  for (const episode of plan.episodes) {
    files.set(`episodes/${episodeFileName(episode)}`, outlineEpisodeText(episode));
  }
  for (const [file, text] of plan.sourceTexts) files.set(file, text.endsWith('\n') ? text : `${text}\n`);
  return files;
}

export function episodeFileName(episode: Pick<PlannedEpisode, 'number' | 'id'>): string {
  return `${String(episode.number).padStart(2, '0')}-${episode.id}.md`;
}

/** An episode of the outline: front matter only, the script still to be written. */
export function outlineEpisodeText(episode: PlannedEpisode): string {
  const front = {
    number: episode.number,
    id: episode.id,
    title: episode.title,
    ...(episode.subtitle ? { subtitle: episode.subtitle } : {}),
    summary: episode.summary,
    published: episode.published,
  };
  return `---\n${new Document(front).toString({ lineWidth: 100 })}---\n`;
}

/**
 * The episode file with its script, show notes and sources. Fields the user added or edited stay
 * as they are; notes, sources and reading are replaced by the new script's.
 */
export function withScript(fileText: string, parts: ScriptParts, missing: { id: string; published: string }): string {
  const split = splitEpisode(fileText.replace(/^\ufeff/, ''));
  if (split.kind !== 'split') throw new Error('withScript needs an episode file with front matter');
  const doc = parseDocument(split.yaml);
  // An episode the user added to the outline may lack what a finished one needs.
  if (!doc.has('id')) doc.set('id', missing.id);
  if (!doc.has('published')) doc.set('published', missing.published);
  doc.set('notes', parts.notes);
  // Without sources of its own (a hand-written series), the sources the user listed stay.
  if (parts.sources.length > 0) doc.set('sources', parts.sources);
  if (parts.reading.length > 0) doc.set('reading', parts.reading);
  else doc.delete('reading');
  return `---\n${doc.toString({ lineWidth: 100 })}---\n${parts.script.trim()}\n`;
}

/** Adds proposed pronunciations for terms the lexicon lacks; an entry the user wrote is never changed. */
export function withLexiconEntries(lexiconText: string, proposals: readonly { term: string; say: string }[]): string {
  const doc = parseDocument(lexiconText);
  const fresh = proposals.filter(({ term }) => doc.contents === null || !doc.has(term));
  if (fresh.length === 0) return lexiconText;
  // A lexicon of comments only has no map to add to: append plain lines below the comments.
  if (doc.contents === null) {
    const lines = fresh.map(({ term, say }) => new Document({ [term]: say }).toString().trimEnd());
    return `${lexiconText.trimEnd()}\n${lines.join('\n')}\n`;
  }
  for (const { term, say } of fresh) doc.set(term, say);
  return doc.toString({ lineWidth: 100 });
}

/**
 * series.yaml with one episode's ungrounded figures recorded (or cleared); the rest as the user
 * left it. Unchanged text when there is nothing to change (or no provenance to record it in).
 */
export function withUngrounded(seriesText: string, episode: number, figures: readonly string[]): string {
  const doc = parseDocument(seriesText);
  if (!doc.has('provenance')) return seriesText;
  const current = doc.getIn(['provenance', 'ungrounded']) as { toJSON(): unknown } | undefined;
  const list = (Array.isArray(current?.toJSON()) ? current!.toJSON() : []) as Provenance['ungrounded'];
  const others = list.filter((u) => u.episode !== episode);
  if (figures.length === 0 && others.length === list.length) return seriesText;
  const next = figures.length > 0 ? [...others, { episode, figures: [...figures] }].sort((a, b) => a.episode - b.episode) : others;
  doc.setIn(['provenance', 'ungrounded'], next);
  return doc.toString({ lineWidth: 100 });
}
