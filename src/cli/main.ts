/**
 * The `ninety` command: a thin layer over the pipeline modules. Every command has --help; errors
 * a user can fix are printed as one line each (file, field, what to do) and never as a stack trace.
 */
import { ContentError, formatProblem } from '../series/problems.js';
import { buildCommand } from './build-command.js';
import { checkCommand } from './check-command.js';
import { serveCommand } from './serve-command.js';
import { startCommand } from './start-command.js';
import { verifyCommand } from './verify-command.js';
import { voicesCommand } from './voices-command.js';
import { UsageError, type Command } from './command.js';

const commands: Command[] = [buildCommand, checkCommand, verifyCommand, serveCommand, startCommand, voicesCommand];

const HELP = `ninety — series of 90-second audio overviews, spoken offline, published as a site and a podcast feed

Usage: ninety <command> [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(8)} ${c.summary}`).join('\n')}

Run "ninety <command> --help" for a command's options.
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
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
    return report(error, command);
  }
}

function report(error: unknown, command: Command): number {
  if (error instanceof ContentError) {
    for (const problem of error.problems) process.stderr.write(`${formatProblem(problem)}\n`);
    const count = error.problems.filter((p) => p.severity === 'error').length;
    process.stderr.write(`ninety ${command.name}: ${count} problem${count === 1 ? '' : 's'} found; nothing was written.\n`);
    return 1;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`ninety ${command.name}: ${error.message}\n\n${command.help}`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`ninety ${command.name}: ${message}\n`);
  if (process.env.NINETY_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}
