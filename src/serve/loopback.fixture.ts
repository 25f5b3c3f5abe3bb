/**
 * For the server's tests: a request exactly as given (no path normalisation, no agent), raw bytes
 * onto a socket, and a handler listening on loopback. Not used by the server itself.
 *
 * @example
 *   const server = await listen(createHandler(root));
 *   const reply = await fetchRaw(server.url, '/s/a.mp3', { headers: { Range: 'bytes=0-1' } });
 *   await server.close();
 */
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect } from 'node:net';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The connection closed before the body was complete. */
  cutShort: boolean;
}

export function fetchRaw(base: string, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        // A body cut off by the server is an outcome to assert on, not a failure of the request.
        res.on('error', () => {});
        res.on('close', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), cutShort: !res.complete }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Bytes straight onto a socket, for requests no HTTP client would send; resolves with all that came back once it closes. */
export function sendRaw(base: string, text: string): Promise<string> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
    socket.write(text, 'latin1');
  });
}

export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
