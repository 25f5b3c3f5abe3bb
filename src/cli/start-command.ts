import { buildSeries } from '../build/build.js';
import { printReport } from './build-command.js';
import { DEFAULT_OUT_DIR, DEFAULT_SERIES_DIR, parse, parsePort, type Command } from './command.js';
import { DEFAULT_PORT, serveUntilStopped } from './serve-command.js';

export const startCommand: Command = {
  name: 'start',
  summary: 'build the default series (cached) and serve it',
  help: `Usage: ninety start [SERIES_DIR]

Builds SERIES_DIR (default ${DEFAULT_SERIES_DIR}) into ${DEFAULT_OUT_DIR}/ — quick after the first time,
because unchanged episodes come from the cache — then serves it at http://localhost:$PORT
(PORT defaults to ${DEFAULT_PORT}; HOST to 127.0.0.1).
`,
  async run(argv) {
    const { positionals } = parse(argv, {}, 1);
    const port = parsePort(process.env.PORT, DEFAULT_PORT);
    const report = await buildSeries({ seriesDir: positionals[0] ?? DEFAULT_SERIES_DIR, outDir: DEFAULT_OUT_DIR });
    printReport(report);
    await serveUntilStopped(DEFAULT_OUT_DIR, port, process.env.HOST ?? '127.0.0.1');
    return 0;
  },
};
