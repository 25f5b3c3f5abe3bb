/**
 * Writes a build's files into DIR and removes what the previous build of the same series made
 * and this one no longer does (old content-hashed audio, pages of removed episodes). Only
 * folders the build owns are cleaned; anything else in DIR is left alone.
 */
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutputFile } from '../publish/model.js';
import { writeIfChanged } from './atomic.js';
import { parseManifest } from './manifest.js';

const OWNED_FOLDERS = ['audio', 'transcripts', 'artwork'];

export async function writeOutputs(outDir: string, slug: string, files: readonly OutputFile[]): Promise<void> {
  const seriesDir = join(outDir, slug);
  const previous = parseManifest(await readFile(join(seriesDir, 'episodes.json'), 'utf8').catch(() => ''));
  // Everything but the last file in parallel; the last (the manifest) only changes once
  // everything it names exists.
  const last = files.at(-1);
  await Promise.all(files.slice(0, -1).map((file) => writeIfChanged(join(outDir, file.path), file.contents)));
  if (last) await writeIfChanged(join(outDir, last.path), last.contents);

  const written = new Set(files.map((f) => f.path));
  for (const folder of OWNED_FOLDERS) {
    const names = await readdir(join(seriesDir, folder)).catch(() => [] as string[]);
    await Promise.all(
      names
        .filter((name) => !written.has(`${slug}/${folder}/${name}`))
        .map((name) => rm(join(seriesDir, folder, name), { force: true })),
    );
  }
  for (const episode of previous?.episodes ?? []) {
    if (!written.has(`${slug}/${episode.page}index.html`) && /^[a-z0-9-]+\/$/.test(episode.page)) {
      await rm(join(seriesDir, episode.page), { recursive: true, force: true });
    }
  }
}
