/**
 * One HTTP exchange with a deadline: the whole answer (headers and body) must arrive within
 * `timeoutMs`, or the request is torn down. Network failures come back as `TransportError`
 * with a short code (refused, reset, timeout, …) so callers can decide to retry.
 *
 * Why node:http rather than fetch: the failure codes are plain, and idle keep-alive sockets are
 * unreferenced by Node's agent, so a finished build exits at once instead of waiting on them.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Uint8Array;
}

export type TransportCode = 'refused' | 'reset' | 'timeout' | 'not-found' | 'too-large' | 'other';

export class TransportError extends Error {
  constructor(
    message: string,
    readonly code: TransportCode,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Refuse bodies larger than this many bytes (a sentence of speech is well under a megabyte). */
  maxBytes?: number;
}

const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

export function request(url: URL, options: RequestOptions): Promise<HttpResponse> {
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | undefined, response?: HttpResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (error) reject(error);
      else resolve(response!);
    };
    const req = client.request(url, {
      method: options.method,
      agent: agents[url.protocol as keyof typeof agents],
      headers: {
        ...(options.body !== undefined ? { 'content-length': String(Buffer.byteLength(options.body)) } : {}),
        ...options.headers,
      },
    });
    const deadline = setTimeout(() => {
      const error = new TransportError(`no answer within ${Math.round(options.timeoutMs / 100) / 10} s`, 'timeout');
      finish(error);
      req.destroy(error);
    }, options.timeoutMs);
    req.on('error', (error) => finish(transportError(error)));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > maxBytes) {
          const error = new TransportError(`the answer is larger than ${maxBytes} bytes`, 'too-large');
          finish(error);
          req.destroy(error);
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', (error) => finish(transportError(error)));
      res.on('aborted', () => finish(new TransportError('the connection was closed mid-answer', 'reset')));
      res.on('end', () => {
        if (!res.complete) return finish(new TransportError('the connection was closed mid-answer', 'reset'));
        finish(undefined, { status: res.statusCode ?? 0, headers: res.headers, body: new Uint8Array(Buffer.concat(chunks)) });
      });
    });
    req.end(options.body);
  });
}

function transportError(error: Error): TransportError {
  if (error instanceof TransportError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ECONNREFUSED') return new TransportError('connection refused', 'refused');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new TransportError('the host name does not resolve', 'not-found');
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/.test(error.message)) {
    return new TransportError('the connection was reset', 'reset');
  }
  if (code === 'ETIMEDOUT') return new TransportError('the connection timed out', 'timeout');
  return new TransportError(error.message || code || 'network error', 'other');
}
