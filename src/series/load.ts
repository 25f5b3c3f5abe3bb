/**
 * Loads a series folder — `series.yaml`, optional `lexicon.yaml`, `episodes/*.md` — and validates
 * it. Every problem found is reported together (file, field, what to do) as a ContentError.
 *
 * @example
 *   const content = await loadSeries('series/ai-training');
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { dialogueProblems } from './dialogue.js';
import { ContentError, error, type Problem } from './problems.js';
import {
  episodeFrontMatterSchema,
  lexiconSchema,
  seriesSchema,
  type Episode,
  type Lexicon,
  type Series,
  type SeriesContent,
} from './schema.js';

export async function loadSeries(dir: string): Promise<SeriesContent> {
  const problems: Problem[] = [];
  // Paths in messages as the user would type them: relative inside the working folder.
  const show = (path: string) => {
    const rel = relative(process.cwd(), path);
    return rel && !rel.startsWith('..') ? rel : path;
  };

  const info = await stat(dir).catch((e: unknown) => e as NodeJS.ErrnoException);
  if (info instanceof Error && !isMissing(info)) throw new ContentError([error(show(dir), cannotRead(info))]);
  if (info instanceof Error || !info.isDirectory()) {
    throw new ContentError([
      error(show(dir), 'series folder not found: give the path of a folder holding series.yaml and episodes/'),
    ]);
  }

  const seriesFile = join(dir, 'series.yaml');
  const series = await readYaml(seriesFile, show(seriesFile), seriesSchema, problems, true);
  const lexiconFile = join(dir, 'lexicon.yaml');
  const lexicon = (await readYaml(lexiconFile, show(lexiconFile), lexiconSchema, problems, false)) ?? {};

  const episodesDir = join(dir, 'episodes');
  const names = await readdir(episodesDir).catch((e: unknown) => e as NodeJS.ErrnoException);
  const episodes: Episode[] = [];
  const before = problems.length;
  if (names instanceof Error) {
    problems.push(
      error(show(episodesDir), isMissing(names) ? 'episodes folder not found: add one Markdown file per episode there' : cannotRead(names)),
    );
  } else {
    const files = names.filter((n) => n.endsWith('.md')).sort();
    if (files.length === 0) {
      problems.push(error(show(episodesDir), 'no episode files (*.md) found: add one Markdown file per episode'));
    }
    for (const name of files) {
      const path = join(episodesDir, name);
      const text = await readFile(path, 'utf8').catch((e: unknown) => e as NodeJS.ErrnoException);
      if (text instanceof Error) {
        problems.push(error(show(path), cannotRead(text)));
        continue;
      }
      const episode = parseEpisode(text, show(path), problems);
      if (episode) episodes.push(episode);
      // Speaker labels are checked against the hosts, so only once series.yaml is valid.
      if (episode && series) problems.push(...dialogueProblems(episode, (series as Series).hosts, text));
    }
  }
  episodes.sort((a, b) => a.number - b.number);
  // Numbering gaps are only meaningful when every episode file could be read.
  problems.push(...crossCheck(episodes, problems.length === before));

  if (problems.some((p) => p.severity === 'error') || !series) throw new ContentError(problems);
  return { dir, series: series as Series, lexicon: lexicon as Lexicon, episodes };
}

async function readYaml<S extends z.ZodType>(
  path: string,
  shown: string,
  schema: S,
  problems: Problem[],
  required: boolean,
): Promise<z.infer<S> | undefined> {
  const text = await readFile(path, 'utf8').catch((e: unknown) => e as NodeJS.ErrnoException);
  if (text instanceof Error) {
    if (!isMissing(text)) problems.push(error(shown, cannotRead(text)));
    else if (required) problems.push(error(shown, `file not found: create ${basename(path)} in the series folder`));
    return undefined;
  }
  return validate(parseYaml(text, shown, problems, 0), schema, shown, problems);
}

function parseYaml(text: string, file: string, problems: Problem[], lineOffset: number): unknown {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const line = e.linePos?.[0]?.line;
      problems.push(
        error(file, `YAML syntax: ${e.message.split('\n')[0]} (quote values that contain ": " or start with a symbol)`, {
          ...(line !== undefined ? { line: line + lineOffset } : {}),
        }),
      );
    }
    return undefined;
  }
  return doc.toJS();
}

function validate<S extends z.ZodType>(
  value: unknown,
  schema: S,
  file: string,
  problems: Problem[],
): z.infer<S> | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.push(error(file, 'expected a YAML mapping of fields (name: value)'));
    return undefined;
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.');
    problems.push(error(file, issue.message, field ? { field } : {}));
  }
  return undefined;
}

function isMissing(e: NodeJS.ErrnoException): boolean {
  return e.code === 'ENOENT' || e.code === 'ENOTDIR';
}

/** Why a file that exists could not be read, in words, with what to do where it is obvious. */
export function cannotRead(e: NodeJS.ErrnoException): string {
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied: give your user read access to it (chmod u+r)';
  if (e.code === 'EISDIR') return 'is a folder where a file was expected';
  return `cannot be read (${e.code ?? e.message})`;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export function parseEpisode(text: string, file: string, problems: Problem[]): Episode | undefined {
  const match = FRONT_MATTER.exec(text);
  if (!match) {
    problems.push(error(file, 'missing front matter: start the file with a --- line, the fields, then another --- line'));
    return undefined;
  }
  const before = problems.length;
  const front = validate(parseYaml(match[1]!, file, problems, 1), episodeFrontMatterSchema, file, problems);
  const script = text.slice(match[0].length).trim();
  if (!script) {
    problems.push(error(file, 'the script is empty: write the spoken script after the front matter', { field: 'script' }));
  }
  if (!front || problems.length > before) return undefined;
  return { ...front, script, file };
}

function crossCheck(episodes: Episode[], complete: boolean): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, Episode>();
  for (const episode of episodes) {
    for (const [key, value] of [
      ['number', String(episode.number)],
      ['id', episode.id],
    ] as const) {
      const other = seen.get(`${key}:${value}`);
      if (other) {
        problems.push(
          error(episode.file, `${key} ${value} is also used by ${other.file}: each episode needs its own ${key}`, {
            field: key,
          }),
        );
      } else {
        seen.set(`${key}:${value}`, episode);
      }
    }
  }
  episodes.forEach((episode, index) => {
    if (complete && episode.number !== index + 1 && !problems.some((p) => p.file === episode.file)) {
      problems.push(
        error(episode.file, `episode numbers must run 1, 2, 3… without gaps; expected ${index + 1} here`, {
          field: 'number',
        }),
      );
    }
  });
  return problems;
}
