/**
 * Reads one content file as text, refusing what is not a writer's text before any parsing: a file
 * too large to be content, binary data, text that is not UTF-8. A UTF-8 byte-order mark is
 * dropped silently (some editors on Windows add one); Windows line endings are left to the
 * parsers, which accept them.
 *
 * @example
 *   const read = await readContentFile('series/ai-training/series.yaml');
 *   if (read.kind === 'text') parse(read.text);
 */
import { readFile, stat } from 'node:fs/promises';
import type { Position } from './yaml-source.js';

/** An episode is a few kilobytes; a megabyte is a wrong file, not a long script. */
export const MAX_CONTENT_BYTES = 1024 * 1024;

export type ContentFile =
  | { kind: 'text'; text: string }
  | { kind: 'missing' }
  | { kind: 'refused'; rule: string; message: string; at?: Position };

export async function readContentFile(path: string, maxBytes = MAX_CONTENT_BYTES): Promise<ContentFile> {
  const info = await stat(path).catch((e: unknown) => e as NodeJS.ErrnoException);
  if (info instanceof Error) {
    return isMissing(info) ? { kind: 'missing' } : { kind: 'refused', rule: 'unreadable', message: cannotRead(info) };
  }
  if (info.isDirectory()) return { kind: 'refused', rule: 'unreadable', message: 'is a folder where a file was expected' };
  const top = { line: 1, column: 1 };
  if (info.size > maxBytes) {
    return {
      kind: 'refused',
      rule: 'file-too-large',
      message: `the file is ${megabytes(info.size)}, more than a content file may hold (${megabytes(maxBytes)}) — is this the right file?`,
      at: top,
    };
  }
  const bytes = await readFile(path).catch((e: unknown) => e as NodeJS.ErrnoException);
  if (bytes instanceof Error) return { kind: 'refused', rule: 'unreadable', message: cannotRead(bytes) };
  return decodeContent(bytes);
}

/** Bytes to text, or why they are not a writer's text. */
export function decodeContent(bytes: Uint8Array): ContentFile {
  const top = { line: 1, column: 1 };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { kind: 'refused', rule: 'not-utf8', message: 'the file is saved as UTF-16 — save it as UTF-8', at: top };
  }
  if (bytes.includes(0)) {
    return {
      kind: 'refused',
      rule: 'not-text',
      message: 'not a text file (it holds binary data) — content files are plain text: is this the right file?',
      at: top,
    };
  }
  try {
    // The decoder drops a leading UTF-8 byte-order mark.
    return { kind: 'text', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    const bad = text.indexOf('\ufffd');
    const before = text.slice(0, Math.max(bad, 0)).split('\n');
    return {
      kind: 'refused',
      rule: 'not-utf8',
      message: 'the file is not UTF-8 text — save it as UTF-8 (most editors offer it under "Save with encoding")',
      at: { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 },
    };
  }
}

function megabytes(bytes: number): string {
  return `${Number((bytes / (1024 * 1024)).toFixed(2))} MB`;
}

export function isMissing(e: NodeJS.ErrnoException): boolean {
  return e.code === 'ENOENT' || e.code === 'ENOTDIR';
}

/** Why a file that exists could not be read, in words, with what to do where it is obvious. */
export function cannotRead(e: NodeJS.ErrnoException): string {
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied: give your user read access to it (chmod u+r)';
  if (e.code === 'EISDIR') return 'is a folder where a file was expected';
  return `cannot be read (${e.code ?? e.message})`;
}
