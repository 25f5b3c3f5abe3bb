import { buildSeries, type BuildReport } from '../build/build.js';
import { DEFAULT_OUT_DIR, DEFAULT_SERIES_DIR, parse, UsageError, type Command } from './command.js';

export const buildCommand: Command = {
  name: 'build',
  summary: 'speak a series and write its audio, transcripts, site and feed',
  help: `Usage: ninety build [SERIES_DIR] [--out DIR] [--base-url URL] [--jobs N]

Builds SERIES_DIR (default ${DEFAULT_SERIES_DIR}) into DIR/<series-slug>/ (default DIR: ${DEFAULT_OUT_DIR}).
Episodes whose spoken text and voice are unchanged come from the cache and are not spoken again.

Options:
  --out DIR        output folder (default ${DEFAULT_OUT_DIR})
  --base-url URL   public address the output folder will be served from (default: the series' baseUrl)
  --jobs N         speech workers to run in parallel (default: one per core)
  -h, --help       show this help
`,
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      { out: { type: 'string' }, 'base-url': { type: 'string' }, jobs: { type: 'string' } },
      1,
    );
    const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
    if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1)) {
      throw new UsageError(`--jobs must be a whole number of at least 1, got "${values.jobs}"`);
    }
    const baseUrl = values['base-url'];
    if (baseUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(baseUrl)) {
      throw new UsageError(`--base-url must be an address like https://example.com/podcasts, got "${baseUrl}"`);
    }
    const report = await buildSeries({
      seriesDir: positionals[0] ?? DEFAULT_SERIES_DIR,
      outDir: values.out ?? DEFAULT_OUT_DIR,
      ...(baseUrl ? { baseUrl } : {}),
      ...(jobs ? { jobs } : {}),
    });
    printReport(report);
    return 0;
  },
};

export function printReport(report: BuildReport): void {
  const out = process.stdout;
  out.write(`${report.table}\n\n`);
  for (const misfit of report.misfits) {
    const change = misfit.wordsToCut > 0 ? `cut about ${misfit.wordsToCut}` : `add about ${-misfit.wordsToCut}`;
    out.write(
      `warning: ${misfit.file}: ${misfit.seconds.toFixed(1)} s is outside the target even at the slowest/fastest rate: ${change} words\n`,
    );
  }
  out.write(
    `Built ${report.rows.length} episodes into ${report.seriesOutDir} in ${report.seconds.toFixed(1)} s ` +
      `(${report.spoken} spoken, ${report.cached} from cache).\n`,
  );
}
