/**
 * What the loopback OpenAI-compatible servers (speech in src/speech/openai/server.ts, chat in
 * src/write/model/server.ts) share: reading a request body, answering with a length, and OpenAI's
 * error body, so both speak the protocol's errors alike.
 *
 * @example
 *   sendOpenAiError(res, 404, 'The model `x` does not exist.', 'model_not_found', 'invalid_request_error');
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  res.writeHead(status, { 'content-type': type, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, json: unknown): void {
  send(res, status, 'application/json', JSON.stringify(json));
}

/** OpenAI's error body; a reply already under way is cut off instead, as a failing server would. */
export function sendOpenAiError(res: ServerResponse, status: number, message: string, code: string | null, type: string): void {
  if (res.headersSent) return void res.destroy();
  sendJson(res, status, { error: { message, type, param: null, code } });
}
