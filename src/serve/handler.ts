/**
 * The request handler behind `startServer`: maps a request to a file under the root and answers
 * it (whole, a byte range, compressed, 304, 416, 404, 403, 301, 405) with the headers `policy.ts` asks for.
 * Small files come from memory, everything else from disk (send-file.ts); no call blocks on the
 * file system. Failures are logged through `log` (error-log.ts); a file that changes between its
 * stat and its read is looked up once more rather than served with the old version's headers.
 *
 * Hot paths allocate little: parsed request targets are remembered per URL, the coding chosen
 * per Accept-Encoding value, each answer's headers (200, 206, 304, compressed) are built once per
 * file version, and the answer to a given Range header is remembered per file, so a player
 * hammering `bytes=0-65535` costs a map lookup, not a parse. Compared with building the headers
 * per request, this took a third off the CPU of a browser's compressed page and of a 304.
 *
 * @example
 *   const server = http.createServer(createHandler(fs.realpathSync('out')));
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { sep } from 'node:path';
import { evaluatePreconditions, ifRangeMatches, type Validators } from './conditional.js';
import { chooseEncoding, type Encoding } from './encoding.js';
import { failureLine, logToStderr, type Log } from './error-log.js';
import { FileCache, type FileCacheOptions, type FileCacheStats, type FileEntry, type Found } from './file-cache.js';
import { isPermissionError } from './file-system.js';
import { FileChangedError } from './open-files.js';
import {
  allowsCors,
  cacheControlFor,
  contentTypeFor,
  CORS_HEADERS,
  DOCUMENT_HEADERS,
  isCompressible,
  isDocument,
  SECURITY_HEADERS,
} from './policy.js';
import { parseRange } from './range.js';
import { encodePath, parseRequestPath } from './request-path.js';
import { DiskSender } from './send-file.js';

type Headers = Record<string, string>;
/**
 * Header fields as a flat `[name, value, name, value, …]` list, made once per file version:
 * `writeHead` takes a list with less work than an object (no key enumeration, no own-property checks).
 */
type HeaderList = string[];
type Done = void | Promise<void>;

export interface HandlerOptions extends FileCacheOptions {
  /** Where failures are reported, one line each; standard error by default. */
  log?: Log;
}

export interface FileHandler {
  (req: IncomingMessage, res: ServerResponse): void;
  /** What the file cache holds right now. */
  stats(): FileCacheStats;
}

/** Below this, compressed text is hardly smaller and sometimes bigger. */
const MIN_COMPRESS_BYTES = 256;
/** Remembered request targets; the map is emptied when full, which bounds memory under a URL scan. */
const MAX_ROUTES = 2048;
/** Remembered Range answers per file. */
const MAX_RANGES_PER_FILE = 16;
/** Remembered Accept-Encoding answers; a browser sends the same header on every request. */
const MAX_ACCEPT_ENCODINGS = 64;

interface Route {
  /** Absolute path of the file (or folder) asked for; `…/index.html` for folder URLs. */
  path: string;
  segments: string[];
  wantsIndex: boolean;
  query: string;
}

type RangeReply =
  | { kind: 'whole' }
  | { kind: 'partial'; start: number; end: number; headers: HeaderList }
  | { kind: 'unsatisfiable'; headers: HeaderList };

interface FileHeaders {
  /** The fields of a 200 of the uncompressed file, from which the other answers are derived. */
  fields: Headers;
  /** `fields` as a list. */
  whole: HeaderList;
  compressible: boolean;
  ranges: Map<string, RangeReply>;
  /** 304 answers by entity tag (one per representation). */
  notModified: Map<string, HeaderList>;
  /** 200 of a compressed form, for the compressed length it was made with (not the bytes: the cache may drop those). */
  encoded: Partial<Record<Encoding, { length: number; headers: HeaderList }>>;
  /** When this file is the 404 page. */
  notFound?: HeaderList;
}

