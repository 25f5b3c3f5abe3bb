/**
 * Loads a series folder — `series.yaml`, optional `lexicon.yaml`, `episodes/*.md` — and validates
 * it. Every problem found is reported together as a ContentError, each at its file, line and
 * column with what to do.
 *
 * @example
 *   const content = await loadSeries('series/ai-training');
 *   const { problems, episodes } = await inspectSeries('series/ai-training'); // never throws for content
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { z } from 'zod';
import { cannotRead, isMissing, readContentFile } from './content-file.js';
import type { ContentKind } from './fields.js';
import { splitEpisode, type EpisodeParts } from './front-matter.js';
import { dialogueProblems } from './dialogue.js';
import { ContentError, error, sortProblems, type Problem } from './problems.js';
import {
  episodeFrontMatterSchema,
  lexiconSchema,
  seriesSchema,
  type Episode,
  type Lexicon,
  type Series,
  type SeriesContent,
} from './schema.js';
import { validateContent } from './schema-messages.js';
import { parseYamlSource, type Position, type YamlSource } from './yaml-source.js';

export { cannotRead } from './content-file.js';

/** What loading found: the parts that are valid, and every problem, sorted by file and line. */
export interface SeriesInspection {
  dir: string;
  /** Undefined when series.yaml is missing or invalid. */
  series?: Series;
  /** Undefined when lexicon.yaml is invalid; empty when there is none. */
  lexicon?: Lexicon;
  /** The episodes that are valid on their own, in curriculum order. */
  episodes: Episode[];
  /** The text of each valid episode's file (without a byte-order mark), by its path as shown. */
  texts: Map<string, string>;
  problems: Problem[];
}

export async function loadSeries(dir: string): Promise<SeriesContent> {
  const found = await inspectSeries(dir);
  const { series, lexicon, episodes, problems } = found;
  if (problems.some((p) => p.severity === 'error') || !series || !lexicon) throw new ContentError(problems);
  return { dir, series, lexicon, episodes };
}

export async function inspectSeries(dir: string): Promise<SeriesInspection> {
  const problems: Problem[] = [];
  const texts = new Map<string, string>();
  const done = (more: Partial<SeriesInspection> = {}): SeriesInspection => ({
    dir,
    episodes: [],
    texts,
    ...more,
    problems: sortProblems(problems),
  });

  const info = await stat(dir).catch((e: unknown) => e as NodeJS.ErrnoException);
  if (info instanceof Error && !isMissing(info)) {
    problems.push(error(show(dir), cannotRead(info), { rule: 'unreadable' }));
    return done();
  }
  if (info instanceof Error || !info.isDirectory()) {
    problems.push(
      error(show(dir), 'series folder not found — give the path of a folder holding series.yaml and episodes/', {
        rule: 'folder-not-found',
      }),
    );
    return done();
  }

  const series = await readYamlFile(join(dir, 'series.yaml'), 'series', seriesSchema, problems);
  const lexicon = await readYamlFile(join(dir, 'lexicon.yaml'), 'lexicon', lexiconSchema, problems);

  const episodesDir = join(dir, 'episodes');
  const names = await readdir(episodesDir).catch((e: unknown) => e as NodeJS.ErrnoException);
  const episodes: Found<Episode>[] = [];
  let complete = true;
  if (names instanceof Error) {
    problems.push(
      error(
        show(episodesDir),
        isMissing(names) ? 'episodes folder not found — add one Markdown file per episode there' : cannotRead(names),
        { rule: isMissing(names) ? 'folder-not-found' : 'unreadable' },
      ),
    );
  } else {
    const files = names.filter((n) => n.endsWith('.md')).sort();
    if (files.length === 0) {
      problems.push(
        error(show(episodesDir), 'no episode files (*.md) found — add one Markdown file per episode', { rule: 'no-episodes' }),
      );
    }
    for (const name of files) {
      const file = show(join(episodesDir, name));
      const read = await readContentFile(join(episodesDir, name));
      const before = problems.length;
      if (read.kind === 'text') {
        const episode = readEpisode(read.text, file, problems);
        if (episode) {
          episodes.push(episode);
          texts.set(file, read.text);
          // Speaker labels are checked against the hosts, so only once series.yaml is valid.
          if (series) problems.push(...dialogueProblems(episode.value, series.value.hosts, read.text));
        }
      } else {
        problems.push(
          read.kind === 'missing'
            ? error(file, 'could not be found any more — was it moved while the series was read?', { rule: 'unreadable' })
            : error(file, read.message, { rule: read.rule, ...read.at }),
        );
      }
      if (problems.length > before) complete = false;
    }
  }
  episodes.sort((a, b) => a.value.number - b.value.number);
  // Numbering gaps are only meaningful when every episode file could be read.
  problems.push(...crossCheck(episodes, complete));

  return done({
    ...(series ? { series: series.value } : {}),
    ...(lexicon ? { lexicon: lexicon.value } : {}),
    episodes: episodes.map((e) => e.value),
  });
}

