/**
 * One line per failed request for whoever runs the server: what was asked (method and path), what
 * was answered, and why (the error's code and message), with the stack when `NINETY_DEBUG` is set.
 * Server errors (5xx), permission errors (403: a published file the server cannot read) and reads
 * that fail after the status line was sent are logged; ordinary 404s and client hang-ups are not.
 *
 * @example
 *   failureLine({ method: 'GET', url: '/s/a.mp3', status: 500, error: err, debug: false });
 *   // "ninety serve: 500 GET /s/a.mp3: EIO: i/o error, read"
 */

export interface Failure {
  method: string;
  url: string;
  /** The status sent, or 'aborted' when the response had already begun and was cut off. */
  status: number | 'aborted';
  error: unknown;
  debug: boolean;
}

export type Log = (line: string) => void;

export const logToStderr: Log = (line) => {
  process.stderr.write(`${line}\n`);
};

export function failureLine(failure: Failure): string {
  const { error } = failure;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const cause = code !== undefined && !message.startsWith(code) ? `${code}: ${message}` : message;
  const what = failure.status === 'aborted' ? 'response cut short' : String(failure.status);
  const line = `ninety serve: ${what} ${printable(failure.method)} ${printable(failure.url)}: ${cause}`;
  const stack = failure.debug && error instanceof Error ? error.stack : undefined;
  return stack === undefined ? line : `${line}\n${stack}`;
}

/** Request targets come from the client: no control character reaches the log as itself. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
