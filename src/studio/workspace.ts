/**
 * The studio's reads and writes of series folders — the folder on disk is the source of truth, and
 * the same files the CLI reads. Each save replaces one file atomically; an episode deleted from
 * the outline and a script replaced by hand are kept in episodes/.history/ first, so no draft is lost.
 *
 * @example
 *   const dir = seriesDir('series', 'sourdough');                 // undefined for '../etc'
 *   await saveOutline(dir!, rows);
 *   await saveScript(dir!, 3, 'The starter is alive…', sourcesText);
 */
import { mkdir, readdir, readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Document, parseDocument } from 'yaml';
import { writeFileAtomic } from '../build/atomic.js';
import { splitEpisode } from '../series/front-matter.js';
import { createSeriesFolder } from '../write/folder.js';
import { episodeIds, slugify } from '../write/slug.js';
import { readWrittenSeries, type WrittenSeries } from '../write/written-series.js';
import type { OutlineRow } from './outline-edit.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The folder of a series under `root`, or undefined when `slug` is not a plain folder name. */
export function seriesDir(root: string, slug: string): string | undefined {
  return SLUG.test(slug) ? join(root, slug) : undefined;
}

export interface SeriesSummary {
  slug: string;
  title: string;
  episodes: number;
  scripts: number;
  /** Why the folder cannot be read, when it cannot. */
  problem?: string;
}

export async function listSeries(root: string): Promise<SeriesSummary[]> {
  const names = await readdir(root, { withFileTypes: true }).catch(() => []);
  const found: SeriesSummary[] = [];
  for (const entry of names.filter((n) => n.isDirectory() && SLUG.test(n.name)).sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = join(root, entry.name);
    if (!(await stat(join(dir, 'series.yaml')).catch(() => undefined))) continue;
    try {
      const written = await readWrittenSeries(dir);
      found.push({ slug: entry.name, title: written.series.title, episodes: written.episodes.length, scripts: written.episodes.filter((e) => e.script).length });
    } catch (error) {
      found.push({ slug: entry.name, title: entry.name, episodes: 0, scripts: 0, problem: (error as Error).message });
    }
  }
  return found;
}

/** Writes the outline as edited: each row's file updated (or created), files of removed rows kept in .history/. */
export async function saveOutline(dir: string, rows: readonly OutlineRow[], today = new Date()): Promise<void> {
  const episodesDir = join(dir, 'episodes');
  const existing = (await readdir(episodesDir)).filter((n) => n.endsWith('.md'));
  const kept = new Set(rows.map((r) => r.file).filter((f) => existing.includes(f)));
  const usedIds = new Set<string>();
  for (const name of existing) {
    const id = /^\d+-(.+)\.md$/.exec(name)?.[1];
    if (id) usedIds.add(id);
  }
  for (const [i, row] of rows.entries()) {
    const number = i + 1;
    if (row.file && kept.has(row.file)) {
      const path = join(episodesDir, row.file);
      const text = await readFile(path, 'utf8');
      const next = withFront(text, { number, title: row.title, subtitle: row.subtitle, summary: row.summary });
      if (next !== text) await writeFileAtomic(path, next);
      continue;
    }
    let id = episodeIds([row.title])[0] ?? `episode-${number}`;
    for (let n = 2; usedIds.has(id); n++) id = `${slugify(row.title, 40) || 'episode'}-${n}`;
    usedIds.add(id);
    const front = { number, id, title: row.title, ...(row.subtitle ? { subtitle: row.subtitle } : {}), summary: row.summary, published: isoDate(today) };
    await writeFileAtomic(join(episodesDir, `${String(number).padStart(2, '0')}-${id}.md`), `---\n${new Document(front).toString({ lineWidth: 100 })}---\n`);
  }
  for (const name of existing.filter((n) => !kept.has(n))) await keepInHistory(dir, name, today);
}

/** The episode file's script (and, when given, its sources) replaced, its front matter as the user left it. */
export async function saveScript(dir: string, number: number, script: string, sources?: string): Promise<void> {
  const episode = (await readWrittenSeries(dir)).episodes.find((e) => e.number === number);
  if (!episode) throw new Error(`this series has no episode ${number}`);
  const parts = splitEpisode(episode.text);
  if (parts.kind !== 'split') throw new Error(`${episode.path} has no front matter`);
  const doc = parseDocument(parts.yaml);
  if (sources !== undefined) {
    const list = parseSources(sources);
    if (list.length > 0) doc.set('sources', list);
    else doc.delete('sources');
  }
  const body = script.replace(/\r\n/g, '\n').trim();
  const next = `---\n${doc.toString({ lineWidth: 100 })}---\n${body ? `${body}\n` : ''}`;
  if (next !== episode.text) await writeFileAtomic(episode.path, next);
}

