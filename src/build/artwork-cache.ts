/**
 * Cover art is rendered once per design: the title, slug and length it is drawn from and the code
 * that draws it fully decide the PNGs, so they are kept in the build cache under a hash of those
 * and reused while they stay the same (rendering the three sizes costs about half a second, most
 * of a warm rebuild).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { faviconSvg, renderArtwork } from '../publish/artwork.js';
import type { ArtworkRefs, OutputFile } from '../publish/model.js';
import type { Series } from '../series/schema.js';
import { writeFileAtomic } from './atomic.js';
import { compiledCodeHash } from './toolchain.js';

interface Entry {
  refs: ArtworkRefs;
  files: { path: string; blob: string }[];
}

export async function cachedArtwork(series: Series, cacheDir: string): Promise<{ files: OutputFile[]; refs: ArtworkRefs }> {
  // Keyed on what the cover is drawn from and the code that draws it, not on the cover's SVG:
  // laying out the title measures text with the native renderer, which alone takes longer to
  // load than the rest of a rebuild with nothing changed.
  const key = createHash('sha256')
    .update(JSON.stringify([series.slug, series.title, series.targetSeconds]))
    .update(faviconSvg())
    .update(artworkCode())
    .digest('hex')
    .slice(0, 24);
  const index = join(cacheDir, `artwork-${key}.json`);
  try {
    const entry = JSON.parse(await readFile(index, 'utf8')) as Entry;
    const files = await Promise.all(
      entry.files.map(async (f) => ({ path: f.path, contents: new Uint8Array(await readFile(join(cacheDir, f.blob))) })),
    );
    return { files, refs: entry.refs };
  } catch {
    // Not cached yet (or a partial entry from an interrupted build): render and keep it.
  }
  const artwork = await renderArtwork(series);
  await mkdir(cacheDir, { recursive: true });
  const entry: Entry = { refs: artwork.refs, files: [] };
  for (const [i, file] of artwork.files.entries()) {
    const blob = `artwork-${key}-${i}.bin`;
    await writeFileAtomic(join(cacheDir, blob), file.contents);
    entry.files.push({ path: file.path, blob });
  }
  await writeFileAtomic(index, JSON.stringify(entry));
  return artwork;
}

let code: string | undefined;
/** The compiled artwork module and what it draws with: a change to either draws a new cover. */
function artworkCode(): string {
  code ??= compiledCodeHash([], ['../publish/artwork.js', '../publish/png.js'].map((m) => new URL(m, import.meta.url)));
  return code;
}