/** `root` must be a real path (no symlinks in it): containment is checked against it. */
export function createHandler(root: string, options: HandlerOptions = {}): FileHandler {
  const files = new FileCache(root, options);
  const log = options.log ?? logToStderr;
  const report = (req: IncomingMessage, status: number | 'aborted', error: unknown): void =>
    log(failureLine({ method: req.method ?? '', url: req.url ?? '', status, error, debug: Boolean(process.env.NINETY_DEBUG) }));
  const disk = new DiskSender(files, (res, err) => report(res.req, 'aborted', err));
  const routes = new Map<string, Route>();
  const headersOf = new WeakMap<FileEntry, FileHeaders>();
  const encodings = new Map<string, Encoding | null>();

  function encodingFor(acceptEncoding: string | undefined): Encoding | null {
    if (acceptEncoding === undefined) return null;
    let known = encodings.get(acceptEncoding);
    if (known === undefined) {
      known = chooseEncoding(acceptEncoding);
      if (encodings.size >= MAX_ACCEPT_ENCODINGS) encodings.clear();
      encodings.set(acceptEncoding, known);
    }
    return known;
  }

  function resolveTarget(url: string): Route | 400 | 404 | 414 {
    const known = routes.get(url);
    if (known !== undefined) return known;
    const target = parseRequestPath(url);
    if (!target.ok) return target.status;
    const wantsIndex = target.trailingSlash || target.segments.length === 0;
    const parts = wantsIndex ? [...target.segments, 'index.html'] : target.segments;
    const route: Route = { path: root + sep + parts.join(sep), segments: target.segments, wantsIndex, query: target.query };
    if (routes.size >= MAX_ROUTES) routes.clear();
    routes.set(url, route);
    return route;
  }

  function fileHeaders(entry: FileEntry): FileHeaders {
    let known = headersOf.get(entry);
    if (known === undefined) {
      const type = contentTypeFor(entry.path);
      const compressible = isCompressible(type);
      const fields: Headers = {
        ...SECURITY_HEADERS,
        ...(isDocument(type) ? DOCUMENT_HEADERS : {}),
        'Content-Type': type,
        'Content-Length': String(entry.size),
        'Accept-Ranges': 'bytes',
        ETag: entry.etag,
        'Last-Modified': entry.lastModified,
        'Cache-Control': cacheControlFor(entry.path),
        ...(compressible ? { Vary: 'Accept-Encoding' } : {}),
        ...(allowsCors(type) ? CORS_HEADERS : {}),
      };
      known = { fields, whole: listOf(fields), compressible, ranges: new Map(), notModified: new Map(), encoded: {} };
      headersOf.set(entry, known);
    }
    return known;
  }

  function rangeReply(entry: FileEntry, meta: FileHeaders, header: string): RangeReply {
    const known = meta.ranges.get(header);
    if (known !== undefined) return known;
    const range = parseRange(header, entry.size);
    let reply: RangeReply;
    if (range.kind === 'partial') {
      reply = {
        ...range,
        headers: listOf({
          ...meta.fields,
          'Content-Length': String(range.end - range.start + 1),
          'Content-Range': `bytes ${range.start}-${range.end}/${entry.size}`,
        }),
      };
    } else if (range.kind === 'unsatisfiable') {
      const headers: Headers = { ...meta.fields, 'Content-Length': '0', 'Content-Range': `bytes */${entry.size}` };
      // The empty body is not audio.
      delete headers['Content-Type'];
      reply = { kind: 'unsatisfiable', headers: listOf(headers) };
    } else {
      reply = range;
    }
    if (meta.ranges.size >= MAX_RANGES_PER_FILE) meta.ranges.clear();
    meta.ranges.set(header, reply);
    return reply;
  }

  function notFound(req: IncomingMessage, res: ServerResponse): Done {
    const page = files.lookup(root + sep + '404.html');
    if (page instanceof Promise) return page.then((found) => sendNotFound(req, res, found));
    return sendNotFound(req, res, page);
  }

  function sendNotFound(req: IncomingMessage, res: ServerResponse, page: Found): Done {
    const head = req.method === 'HEAD';
    if (page === null || page === 'directory' || page === 'forbidden') {
      sendText(res, head, 404, NOT_FOUND_PAGE, 'text/html; charset=utf-8');
      return;
    }
    const meta = fileHeaders(page);
    meta.notFound ??= listOf({ ...meta.fields, 'Cache-Control': 'no-cache' });
    return sendSlice(res, head, page, 404, meta.notFound, 0, page.size - 1);
  }

  /** Bytes start..end (inclusive) from memory when the cache holds the file or will for its size, else from disk. */
  function sendSlice(
    res: ServerResponse,
    head: boolean,
    entry: FileEntry,
    status: number,
    headers: HeaderList,
    start: number,
    end: number,
  ): Done {
    if (entry.size === 0 || (head && entry.bytes !== null)) {
      res.writeHead(status, headers);
      res.end();
      return;
    }
    const content = head ? null : files.content(entry);
    if (content instanceof Promise) {
      return content.then((bytes) => {
        if (bytes === null) return disk.send(res, entry, status, headers, start, end, head);
        sendBytes(res, false, status, headers, slice(bytes, start, end));
      });
    }
    if (content === null) return disk.send(res, entry, status, headers, start, end, head);
    sendBytes(res, false, status, headers, slice(content, start, end));
  }

  /** The whole file compressed, or uncompressed when it is too big to hold compressed. */
  function sendCompressed(res: ServerResponse, head: boolean, entry: FileEntry, meta: FileHeaders, encoding: Encoding): Done {
    const packed = files.compressed(entry, encoding);
    if (packed instanceof Promise) {
      return packed.then((bytes) => {
        if (bytes === null) return sendSlice(res, head, entry, 200, meta.whole, 0, entry.size - 1);
        sendBytes(res, head, 200, encodedHeaders(meta, encoding, bytes), bytes);
      });
    }
    if (packed === null) return sendSlice(res, head, entry, 200, meta.whole, 0, entry.size - 1);
    sendBytes(res, head, 200, encodedHeaders(meta, encoding, packed), packed);
  }

  function serveFile(req: IncomingMessage, res: ServerResponse, entry: FileEntry): Done {
    const meta = fileHeaders(entry);
    const head = req.method === 'HEAD';
    const h = req.headers;
    const rangeHeader = h.range;
    // A range always addresses the uncompressed bytes, so range requests get the identity form.
    const encoding =
      rangeHeader === undefined && meta.compressible && entry.size >= MIN_COMPRESS_BYTES
        ? encodingFor(h['accept-encoding'])
        : null;
    const ifMatch = h['if-match'];
    const ifNoneMatch = h['if-none-match'];
    const ifModifiedSince = h['if-modified-since'];
    const ifUnmodifiedSince = h['if-unmodified-since'];
    const ifRange = h['if-range'];
    const conditional =
      ifMatch !== undefined || ifNoneMatch !== undefined || ifModifiedSince !== undefined || ifUnmodifiedSince !== undefined;
    // Most requests carry no condition; they need no validators object.
    const validators: Validators | null =
      conditional || ifRange !== undefined
        ? { etag: encoding === null ? entry.etag : variantTag(entry.etag, encoding), lastModifiedMs: entry.lastModifiedMs }
        : null;
    if (conditional && validators !== null) {
      const outcome = evaluatePreconditions({ ifMatch, ifNoneMatch, ifModifiedSince, ifUnmodifiedSince }, validators);
      if (outcome === 'not-modified') {
        res.writeHead(304, notModifiedHeaders(meta, validators.etag));
        res.end();
        return;
      }
      if (outcome === 'failed') {
        sendText(res, head, 412, 'Precondition Failed\n');
        return;
      }
    }
    if (rangeHeader !== undefined) {
      if (ifRange === undefined || (validators !== null && ifRangeMatches(single(ifRange), validators, Date.now()))) {
        const reply = rangeReply(entry, meta, rangeHeader);
        if (reply.kind === 'unsatisfiable') {
          res.writeHead(416, reply.headers);
          res.end();
          return;
        }
        if (reply.kind === 'partial') return sendSlice(res, head, entry, 206, reply.headers, reply.start, reply.end);
      }
    }
    if (encoding !== null) return sendCompressed(res, head, entry, meta, encoding);
    return sendSlice(res, head, entry, 200, meta.whole, 0, entry.size - 1);
  }

  function route(req: IncomingMessage, res: ServerResponse): Done {
    const method = req.method;
    if (method !== 'GET' && method !== 'HEAD') {
      sendText(res, false, 405, 'Method Not Allowed\n', undefined, { Allow: 'GET, HEAD' });
      return;
    }
    const target = resolveTarget(req.url ?? '');
    if (typeof target === 'number') {
      if (target === 404) return notFound(req, res);
      sendText(res, method === 'HEAD', target, `${STATUS_CODES[target] ?? 'Bad Request'}\n`);
      return;
    }
    const found = files.lookup(target.path);
    if (found instanceof Promise) return found.then((what) => answer(req, res, target, what));
    return answer(req, res, target, found);
  }

  function answer(req: IncomingMessage, res: ServerResponse, target: Route, found: Found): Done {
    if (found === null) return notFound(req, res);
    if (found === 'forbidden') {
      report(req, 403, Object.assign(new Error(`permission denied: ${target.path}`), { code: 'EACCES' }));
      sendText(res, req.method === 'HEAD', 403, 'Forbidden\n');
      return;
    }
    if (found === 'directory') {
      if (target.wantsIndex) return notFound(req, res);
      const location = encodePath(target.segments, true) + target.query;
      sendText(res, req.method === 'HEAD', 301, 'Moved Permanently\n', undefined, { Location: location });
      return;
    }
    return serveFile(req, res, found);
  }

  /** I/O errors end this response only; a file caught changing is looked up once more. */
  function fail(req: IncomingMessage, res: ServerResponse, err: unknown, retried: boolean): void {
    if (err instanceof FileChangedError && !retried && !res.headersSent) {
      handle(req, res, true);
      return;
    }
    if (res.headersSent) {
      report(req, 'aborted', err);
      res.destroy();
      return;
    }
    const status = statusFor(err);
    if (status !== 404) report(req, status, err);
    sendText(res, req.method === 'HEAD', status, `${STATUS_CODES[status] ?? 'Error'}\n`);
  }

  function handle(req: IncomingMessage, res: ServerResponse, retried: boolean): void {
    let done: Done;
    try {
      done = route(req, res);
    } catch (err) {
      fail(req, res, err, retried);
      return;
    }
    if (done !== undefined) done.catch((err: unknown) => fail(req, res, err, retried));
  }

  const handler = (req: IncomingMessage, res: ServerResponse): void => handle(req, res, false);
  return Object.assign(handler, { stats: () => files.stats() });
}

