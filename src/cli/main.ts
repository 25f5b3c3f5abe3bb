/**
 * The `ninety` command: a thin layer over the pipeline modules. Every command has --help; errors
 * a user can fix are printed as one line each (file:line:column, what is wrong, what to do) and never
 * as a stack trace.
 */
import { OutputLockedError, SpeechFailedError } from '../build/errors.js';
import { ContentError, formatProblem, sortProblems } from '../series/problems.js';
import { buildCommand } from './build-command.js';
import { checkCommand } from './check-command.js';
import { serveCommand } from './serve-command.js';
import { startCommand } from './start-command.js';
import { verifyCommand } from './verify-command.js';
import { voicesCommand } from './voices-command.js';
import { newCommand } from './new-command.js';
import { rewriteCommand } from './rewrite-command.js';
import { workerCommand } from './worker-command.js';
import { CommandError, UsageError, type Command } from './command.js';

const commands: Command[] = [
  newCommand,
  rewriteCommand,
  buildCommand,
  checkCommand,
  verifyCommand,
  serveCommand,
  startCommand,
  voicesCommand,
  workerCommand,
];

const HELP = `ninety — series of 90-second audio overviews, spoken offline, published as a site and a podcast feed

Usage: ninety <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`).join('\n')}

Run "ninety <command> --help" for a command's options.
Add --verbose to any command (or set NINETY_DEBUG=1) to see the details of an unexpected error.
`;

export async function main(args: string[]): Promise<number> {
  // --verbose anywhere (or NINETY_DEBUG) shows the stack of an unexpected error.
  const verbose = args.includes('--verbose') || Boolean(process.env.NINETY_DEBUG);
  const [name, ...rest] = args.filter((arg) => arg !== '--verbose');
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name ? 0 : 1;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write('ninety 0.1.0\n');
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`ninety: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    return await report(error, command, verbose);
  }
}

async function report(error: unknown, command: Command, verbose: boolean): Promise<number> {
  if (error instanceof ContentError) {
    // Errors first, then warnings; each already sorted by file and line.
    // Loaded on use: placing a problem reads its file with the YAML parser, which a build from a
    // cached series never loads otherwise.
    const { placeProblems } = await import('../series/place.js');
    const problems = sortProblems(await placeProblems(error.problems));
    const ordered = [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity !== 'error')];
    for (const problem of ordered) process.stderr.write(`${formatProblem(problem)}\n`);
    const count = error.problems.filter((p) => p.severity === 'error').length;
    process.stderr.write(`ninety ${command.name}: ${count} problem${count === 1 ? '' : 's'} found; nothing was written.\n`);
    return 1;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`ninety ${command.name}: ${error.message}\n\n${command.help}`);
    return 2;
  }
  // Failures a user can act on, and a speech server's one-line answers (named, so the CLI need
  // not load the speech client to recognise them).
  const actionable =
    error instanceof SpeechFailedError ||
    error instanceof OutputLockedError ||
    error instanceof CommandError ||
    (error instanceof Error && ['SpeechServerError', 'ModelError', 'SourceError', 'WriteError'].includes(error.name));
  if (actionable) {
    process.stderr.write(`${error.message.split('\n').map((line) => `ninety ${command.name}: ${line}`).join('\n')}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`ninety ${command.name}: ${message}\n`);
  if (verbose && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write(`(run again with --verbose to see where it happened)\n`);
  return 1;
}
