import { join } from 'node:path';
import { formatProblem, sortProblems, type Problem } from '../series/problems.js';
import { DEFAULT_SERIES_DIR, parse, UsageError, type Command } from './command.js';

const FORMATS = ['text', 'json'] as const;
type Format = (typeof FORMATS)[number];

export const checkCommand: Command = {
  name: 'check',
  summary: 'validate a series and lint its scripts without making audio',
  help: `Usage: ninety check [SERIES_DIR] [--format text|json]

Validates SERIES_DIR (default ${DEFAULT_SERIES_DIR}): the schema of every file, the voices (and each
host's voice and speaker labels in a dialogue), then each script — estimated length against the
target, Markdown or addresses left in a script, digits or symbols the voice cannot say, and jargon
with no entry in lexicon.yaml. For a series written from sources (ninety new --source), every
figure a script states is looked for in those sources.

Every finding is reported at once, errors first and then warnings, each sorted by file and line:
  episodes/01-intro.md:12:3: error: sources is missing — list at least two sources, each with title and url
--format json prints them as one JSON object for editors and CI instead.

Exit status: 0 when there are no errors (warnings allowed), 1 when there are errors, 2 for a usage error.
`,
  async run(argv) {
    const { positionals, values } = parse(argv, { format: { type: 'string', default: 'text' } }, 1);
    const format = values.format as Format;
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be text or json, got "${values.format}"`);
    const dir = positionals[0] ?? DEFAULT_SERIES_DIR;

    const findings = await checkSeries(dir);
    const errors = findings.filter((p) => p.severity === 'error');
    const warnings = findings.filter((p) => p.severity === 'warning');
    const ordered = [...sortProblems(errors), ...sortProblems(warnings)];
    if (format === 'json') {
      process.stdout.write(`${JSON.stringify(toJson(dir, ordered, errors.length, warnings.length), null, 2)}\n`);
    } else {
      for (const problem of ordered) process.stdout.write(`${formatProblem(problem)}\n`);
      process.stdout.write(`${dir}: ${summary(errors.length, warnings.length)}\n`);
    }
    return errors.length > 0 ? 1 : 0;
  },
};

/** Every finding for a series: schema problems of each file, then the lint of each valid script. */
export async function checkSeries(dir: string): Promise<Problem[]> {
  // Loaded on use, as every command's heavier modules are: the YAML parser and the schemas would
  // otherwise load with every command, a build from a cached series included.
  const [{ inspectSeries }, { lintEpisode }, { placeProblems }, { voiceProblems }] = await Promise.all([
    import('../series/load.js'),
    import('../series/lint.js'),
    import('../series/place.js'),
    import('../series/voices.js'),
  ]);
  const found = await inspectSeries(dir);
  const problems = [...found.problems];
  const { series, lexicon } = found;
  if (series && lexicon) {
    // The build refuses an unknown engine or voice: say so here too.
    problems.push(...voiceProblems(series, join(dir, 'series.yaml')));
    const content = { dir, series, lexicon, episodes: found.episodes };
    // A script with errors (a speaker label that names no host, say) cannot be linted as spoken.
    const broken = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.file));
    for (const episode of found.episodes.filter((e) => !broken.has(e.file))) {
      problems.push(...lintEpisode(episode, found.texts.get(episode.file) ?? episode.script, content));
    }
    if (series.provenance?.sources.length) {
      const { groundingProblems } = await import('../write/grounding-check.js');
      problems.push(...(await groundingProblems(dir, series, found.episodes.filter((e) => !broken.has(e.file)))));
    }
  }
  return placeProblems(problems);
}

function summary(errors: number, warnings: number): string {
  if (errors + warnings === 0) return 'all good.';
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${count(errors, 'error')}, ${count(warnings, 'warning')}.`;
}

/** The JSON report; its shape is documented in the README and kept stable for tools. */
function toJson(dir: string, findings: Problem[], errors: number, warnings: number) {
  return {
    series: dir,
    errors,
    warnings,
    findings: findings.map((p) => ({
      file: p.file,
      line: p.line ?? null,
      column: p.column ?? null,
      severity: p.severity,
      rule: p.rule ?? 'content',
      ...(p.field ? { field: p.field } : {}),
      message: p.message,
    })),
  };
}
