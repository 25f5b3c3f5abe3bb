/** The library page at DIR/index.html lists every series built into DIR (read from their manifests). */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderLibrary, type LibraryEntry } from '../publish/site.js';
import { syncFolder, writeIfChanged, type WriteObserver } from './atomic.js';
import { parseManifest } from './manifest.js';

export async function writeLibrary(outDir: string, observe?: WriteObserver): Promise<void> {
  const entries: LibraryEntry[] = [];
  const folders = await readdir(outDir, { withFileTypes: true });
  for (const folder of folders.filter((f) => f.isDirectory() && !f.name.startsWith('.')).sort()) {
    const text = await readFile(join(outDir, folder.name, 'episodes.json'), 'utf8').catch(() => '');
    const manifest = parseManifest(text);
    if (!manifest) continue;
    const { series } = manifest;
    entries.push({
      slug: series.slug,
      title: series.title,
      topic: series.topic,
      description: series.description,
      episodeCount: series.episodeCount,
      artwork: `${series.slug}/${series.artwork}`,
    });
  }
  for (const file of renderLibrary(entries)) await writeIfChanged(join(outDir, file.path), file.contents, observe);
  await syncFolder(outDir);
}