/** Paths in messages as the user would type them: relative inside the working folder. */
export function show(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** A valid value and where its fields are in its file. */
interface Found<T> {
  value: T;
  file: string;
  locate: YamlSource['locate'];
}

async function readYamlFile<S extends z.ZodType>(
  path: string,
  kind: 'series' | 'lexicon',
  schema: S,
  problems: Problem[],
): Promise<Found<z.infer<S>> | undefined> {
  const file = show(path);
  const read = await readContentFile(path);
  if (read.kind === 'missing') {
    // A series may do without a lexicon.
    if (kind === 'lexicon') return { value: {} as z.infer<S>, file, locate: () => TOP };
    problems.push(error(file, 'file not found — create series.yaml in the series folder', { rule: 'file-not-found' }));
    return undefined;
  }
  if (read.kind === 'refused') {
    problems.push(error(file, read.message, { rule: read.rule, ...read.at }));
    return undefined;
  }
  const parsed = parseYamlSource(read.text, 1);
  if (!parsed.ok) {
    problems.push(...parsed.findings.map(({ rule, message, ...at }) => error(file, message, { rule, ...at })));
    return undefined;
  }
  let value = parsed.source.value;
  if (value === null || value === undefined) {
    if (kind === 'lexicon') value = {};
    else {
      const message = `the file is empty — add the series' fields: ${requiredFields(schema)}`;
      problems.push(error(file, message, { rule: 'empty-file', ...TOP }));
      return undefined;
    }
  }
  return check(value, schema, kind, file, parsed.source.locate, problems);
}

const TOP: Position = { line: 1, column: 1 };

function check<S extends z.ZodType>(
  value: unknown,
  schema: S,
  kind: ContentKind,
  file: string,
  locate: YamlSource['locate'],
  problems: Problem[],
): Found<z.infer<S>> | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const what = kind === 'episode' ? 'the front matter' : 'the file';
    const got = Array.isArray(value) ? 'a list' : 'a single value';
    problems.push(
      error(file, `${what} holds ${got} — write fields instead, one per line as name: value`, {
        rule: 'not-fields',
        ...locate([], 'value'),
      }),
    );
    return undefined;
  }
  const result = validateContent(schema, value, kind);
  if (result.ok) return { value: result.data, file, locate };
  for (const finding of result.findings) {
    const field = finding.path.map(String).join('.');
    problems.push(
      error(file, finding.message, {
        ...locate(finding.path, finding.at),
        rule: finding.rule,
        ...(field ? { field } : {}),
      }),
    );
  }
  return undefined;
}

/** The fields a schema cannot do without, for "the file is empty — add …". */
function requiredFields(schema: z.ZodType): string {
  const result = schema.safeParse({});
  const names = result.success ? [] : result.error.issues.filter((i) => i.path.length === 1).map((i) => String(i.path[0]));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? 'its fields');
}

const EPISODE_SHAPE: Record<Exclude<EpisodeParts['kind'], 'split'>, string> = {
  'empty-file': 'the file is empty — start it with the front matter (a --- line, the fields, another --- line), then the script',
  'no-front-matter': 'there is no front matter — start the file with a --- line, the fields, another --- line, then the script',
  'unclosed-front-matter': 'the front matter is never closed — add a --- line after the last field, before the script',
};

/** An episode file: front matter between two `---` lines, then the script. */
export function parseEpisode(text: string, file: string, problems: Problem[]): Episode | undefined {
  return readEpisode(text, file, problems)?.value;
}

function readEpisode(text: string, file: string, problems: Problem[]): Found<Episode> | undefined {
  const parts = splitEpisode(text.replace(/^\ufeff/, ''));
  if (parts.kind !== 'split') {
    problems.push(error(file, EPISODE_SHAPE[parts.kind], { rule: parts.kind, ...TOP }));
    return undefined;
  }
  const { yaml, yamlLine, script, scriptLine } = parts;
  const before = problems.length;
  if (!script) {
    problems.push(
      error(file, 'the script is empty — write the spoken script after the front matter, or have it written with ninety new --continue <series folder>', {
        rule: 'empty-script',
        field: 'script',
        line: scriptLine,
        column: 1,
      }),
    );
  }

  let found: Found<EpisodeFront> | undefined;
  if (yaml.trim() === '') {
    problems.push(
      error(file, `the front matter is empty — add the fields: ${requiredFields(episodeFrontMatterSchema)}`, {
        rule: 'empty-front-matter',
        ...TOP,
      }),
    );
  } else {
    const parsed = parseYamlSource(yaml, yamlLine);
    if (!parsed.ok) {
      problems.push(...parsed.findings.map(({ rule, message, ...at }) => error(file, message, { rule, ...at })));
    } else {
      found = check(parsed.source.value, episodeFrontMatterSchema, 'episode', file, parsed.source.locate, problems);
    }
  }
  if (!found || problems.length > before) return undefined;
  return { value: { ...found.value, script, file }, file, locate: found.locate };
}

type EpisodeFront = z.infer<typeof episodeFrontMatterSchema>;

function crossCheck(episodes: Found<Episode>[], complete: boolean): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, Found<Episode>>();
  for (const episode of episodes) {
    for (const [key, value] of [
      ['number', String(episode.value.number)],
      ['id', episode.value.id],
    ] as const) {
      const other = seen.get(`${key}:${value}`);
      if (other) {
        problems.push(
          error(episode.file, `${key} ${value} is also used by ${basename(other.file)} — each episode needs its own ${key}`, {
            field: key,
            rule: `duplicate-${key}`,
            ...episode.locate([key], 'value'),
          }),
        );
      } else {
        seen.set(`${key}:${value}`, episode);
      }
    }
  }
  episodes.forEach((episode, index) => {
    if (complete && episode.value.number !== index + 1 && !problems.some((p) => p.file === episode.file)) {
      problems.push(
        error(episode.file, `episode numbers must run 1, 2, 3… without gaps — expected ${index + 1} here`, {
          field: 'number',
          rule: 'number-gap',
          ...episode.locate(['number'], 'value'),
        }),
      );
    }
  });
  return problems;
}
