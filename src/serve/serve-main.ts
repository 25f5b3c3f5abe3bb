/**
 * Runs the server on its own: `node dist/serve/serve-main.js <dir> [port]`. Prints the URL once
 * listening (the benchmark waits for that line) and stops cleanly on SIGINT/SIGTERM.
 */
import { startServer } from './server.js';

const [dir = 'out', portText = '4321', host] = process.argv.slice(2);
const port = Number(portText);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write(`not a port: ${portText}\n`);
  process.exit(2);
}

const server = await startServer({ root: dir, port, ...(host !== undefined ? { host } : {}) }).catch((err: unknown) => {
  process.stderr.write(`cannot serve ${dir}: ${(err as Error).message}\n`);
  process.exit(1);
});
process.stdout.write(`${server.url}\n`);

const stop = (): void => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