/** "Title | https://address" per line → sources; lines without an http(s) address are left out. */
export function parseSources(text: string): { title: string; url: string }[] {
  return text
    .split('\n')
    .map((line) => /^(.+?)\s*\|\s*(https?:\/\/\S+)\s*$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null && URL.canParse(m[2]!))
    .map((m) => ({ title: m[1]!.trim(), url: m[2]! }));
}

export function sourcesText(episode: WrittenSeries['episodes'][number]): string {
  const parts = splitEpisode(episode.text);
  if (parts.kind !== 'split') return '';
  const sources = (parseDocument(parts.yaml).toJSON() as { sources?: { title?: string; url?: string; address?: string }[] } | null)?.sources ?? [];
  return sources.map((s) => `${s.title ?? ''} | ${s.url ?? s.address ?? ''}`).join('\n');
}

export interface HandWritten {
  slug: string;
  title: string;
  topic: string;
  episodes: number;
  seconds: number;
  voices: readonly string[];
}

/** A new series to write by hand: series.yaml, an empty lexicon and an outline of numbered, untitled episodes. */
export async function createHandWritten(root: string, plan: HandWritten, today = new Date()): Promise<string> {
  const dir = join(root, plan.slug);
  const files = new Map<string, string>();
  files.set('series.yaml', seriesYaml(plan));
  files.set('lexicon.yaml', '# How to say the series\' jargon: written term -> spoken form.\n');
  for (let n = 1; n <= plan.episodes; n++) {
    const front = { number: n, id: `episode-${n}`, title: `Episode ${n}`, summary: 'What this episode covers, in a sentence or two.', published: isoDate(today) };
    files.set(`episodes/${String(n).padStart(2, '0')}-episode-${n}.md`, `---\n${new Document(front).toString({ lineWidth: 100 })}---\n`);
  }
  await createSeriesFolder(dir, files);
  return dir;
}

function seriesYaml(plan: HandWritten): string {
  const series = {
    slug: plan.slug,
    title: plan.title,
    topic: plan.topic,
    description: `A series on ${plan.topic}.`,
    author: 'Ninety',
    owner: { name: 'Ninety', email: 'podcast@ninety.example' },
    language: 'en',
    category: 'Education',
    explicit: false,
    targetSeconds: plan.seconds,
    toleranceSeconds: 5,
  };
  return withVoices(new Document(series).toString({ lineWidth: 100 }), plan.voices);
}

/** series.yaml with the voice chosen (one) or the hosts' voices (two), Flite's; the rest as it was. */
export function withVoices(seriesText: string, voices: readonly string[]): string {
  const doc = parseDocument(seriesText);
  if (voices.length === 1) {
    doc.setIn(['voice', 'engine'], 'flite');
    doc.setIn(['voice', 'voice'], voices[0]);
    doc.delete('hosts');
  } else if (voices.length >= 2) {
    doc.set('hosts', [
      { name: 'Ada', voice: voices[0] },
      { name: 'Ben', voice: voices[1] },
    ]);
  }
  return doc.toString({ lineWidth: 100 });
}

export async function setVoices(dir: string, voices: readonly string[]): Promise<void> {
  const path = join(dir, 'series.yaml');
  const text = await readFile(path, 'utf8');
  const next = withVoices(text, voices);
  if (next !== text) await writeFileAtomic(path, next);
}

function withFront(text: string, fields: { number: number; title: string; subtitle: string; summary: string }): string {
  const parts = splitEpisode(text.replace(/^\ufeff/, ''));
  if (parts.kind !== 'split') return text;
  const doc = parseDocument(parts.yaml);
  doc.set('number', fields.number);
  doc.set('title', fields.title);
  if (fields.subtitle) doc.set('subtitle', fields.subtitle);
  else doc.delete('subtitle');
  doc.set('summary', fields.summary);
  return `---\n${doc.toString({ lineWidth: 100 })}---\n${parts.script ? `${parts.script}\n` : ''}`;
}

async function keepInHistory(dir: string, name: string, now: Date): Promise<void> {
  const history = join(dir, 'episodes', '.history');
  await mkdir(history, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  await rename(join(dir, 'episodes', name), join(history, `${name.replace(/\.md$/, '')}.${stamp}.md`));
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
