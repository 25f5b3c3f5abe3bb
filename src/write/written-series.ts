/**
 * Reads a series folder as `ninety new --continue` and `ninety rewrite` need it: series.yaml and
 * the lexicon fully validated, but episodes read leniently — an episode of an outline has a title
 * and a summary and no script yet, and the user may have reordered, edited, added or deleted
 * episodes since. The folder is the source of truth; nothing else records what was done.
 *
 * @example
 *   const written = await readWrittenSeries('series/sourdough');
 *   const todo = written.episodes.filter((e) => !e.script);
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { splitEpisode } from '../series/front-matter.js';
import { inspectSeries, show } from '../series/load.js';
import { ContentError, error, type Problem } from '../series/problems.js';
import type { Lexicon, Series } from '../series/schema.js';
import { validateContent } from '../series/schema-messages.js';
import { parseYamlSource } from '../series/yaml-source.js';
import { episodeIds } from './slug.js';

export interface WrittenEpisode {
  number: number;
  id: string;
  title: string;
  subtitle?: string;
  summary: string;
  /** Empty while the episode has no script. */
  script: string;
  /** Path of the file, and the file as it is now. */
  path: string;
  text: string;
}

export interface WrittenSeries {
  dir: string;
  series: Series;
  seriesText: string;
  lexicon: Lexicon;
  episodes: WrittenEpisode[];
  /** The text of each source listed in the provenance, by its file in the series folder. */
  sourceTexts: Map<string, string>;
}

/** What an episode needs before its script can be written. */
const outlineEntrySchema = z
  .object({
    number: z.number().int().positive(),
    id: z.string().optional(),
    title: z.string().min(1).max(255),
    subtitle: z.string().min(1).max(255).optional(),
    summary: z.string().min(1).max(600),
  })
  .loose();

export async function readWrittenSeries(dir: string): Promise<WrittenSeries> {
  const inspection = await inspectSeries(dir);
  const problems: Problem[] = inspection.problems.filter((p) => p.severity === 'error' && !p.file.includes('episodes'));
  const { series, lexicon } = inspection;
  if (problems.length > 0 || !series || !lexicon) throw new ContentError(problems);

  const episodesDir = join(dir, 'episodes');
  const names = (await readdir(episodesDir)).filter((n) => n.endsWith('.md')).sort();
  const found: Omit<WrittenEpisode, 'id'>[] = [];
  const ids: (string | undefined)[] = [];
  for (const name of names) {
    const path = join(episodesDir, name);
    const shown = show(path);
    const text = (await readFile(path, 'utf8')).replace(/^\ufeff/, '');
    const parts = splitEpisode(text);
    if (parts.kind !== 'split') {
      problems.push(error(shown, 'there is no front matter — start the file with a --- line, the title and summary, another --- line', { line: 1, column: 1 }));
      continue;
    }
    const parsed = parseYamlSource(parts.yaml, parts.yamlLine);
    if (!parsed.ok) {
      problems.push(...parsed.findings.map(({ rule, message, ...at }) => error(shown, message, { rule, ...at })));
      continue;
    }
    const checked = validateContent(outlineEntrySchema, parsed.source.value ?? {}, 'episode');
    if (!checked.ok) {
      for (const f of checked.findings) {
        problems.push(error(shown, f.message, { rule: f.rule, field: f.path.map(String).join('.'), ...parsed.source.locate(f.path, f.at) }));
      }
      continue;
    }
    const { number, id, title, subtitle, summary } = checked.data;
    found.push({ number, title, ...(subtitle ? { subtitle } : {}), summary, script: parts.script, path, text });
    ids.push(id);
  }
  const numbers = new Map<number, string>();
  for (const episode of found) {
    const other = numbers.get(episode.number);
    if (other) problems.push(error(show(episode.path), `number ${episode.number} is also used by ${other} — give each episode its own number`, { field: 'number' }));
    numbers.set(episode.number, show(episode.path));
  }
  if (found.length === 0 && problems.length === 0) {
    problems.push(error(show(episodesDir), 'no episode files (*.md) found — add one per episode, with a title and a summary'));
  }
  if (problems.length > 0) throw new ContentError(problems);

  // An episode the user added without an id gets one from its title.
  const fallback = episodeIds(found.map((e) => e.title));
  const episodes = found
    .map((e, i) => ({ ...e, id: ids[i] ?? fallback[i]! }))
    .sort((a, b) => a.number - b.number);

  const sourceTexts = new Map<string, string>();
  for (const source of series.provenance?.sources ?? []) {
    const text = await readFile(join(dir, source.file), 'utf8').catch(() => undefined);
    if (text === undefined) {
      throw new ContentError([
        error(show(join(dir, 'series.yaml')), `the source text ${source.file} is missing — put it back, or remove "${source.title}" from provenance.sources`, {
          field: 'provenance.sources',
        }),
      ]);
    }
    sourceTexts.set(source.file, text);
  }
  const seriesText = await readFile(join(dir, 'series.yaml'), 'utf8');
  return { dir, series, seriesText, lexicon, episodes, sourceTexts };
}

