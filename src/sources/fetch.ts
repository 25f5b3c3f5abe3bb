/**
 * Fetches a source document over HTTP(S) within limits: at most `maxBytes` (the download is
 * stopped as soon as it passes them, not after), at most `timeoutMs` for the whole exchange,
 * at most five redirects. Any failure is a one-line SourceError naming the address.
 *
 * @example
 *   const { bytes, contentType, url } = await fetchLimited('https://example.org/post', DEFAULT_FETCH_LIMITS);
 */
import { SourceError } from './source.js';

export interface FetchLimits {
  maxBytes: number;
  timeoutMs: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { maxBytes: 5 * 1024 * 1024, timeoutMs: 20_000 };
export const MAX_REDIRECTS = 5;

export interface Fetched {
  bytes: Uint8Array;
  /** The media type without parameters, lower-cased; '' when the server sent none. */
  contentType: string;
  charset: string | undefined;
  /** Where the document was finally found, after redirects. */
  url: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(1)} MB` : `${+(bytes / 1024).toFixed(1)} KB`;
}

async function readBody(response: Response, address: string, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new SourceError(`${address}: larger than the ${sizeText(maxBytes)} limit — save the part you need as a file and give that`);
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

function failure(address: string, error: unknown, timeoutMs: number): SourceError {
  if (error instanceof SourceError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new SourceError(`${address}: no complete answer within ${timeoutMs / 1000} s — try again later, or save the page as a file and give that`);
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  const reason = cause ?? (error instanceof Error ? error.message : String(error));
  return new SourceError(`${address}: could not be fetched (${reason}) — check the address and your connection`);
}

export async function fetchLimited(address: string, limits: FetchLimits): Promise<Fetched> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let url = address;
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await fetch(url, {
        redirect: 'manual',
        signal,
        headers: { accept: 'text/html, application/pdf, text/markdown, text/plain;q=0.9, */*;q=0.5' },
      });
      const location = response.headers.get('location');
      if (REDIRECTS.has(response.status) && location) {
        await response.body?.cancel();
        if (redirects === MAX_REDIRECTS) {
          throw new SourceError(`${address}: more than ${MAX_REDIRECTS} redirects — give the address the page finally lives at`);
        }
        const next = new URL(location, url);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          throw new SourceError(`${address}: redirects to ${next.protocol} address, which cannot be fetched — give an http or https address`);
        }
        url = next.href;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
        throw new SourceError(`${address}: the server answered ${status} — check the address, or save the page as a file and give that`);
      }
      const [type = '', ...params] = (response.headers.get('content-type') ?? '').split(';');
      const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";]+)"?/i.exec(p)?.[1]).find(Boolean);
      const bytes = await readBody(response, address, limits.maxBytes);
      return { bytes, contentType: type.trim().toLowerCase(), charset, url };
    }
  } catch (error) {
    throw failure(address, error, limits.timeoutMs);
  }
}
