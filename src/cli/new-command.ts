import { buildSeries } from '../build/build.js';
import { createProgress, type ProgressReporter } from '../build/progress.js';
import { formatProblem, sortProblems } from '../series/problems.js';
import { plainLine } from '../series/text.js';
import type { LanguageModel, Usage } from '../write/model/model.js';
import { modelSettings } from '../write/model/settings.js';
import type { NewSeriesResult } from '../write/new-series.js';
import type { OutlinedEpisode } from '../write/outlined.js';
import { seriesSlug } from '../write/slug.js';
import { printReport } from './build-command.js';
import { CommandError, DEFAULT_OUT_DIR, parse, UsageError, type Command } from './command.js';

export const newCommand: Command = {
  name: 'new',
  summary: 'write a new series on a topic with a language model (outline, then scripts)',
  help: `Usage: ninety new "<topic>" [options]
       ninety new --continue SERIES_DIR [--build]

Writes a series folder in the same format as series/ai-training: series.yaml, lexicon.yaml and one
Markdown file per episode (title, subtitle, summary, script, show notes, sources). First an outline,
saved at once; then the scripts, each saved as it is done. Run the same command again to continue
a run that stopped: nothing already written is asked for again.

The model is any OpenAI-compatible server, set by NINETY_LLM_BASE_URL, NINETY_LLM_MODEL and (for
a hosted one) NINETY_LLM_API_KEY, e.g. for Ollama:
  export NINETY_LLM_BASE_URL=http://localhost:11434/v1 NINETY_LLM_MODEL=llama3.1

Options:
  --episodes N        how many episodes (default 12)
  --seconds S         length of each episode in seconds (default 90)
  --audience TEXT     who the series is for, e.g. "nurses new to data science"
  --hosts 1|2         one narrator, or a conversation between two hosts (default 1)
  --source PATH|URL   a document to ground the scripts in (Markdown, text, HTML, PDF, or an
                      http(s) address); repeat for several. Scripts then state only what they say.
  --out SERIES_DIR    where to write (default series/<topic-as-a-name>)
  --outline-only      stop after the outline: edit titles, order and summaries, add or delete
                      episodes, then write the scripts with --continue
  --continue DIR      write the scripts the series in DIR still lacks
  --build             build the series when its scripts are written (as ninety build)
  --concurrency N     scripts written at once (default 4)
  --model NAME        the model (default NINETY_LLM_MODEL)
  --base-url URL      the server (default NINETY_LLM_BASE_URL)
  -h, --help          show this help
`,
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      {
        episodes: { type: 'string' },
        seconds: { type: 'string' },
        audience: { type: 'string' },
        hosts: { type: 'string' },
        source: { type: 'string', multiple: true },
        out: { type: 'string' },
        'outline-only': { type: 'boolean' },
        continue: { type: 'string' },
        build: { type: 'boolean' },
        concurrency: { type: 'string' },
        model: { type: 'string' },
        'base-url': { type: 'string' },
      },
      1,
    );
    const topic = positionals[0]?.trim();
    const resume = values.continue;
    if (resume === undefined && !topic) throw new UsageError('say what the series is about, e.g. ninety new "sourdough baking"');
    if (resume !== undefined && topic) throw new UsageError('give a topic for a new series, or --continue SERIES_DIR, not both');
    const episodes = whole(values.episodes, '--episodes', 12, 1, 60);
    const seconds = whole(values.seconds, '--seconds', 90, 20, 1200);
    const concurrency = whole(values.concurrency, '--concurrency', 4, 1, 32);
    const hosts = whole(values.hosts, '--hosts', 1, 1, 2) as 1 | 2;

    // Before anything is written: a run without a model would stop after the folder is made.
    const model = await configuredModel(values);
    // Loaded here, not at start-up: the document readers are large, and every other command would pay for them.
    const { continueSeries, newSeries } = await import('../write/new-series.js');
    const progress = createProgress(process.stderr, 'Writing', 'script');

    const result =
      resume !== undefined
        ? await continueSeries(model, resume, concurrency, progress)
        : await newSeries(
            model,
            {
              topic: topic!,
              episodes,
              seconds,
              ...(values.audience ? { audience: values.audience } : {}),
              hosts,
              sources: values.source ?? [],
              dir: values.out ?? `series/${seriesSlug(topic!)}`,
              outlineOnly: Boolean(values['outline-only']),
              concurrency,
              onOutlined: printOutlined(progress),
            },
            progress,
          );
    return finish(result, model, Boolean(values.build));
  },
};

/** Each outline title once, as it arrives; again only if a retried answer changes it. */
function printOutlined(progress: ProgressReporter): (episodes: OutlinedEpisode[]) => void {
  const printed: string[] = [];
  return (episodes) => {
    for (const e of episodes) {
      if (printed[e.number - 1] === e.title) continue;
      printed[e.number - 1] = e.title;
      // Model text on a terminal: no control character (an escape sequence) goes out as itself.
      progress.note(`  ${e.number}. ${plainLine(e.title, 90)}`);
    }
  };
}

async function finish(result: NewSeriesResult, model: LanguageModel, build: boolean): Promise<number> {
  const out = process.stdout;
  for (const problem of sortProblems(result.findings)) out.write(`${formatProblem(problem)}\n`);
  out.write(`${usageLine(result.usage, model)}\n`);
  if (result.failures.length > 0) {
    throw new CommandError(
      [
        `${result.failures.length} script${result.failures.length === 1 ? '' : 's'} could not be written; the others are saved. Run the same command again to write the rest:`,
        ...result.failures,
      ].join('\n'),
    );
  }
  if (result.outlineOnly) {
    out.write(`The outline is in ${result.dir}. Edit it, then write the scripts with: ninety new --continue ${result.dir}\n`);
    return 0;
  }
  out.write(
    result.written === 0 && result.continued
      ? `Every script of ${result.dir} is already written.\n`
      : `Wrote ${result.written} script${result.written === 1 ? '' : 's'} into ${result.dir}. Check them with: ninety check ${result.dir}\n`,
  );
  if (build) printReport(await buildSeries({ seriesDir: result.dir, outDir: DEFAULT_OUT_DIR }));
  else out.write(`Speak it with: ninety build ${result.dir}\n`);
  return 0;
}

/** The model the environment and --base-url/--model name, or the one message that says what to set. */
export async function configuredModel(flags: { 'base-url'?: string | undefined; model?: string | undefined }): Promise<LanguageModel> {
  const settings = modelSettings(process.env, {
    ...(flags['base-url'] ? { baseUrl: flags['base-url'] } : {}),
    ...(flags.model ? { model: flags.model } : {}),
  });
  if ('problem' in settings) throw new CommandError(settings.problem);
  // Loaded only by the commands that call a model: the client is large.
  const { createModel } = await import('../write/model/models.js');
  return createModel(settings);
}

export function usageLine(usage: Usage, model: LanguageModel): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return `${model.model}: ${n(usage.calls)} call${usage.calls === 1 ? '' : 's'}, ${n(usage.promptTokens)} prompt and ${n(usage.completionTokens)} completion tokens`;
}

function whole(value: string | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}
