/**
 * Problems with a user's content, each naming the file, the field (or line) and what to do.
 * Loading collects every problem it can find before failing, so one run shows them all.
 */
export interface Problem {
  file: string;
  /** Dotted field path such as `sources.1.url`, when the problem is in a field. */
  field?: string;
  line?: number;
  message: string;
  severity: 'error' | 'warning';
}

export class ContentError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ContentError';
  }
}

export function formatProblem(problem: Problem): string {
  const where = [problem.file, problem.line !== undefined ? `line ${problem.line}` : undefined, problem.field]
    .filter(Boolean)
    .join(': ');
  return `${problem.severity}: ${where}: ${problem.message}`;
}

export const error = (file: string, message: string, more: Partial<Problem> = {}): Problem => ({
  file,
  message,
  severity: 'error',
  ...more,
});
