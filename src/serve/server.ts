/**
 * Serves a built folder over HTTP: pages, feed, transcripts and audio, with byte ranges,
 * conditional requests, compression for text, and nothing from outside the folder.
 *
 * Plain node:http rather than the `send` package: `send` makes weak ETags by default (the podcast
 * clients and the issue want strong ones), re-stats and re-opens the file for every request, and
 * answers multiple ranges differently; what is needed here is small enough to own, and owning it
 * lets small files and their compressed forms be served straight from memory.
 *
 * Several ranges in one request are answered with the whole file (200); see `range.ts`.
 *
 * @example
 *   const server = await startServer({ root: 'out', port: 0 });
 *   console.log(server.url); // http://127.0.0.1:39211
 *   await server.close();
 */
import { realpath, stat } from 'node:fs/promises';
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Log } from './error-log.js';
import type { FileCacheStats } from './file-cache.js';
import { createHandler } from './handler.js';
import { closeIdleConnections, type HttpSocket } from './keep-alive.js';
import { SECURITY_HEADERS } from './policy.js';

export { createHandler };

/** How long a kept-alive connection may wait for its next request, as Node's default. */
const KEEP_ALIVE_MS = 5000;

export interface ServeOptions {
  root: string;
  /** Default 4321; 0 picks any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Where failed requests are reported, one line each; standard error by default. */
  log?: Log;
  /** Answers every request under /studio (the studio's app); everything else is the static site's. */
  studio?: (req: IncomingMessage, res: ServerResponse) => void;
}

/** True for /studio and anything under /studio/: the one prefix the static handler never sees. */
export function isStudioPath(url: string | undefined): boolean {
  return url !== undefined && (url === '/studio' || url.startsWith('/studio/') || url.startsWith('/studio?'));
}

export interface RunningServer {
  /** http://host:port */
  url: string;
  port: number;
  /** What the file cache holds right now. */
  stats(): FileCacheStats;
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const root = await realpath(options.root);
  if (!(await stat(root)).isDirectory()) throw new Error(`not a folder: ${options.root}`);
  const handler = createHandler(root, { log: options.log });
  // Above a 64 KB range answer (what players mostly ask for) plus its headers: at Node's 16 KB
  // default every such answer left the socket needing a drain, about 1.5% of its CPU.
  const studio = options.studio;
  const server = createServer(
    { highWaterMark: 128 * 1024 },
    studio ? (req, res) => (isStudioPath(req.url) ? studio(req, res) : handler(req, res)) : handler,
  );
  server.on('clientError', answerClientError);
  const stopSweeping = closeIdleConnections(server, KEEP_ALIVE_MS);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4321, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((err: unknown) => {
    stopSweeping();
    throw err;
  });
  // Listening on TCP, the address is always an object (a string only for a pipe).
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    stats: () => handler.stats(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        stopSweeping();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Requests the HTTP parser rejects (garbage request line, huge headers) get a plain status and a closed connection. */
function answerClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  // A response already under way on this connection cannot be followed by another status line.
  const inFlight = (socket as HttpSocket)._httpMessage;
  if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent === true) {
    socket.destroy();
    return;
  }
  const status =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? 431
      : err.code === 'HPE_URI_TOO_LONG'
        ? 414
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? 408
          : 400;
  const reason = STATUS_CODES[status] ?? 'Bad Request';
  const body = `${reason}\n`;
  const security = Object.entries(SECURITY_HEADERS)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\nCache-Control: no-store\r\n' +
      `${security}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
