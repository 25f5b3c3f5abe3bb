/**
 * Atomic output: every file is written beside its final path under a temporary name and then
 * renamed into place, so a build killed at any moment (even kill -9) never leaves a truncated
 * file at a final path. Files whose bytes have not changed are left untouched.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const TEMP_MARK = '.ninety-tmp-';
const CONTENT_HASHED = /-[0-9a-f]{10}\.mp3$/;

export async function writeFileAtomic(path: string, contents: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(temp, contents);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Writes only when the bytes differ; returns whether it wrote. */
export async function writeIfChanged(path: string, contents: string | Uint8Array): Promise<boolean> {
  const bytes = typeof contents === 'string' ? Buffer.from(contents) : contents;
  const existing = await stat(path).catch(() => undefined);
  // A content-hashed name already holding that many bytes holds these bytes.
  if (existing?.isFile() && existing.size === bytes.length && CONTENT_HASHED.test(path)) return false;
  if (existing?.isFile() && existing.size === bytes.length) {
    const old = await readFile(path);
    if (Buffer.compare(old, bytes) === 0) return false;
  }
  await writeFileAtomic(path, bytes);
  return true;
}

/** Removes temporary files a killed build left behind. */
export async function removeStaleTempFiles(root: string): Promise<void> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  await Promise.all(
    entries
      .filter((entry) => entry.isFile() && entry.name.includes(TEMP_MARK))
      .map((entry) => rm(join(entry.parentPath ?? entry.path, entry.name), { force: true })),
  );
}
