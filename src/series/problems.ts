/**
 * Problems with a user's content, each naming the file, the line and column, and what to do.
 * Loading collects every problem it can find before failing, so one run shows them all.
 *
 * Printed the way compilers and linters print them, so editors and terminals make them
 * clickable:
 *
 * @example
 *   formatProblem({ file: 'episodes/01-intro.md', line: 12, column: 3, severity: 'error',
 *     rule: 'missing', message: 'sources is missing — list at least two sources, each with title and url' })
 *   // 'episodes/01-intro.md:12:3: error: sources is missing — list at least two sources, each with title and url'
 */
export interface Problem {
  file: string;
  /** 1-based line in the file, when the problem is in a file that could be read. */
  line?: number;
  /** 1-based column in that line. */
  column?: number;
  /** Dotted field path such as `sources.1.url`, when the problem is in a field. */
  field?: string;
  /** A short, stable name for the kind of problem (`missing`, `yaml-syntax`, `unsayable`…), for tools. */
  rule?: string;
  message: string;
  severity: 'error' | 'warning';
}

export class ContentError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    const sorted = sortProblems(problems);
    super(sorted.map(formatProblem).join('\n'));
    this.name = 'ContentError';
    this.problems = sorted;
  }
}

/** `file:line:column: severity: message`; the line and column are left out when there are none. */
export function formatProblem(problem: Problem): string {
  const where =
    problem.line === undefined
      ? problem.file
      : `${problem.file}:${problem.line}${problem.column === undefined ? '' : `:${problem.column}`}`;
  // Without a position the field is the only pointer to where the problem is.
  const field = problem.line === undefined && problem.field ? `${problem.field}: ` : '';
  return `${where}: ${problem.severity}: ${field}${problem.message}`;
}

/** By file, then line, then column; problems of a whole file before those at a line. Stable otherwise. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        compareText(a.problem.file, b.problem.file) ||
        (a.problem.line ?? 0) - (b.problem.line ?? 0) ||
        (a.problem.column ?? 0) - (b.problem.column ?? 0) ||
        a.index - b.index,
    )
    .map(({ problem }) => problem);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const error = (file: string, message: string, more: Partial<Problem> = {}): Problem => ({
  file,
  message,
  severity: 'error',
  ...more,
});

export const warning = (file: string, message: string, more: Partial<Problem> = {}): Problem => ({
  file,
  message,
  severity: 'warning',
  ...more,
});
