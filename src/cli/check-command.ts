import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { lintEpisode } from '../series/lint.js';
import { loadSeries } from '../series/load.js';
import { ContentError, formatProblem, type Problem } from '../series/problems.js';
import { voiceProblems } from '../series/voices.js';
import { DEFAULT_SERIES_DIR, parse, type Command } from './command.js';

export const checkCommand: Command = {
  name: 'check',
  summary: 'validate a series and lint its scripts without making audio',
  help: `Usage: ninety check [SERIES_DIR]

Validates SERIES_DIR (default ${DEFAULT_SERIES_DIR}): the schema of every file, the voices (and each
host's voice and speaker labels in a dialogue), then each script — estimated length against the
target, Markdown or addresses left in a script, digits or symbols the voice cannot say, and jargon
with no entry in lexicon.yaml. Exits with 1 when there are errors.
`,
  async run(argv) {
    const { positionals } = parse(argv, {}, 1);
    const dir = positionals[0] ?? DEFAULT_SERIES_DIR;
    let problems: Problem[];
    try {
      const content = await loadSeries(dir);
      problems = voiceProblems(content.series, join(dir, 'series.yaml'));
      for (const episode of content.episodes) {
        problems.push(...lintEpisode(episode, await readFile(episode.file, 'utf8'), content));
      }
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      problems = error.problems;
    }
    for (const problem of problems) process.stdout.write(`${formatProblem(problem)}\n`);
    const errors = problems.filter((p) => p.severity === 'error').length;
    const warnings = problems.length - errors;
    process.stdout.write(
      errors + warnings === 0 ? `${dir}: all good.\n` : `${dir}: ${errors} error(s), ${warnings} warning(s).\n`,
    );
    return errors > 0 ? 1 : 0;
  },
};
