/**
 * The user's documents, received: each upload is checked (size, kind by extension and by its first
 * bytes) and stored under a generated name in the uploads folder, so nothing about the name the
 * browser sent — a path, a dot-dot, a device name — ever reaches the file system.
 *
 * @example
 *   const stored = await storeUpload(file, '.ninety/uploads');   // '.ninety/uploads/5b0c…e1.pdf'
 *   // or throws UploadError('notes.exe is not a text, Markdown, HTML or PDF file')
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { writeFileAtomic } from '../build/atomic.js';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const MAX_UPLOADS = 8;
const KINDS = new Set(['.txt', '.md', '.markdown', '.html', '.htm', '.pdf']);

export class UploadError extends Error {
  override name = 'UploadError';
}

/** The part of a browser's file name worth showing: its last segment, plain characters only. */
export function shownName(name: string): string {
  return (name.split(/[\\/]/).pop() ?? '').replace(/[^\w .()-]+/g, '').slice(0, 80) || 'the file';
}

export function checkUpload(name: string, bytes: Uint8Array): string {
  const extension = extname(shownName(name)).toLowerCase();
  const shown = shownName(name);
  if (!KINDS.has(extension)) throw new UploadError(`${shown} is not a text, Markdown, HTML or PDF file`);
  if (bytes.length > MAX_UPLOAD_BYTES) throw new UploadError(`${shown} is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
  if (bytes.length === 0) throw new UploadError(`${shown} is empty`);
  const head = Buffer.from(bytes.subarray(0, 5)).toString('latin1');
  if (extension === '.pdf' ? head !== '%PDF-' : bytes.includes(0)) {
    throw new UploadError(`${shown} is not what its name says: its contents are not ${extension === '.pdf' ? 'a PDF' : 'text'}`);
  }
  return extension;
}

export async function storeUpload(file: { name: string; arrayBuffer(): Promise<ArrayBuffer> }, folder: string): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const extension = checkUpload(file.name, bytes);
  await mkdir(folder, { recursive: true });
  const path = join(folder, `${randomUUID()}${extension}`);
  await writeFileAtomic(path, bytes);
  return path;
}
