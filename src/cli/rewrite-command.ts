import { createProgress } from '../build/progress.js';
import { formatProblem, sortProblems } from '../series/problems.js';
import { CommandError, parse, UsageError, type Command } from './command.js';
import { configuredModel, usageLine } from './new-command.js';

export const rewriteCommand: Command = {
  name: 'rewrite',
  summary: "write one episode's script again with the language model",
  help: `Usage: ninety rewrite SERIES_DIR EPISODE [--note TEXT]

Writes the script of episode number EPISODE again, grounded in the series' sources, and keeps the
script it replaces in SERIES_DIR/episodes/.history/. To change a script yourself, edit its file and
run ninety build: only that episode is spoken again, and no model is called.

Options:
  --note TEXT      what to change, e.g. --note "simpler, with a cooking example"
  --model NAME     the model (default NINETY_LLM_MODEL)
  --base-url URL   the server (default NINETY_LLM_BASE_URL)
  -h, --help       show this help
`,
  async run(argv) {
    const { values, positionals } = parse(argv, { note: { type: 'string' }, model: { type: 'string' }, 'base-url': { type: 'string' } }, 2);
    const [dir, which] = positionals;
    if (!dir || !which) throw new UsageError('name the series folder and the episode number, e.g. ninety rewrite series/sourdough 3');
    const number = Number(which);
    if (!Number.isInteger(number) || number < 1) throw new UsageError(`the episode must be its number, e.g. 3, got "${which}"`);
    const model = await configuredModel(values);
    const { rewriteEpisode } = await import('../write/rewrite.js');
    const result = await rewriteEpisode(model, dir, number, values.note, createProgress(process.stderr, 'Writing', 'script'));
    for (const problem of sortProblems(result.findings)) process.stdout.write(`${formatProblem(problem)}\n`);
    process.stdout.write(`${usageLine(result.usage, model)}\n`);
    if (result.failures.length > 0) throw new CommandError(`${result.failures.join('\n')}${result.kept ? `\nthe script is unchanged` : ''}`);
    process.stdout.write(`Rewrote episode ${number}${result.kept ? `; the previous script is kept in ${result.kept}` : ''}. Speak it with: ninety build ${dir}\n`);
    return 0;
  },
};
