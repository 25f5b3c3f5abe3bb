import { stat } from 'node:fs/promises';
import type { RunningServer } from '../serve/server.js';
import { type Command, CommandError, DEFAULT_OUT_DIR, parse, parsePort, UsageError } from './command.js';

export const DEFAULT_PORT = 4321;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve a built folder: site, feed and audio (with byte ranges)',
  help: `Usage: ninety serve [DIR] [--port N] [--host H]

Serves DIR (default ${DEFAULT_OUT_DIR}) over HTTP until stopped with Ctrl-C.

Options:
  --port N     port to listen on (default: $PORT or ${DEFAULT_PORT})
  --host H     address to listen on (default 127.0.0.1; 0.0.0.0 to share on your network)
  -h, --help   show this help
`,
  async run(argv) {
    const { values, positionals } = parse(argv, { port: { type: 'string' }, host: { type: 'string' } }, 1);
    const root = positionals[0] ?? DEFAULT_OUT_DIR;
    const port = parsePort(values.port ?? process.env.PORT, DEFAULT_PORT);
    await serveUntilStopped(root, port, values.host ?? '127.0.0.1');
    return 0;
  },
};

export async function serveUntilStopped(root: string, port: number, host: string): Promise<void> {
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new UsageError(`"${root}" is not a folder; run "ninety build" first or name the built folder`);
  }
  const { studioAccess } = await import('../studio/access.js');
  const access = studioAccess(host, process.env);
  if ('problem' in access) throw new CommandError(`refusing to start: ${access.problem}`);
  const { startServer } = await import('../serve/server.js');
  const { createStudio } = await import('../studio/app.js');
  const { getRequestListener } = await import('@hono/node-server');
  // The studio reads and writes the series folders beside the built one (series/ by default).
  const studio = createStudio({ seriesRoot: process.env.NINETY_SERIES_ROOT ?? 'series', outDir: root, token: access.token });
  let server: RunningServer;
  try {
    server = await startServer({ root, port, host, studio: getRequestListener(studio.app.fetch) });
  } catch (error) {
    await studio.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CommandError(`port ${port} is already in use; choose another with --port or PORT`);
    throw error;
  }
  const url = host === '127.0.0.1' ? `http://localhost:${server.port}` : server.url;
  process.stdout.write(`Serving ${root} at ${url}/ and the studio at ${url}/studio/ (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(() => studio.close()).then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
