/**
 * The user's documents, received: each upload is checked (size, kind by extension and by its first
 * bytes) and stored in a folder of a generated name in the uploads folder, under the browser's file
 * name reduced to letters, digits, spaces, hyphens and parentheses — so a path, a dot-dot or a device
 * name never reaches the file system, and the show notes can still name the document as its
 * author knows it (they show a document's file name, never the folder it sits in).
 *
 * @example
 *   const stored = await storeUpload(file, '.ninety/uploads');   // '.ninety/uploads/5b0c…e1/chinchilla notes.pdf'
 *   // or throws UploadError('notes.exe is not a text, Markdown, HTML or PDF file')
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
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
  const plain = shownName(file.name).slice(0, -extension.length).replace(/[^\w ()-]+/g, '').trim();
  // Windows takes these names for devices, whatever their extension.
  const stem = plain && !/^(?:con|prn|aux|nul|com\d|lpt\d)$/i.test(plain) ? plain : 'document';
  const path = join(folder, randomUUID(), `${stem}${extension}`);
  await mkdir(dirname(path));
  await writeFileAtomic(path, bytes);
  return path;
}
