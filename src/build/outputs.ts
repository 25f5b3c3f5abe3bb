/**
 * Writes a build's files into DIR in stages and then removes what the previous build of the same
 * series wrote and this one no longer does (old content-hashed audio, pages of removed episodes).
 *
 * The stages are the promise a podcast app and `ninety serve` rely on: audio, transcripts and
 * artwork first; then the pages and the feed that name them; the manifest last, which marks the
 * series as completely built. Cleanup deletes only files the previous manifest recorded, so
 * nothing the build did not make is ever removed.
 *
 * @example
 *   await writeOutputs('out', 'ai-training', { media, pages, manifest });
 */
import { readFile, rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeStages, type StagedFile, type WriteObserver } from './atomic.js';
import { parseManifest, recordedFiles } from './manifest.js';

export interface OutputStages {
  /** Audio, transcripts, artwork and site assets: what pages and the feed link to. */
  media: StagedFile[];
  /** Pages and the feed. */
  pages: StagedFile[];
  /** The series manifest (episodes.json), written alone and last. */
  manifest: StagedFile;
}

export async function writeOutputs(
  outDir: string,
  slug: string,
  stages: OutputStages,
  observe?: WriteObserver,
): Promise<void> {
  const seriesDir = join(outDir, slug);
  const previous = await readFile(join(seriesDir, 'episodes.json'), 'utf8').then(parseManifest, () => undefined);
  await writeStages(outDir, [stages.media, stages.pages, [stages.manifest]], observe);

  const written = new Set([...stages.media, ...stages.pages, stages.manifest].map((f) => f.path));
  const stale = previous ? recordedFiles(previous).filter((path) => !written.has(`${slug}/${path}`)) : [];
  await Promise.all(stale.map((path) => rm(join(seriesDir, path), { force: true })));
  // A removed episode leaves its page folder empty; rmdir refuses a folder that still holds anything
  // (the series folder itself among them, which holds the manifest just written).
  const folders = new Set(stale.map((path) => dirname(path)));
  await Promise.all([...folders].map((folder) => rmdir(join(seriesDir, folder)).catch(() => undefined)));
}