/** Node joins a repeated If-Range into one string, but its types allow a list; a list never matches. */
function single(value: string | string[]): string {
  return Array.isArray(value) ? '' : value;
}

/** Bytes start..end (inclusive); the held Buffer itself for the whole file, sparing an object per request. */
function slice(bytes: Buffer, start: number, end: number): Buffer {
  return start === 0 && end === bytes.length - 1 ? bytes : bytes.subarray(start, end + 1);
}

function listOf(fields: Headers): HeaderList {
  return Object.entries(fields).flat();
}

function encodedHeaders(meta: FileHeaders, encoding: Encoding, bytes: Buffer): HeaderList {
  let known = meta.encoded[encoding];
  if (known?.length !== bytes.length) {
    const headers = listOf({
      ...meta.fields,
      'Content-Encoding': encoding,
      'Content-Length': String(bytes.length),
      ETag: variantTag(meta.fields.ETag ?? '""', encoding),
    });
    known = { length: bytes.length, headers };
    meta.encoded[encoding] = known;
  }
  return known.headers;
}

/** Each coding is its own representation (RFC 9110 §8.8.3.3), so it gets its own strong tag. */
function variantTag(etag: string, encoding: Encoding): string {
  return `${etag.slice(0, -1)}-${encoding === 'br' ? 'br' : 'gz'}"`;
}

