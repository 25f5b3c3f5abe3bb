/**
 * Reads the user's sources — files or http(s) addresses — into plain text. The kind comes from
 * the file's extension or the server's content type (sniffed from the bytes when neither says);
 * Markdown, HTML and PDF are turned into paragraphs of plain text.
 *
 * @example
 *   const sources = await readSources(['notes/chinchilla.md', 'https://example.org/paper.pdf']);
 *   sources[0]!.title // → 'Notes on the Chinchilla scaling law'
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { TextDecoder } from 'node:util';
import { htmlToText } from './html.js';
import { markdownToText, type PlainText } from './markdown.js';
import { pdfToText } from './pdf.js';
import { DEFAULT_FETCH_LIMITS, fetchLimited, type FetchLimits } from './fetch.js';
import { SourceError, type SourceKind, type SourceText } from './source.js';

export interface ReadOptions {
  /** Where relative paths start; the process's working folder by default. */
  cwd?: string;
  fetchLimits?: FetchLimits;
  /** How a file's bytes are read: node's readFile unless a test needs a file to fail a certain way. */
  readFile?: (path: string) => Promise<Uint8Array>;
}

const EXTENSIONS: Record<string, SourceKind> = {
  '.md': 'markdown', '.markdown': 'markdown', '.txt': 'text', '.text': 'text',
  '.html': 'html', '.htm': 'html', '.xhtml': 'html', '.pdf': 'pdf',
};
const ACCEPTED = '.md, .markdown, .txt, .html, .htm or .pdf';

const MEDIA_TYPES: Record<string, SourceKind> = {
  'text/html': 'html', 'application/xhtml+xml': 'html', 'application/pdf': 'pdf',
  'text/markdown': 'markdown', 'text/x-markdown': 'markdown', 'text/plain': 'text',
};

/** What the first bytes say: a PDF header, an HTML document, else nothing. */
function sniff(bytes: Uint8Array): SourceKind | undefined {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
  if (head.startsWith('%PDF-')) return 'pdf';
  if (/^(?:\uFEFF|\xEF\xBB\xBF)?\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>])/i.test(head)) return 'html';
  return undefined;
}

function decode(bytes: Uint8Array, name: string, charset = 'utf-8'): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    decoder = new TextDecoder('utf-8', { fatal: true });
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new SourceError(`${name}: not ${decoder.encoding} text — save it as UTF-8 and try again`);
  }
}

async function toPlainText(kind: SourceKind, bytes: Uint8Array, name: string, charset?: string): Promise<PlainText> {
  switch (kind) {
    case 'pdf':
      return pdfToText(bytes, name);
    case 'html':
      return htmlToText(decode(bytes, name, charset));
    case 'markdown':
      return markdownToText(decode(bytes, name, charset));
    case 'text':
      return plainText(decode(bytes, name, charset));
  }
}

/** Plain text keeps its words as they are; only line endings and blank-line paragraphs are tidied. */
function plainText(text: string): PlainText {
  const paragraphs = text.replace(/^\uFEFF/, '').split(/\r?\n[ \t]*\r?\n/);
  return { title: undefined, text: paragraphs.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean).join('\n\n') };
}

async function finish(
  kind: SourceKind, bytes: Uint8Array, address: string, fallbackTitle: string, charset?: string,
): Promise<SourceText> {
  const { title, text } = await toPlainText(kind, bytes, address, charset);
  if (text === '') throw new SourceError(`${address}: has no text to read — check it is the document you meant`);
  return {
    title: title ?? fallbackTitle,
    address,
    kind,
    text,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.byteLength,
  };
}

async function readFileSource(spec: string, cwd: string, read: (path: string) => Promise<Uint8Array>): Promise<SourceText> {
  const extension = extname(spec).toLowerCase();
  const known = EXTENSIONS[extension];
  if (extension !== '' && known === undefined) {
    throw new SourceError(`${spec}: ${extension} files cannot be read — give ${ACCEPTED} files`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await read(resolve(cwd, spec));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new SourceError(`${spec}: file not found — check the path`);
    if (code === 'EACCES' || code === 'EPERM') {
      throw new SourceError(`${spec}: permission denied — make the file readable (chmod +r) or copy it somewhere you can read`);
    }
    if (code === 'EISDIR') throw new SourceError(`${spec}: is a folder — give the files in it one by one`);
    throw new SourceError(`${spec}: cannot be read (${(error as Error).message})`);
  }
  const kind = known ?? sniff(bytes) ?? 'text';
  return finish(kind, bytes, spec, basename(spec, extname(spec)));
}

/** The last part of an address's path, else its host: a title when the document has none. */
function urlName(url: URL): string {
  const last = decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? '');
  return last === '' ? url.hostname : basename(last, extname(last));
}

async function readUrlSource(spec: string, url: URL, limits: FetchLimits): Promise<SourceText> {
  const fetched = await fetchLimited(url.href, limits);
  const finalUrl = new URL(fetched.url);
  const byExtension = EXTENSIONS[extname(finalUrl.pathname).toLowerCase()];
  let kind = MEDIA_TYPES[fetched.contentType];
  // Servers often label Markdown as plain text, and files of any kind as octet-stream.
  if (kind === 'text' && byExtension === 'markdown') kind = 'markdown';
  if (fetched.contentType === '' || fetched.contentType === 'application/octet-stream') {
    kind = sniff(fetched.bytes) ?? byExtension;
  }
  if (kind === undefined) {
    const served = fetched.contentType === '' ? 'something unrecognisable' : fetched.contentType;
    throw new SourceError(`${spec}: the server sent ${served}, not HTML, PDF, Markdown or plain text — give a page or document address`);
  }
  return finish(kind, fetched.bytes, spec, urlName(finalUrl), fetched.charset);
}

export async function readSource(spec: string, options: ReadOptions = {}): Promise<SourceText> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) {
    let url: URL;
    try {
      url = new URL(spec);
    } catch {
      throw new SourceError(`${spec}: not a valid address — check it for typing mistakes`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new SourceError(`${spec}: only http and https addresses can be fetched — download it and give the file`);
    }
    return readUrlSource(spec, url, options.fetchLimits ?? DEFAULT_FETCH_LIMITS);
  }
  return readFileSource(spec, options.cwd ?? process.cwd(), options.readFile ?? readFile);
}

/** Every source read at once; when some fail, one SourceError lists every failure, one per line. */
export async function readSources(specs: readonly string[], options: ReadOptions = {}): Promise<SourceText[]> {
  const results = await Promise.allSettled(specs.map((spec) => readSource(spec, options)));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length > 0) {
    const lines = failures.map((f) => (f instanceof SourceError ? f.message : `unexpected error: ${String(f)}`));
    throw new SourceError(lines.join('\n'));
  }
  return results.map((r) => (r as PromiseFulfilledResult<SourceText>).value);
}
