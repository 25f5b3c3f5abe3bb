/**
 * Positions for problems found after loading — the build's check of the voice, say — that name
 * a field but not where it is: the file is read again and the problem pointed at the field's
 * value, so every finding prints as file:line:column.
 *
 * @example
 *   await placeProblems([error('series/x/series.yaml', 'unknown voice "robot"', { field: 'voice.voice' })])
 *   // [{ …, line: 16, column: 10 }]
 */
import { readContentFile } from './content-file.js';
import { splitEpisode } from './front-matter.js';
import type { Problem } from './problems.js';
import { parseYamlSource, type YamlSource } from './yaml-source.js';

export async function placeProblems(problems: readonly Problem[]): Promise<Problem[]> {
  const sources = new Map<string, Promise<YamlSource | undefined>>();
  return Promise.all(
    problems.map(async (problem) => {
      if (problem.line !== undefined || !problem.field || problem.field === 'script') return problem;
      let source = sources.get(problem.file);
      if (!source) {
        source = readSource(problem.file);
        sources.set(problem.file, source);
      }
      const found = await source;
      if (!found) return problem;
      const path = problem.field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      return { ...problem, ...found.locate(path, 'value') };
    }),
  );
}

async function readSource(file: string): Promise<YamlSource | undefined> {
  const read = await readContentFile(file);
  if (read.kind !== 'text') return undefined;
  if (!file.endsWith('.md')) {
    const parsed = parseYamlSource(read.text, 1);
    return parsed.ok ? parsed.source : undefined;
  }
  const parts = splitEpisode(read.text);
  if (parts.kind !== 'split') return undefined;
  const parsed = parseYamlSource(parts.yaml, parts.yamlLine);
  return parsed.ok ? parsed.source : undefined;
}