/** RFC 9110 §15.4.5: validators and caching fields, no body metadata. */
function notModifiedHeaders(meta: FileHeaders, etag: string): HeaderList {
  let known = meta.notModified.get(etag);
  if (known === undefined) {
    const out: Headers = { ...meta.fields, ETag: etag };
    delete out['Content-Length'];
    delete out['Content-Type'];
    known = listOf(out);
    meta.notModified.set(etag, known);
  }
  return known;
}

function sendBytes(res: ServerResponse, head: boolean, status: number, headers: HeaderList, body: Buffer): void {
  res.writeHead(status, headers);
  if (head) res.end();
  else res.end(body);
}

/** A short generated answer (errors, redirects, the built-in 404 page); never cached. */
function sendText(
  res: ServerResponse,
  head: boolean,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
  extra: Headers = {},
): void {
  const bytes = Buffer.from(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...(isDocument(type) ? DOCUMENT_HEADERS : {}),
    'Content-Type': type,
    'Content-Length': String(bytes.length),
    'Cache-Control': 'no-store',
    ...extra,
  });
  if (head) res.end();
  else res.end(bytes);
}

/** A file gone between stat and open is simply not found; one the server may not read is forbidden. */
function statusFor(err: unknown): number {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return 404;
  if (isPermissionError(err)) return 403;
  // Changed again on the second look: a build rewriting it right now; worth a retry by the client.
  if (err instanceof FileChangedError) return 503;
  return 500;
}

/** No inline style or script: the Content-Security-Policy forbids both. */
const NOT_FOUND_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Not found</title>
</head>
<body>
<main>
<h1>Not found</h1>
<p>Nothing is published at this address.</p>
<p><a href="/">Back to the library</a></p>
</main>
</body>
</html>
`;
