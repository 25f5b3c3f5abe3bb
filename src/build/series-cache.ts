/**
 * A build's series, from the cache while its files are byte for byte the ones validated before.
 *
 * Reading a series parses its YAML with the source positions problems are reported at, then
 * validates it; with the modules that do this, it took a third of a rebuild with nothing changed.
 * A valid series is plain data, so it is kept as JSON under a hash of all it came from: each
 * file the loader reads, the series folder and the working folder (episode paths are shown
 * relative to it), the loader's compiled code, and the versions of the YAML and schema packages.
 * A series with problems is never kept: loading it again reports them.
 *
 * @example const content = await cachedSeries('series/ai-training', 'out/.ninety-cache');
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SeriesContent } from '../series/schema.js';
import { writeFileAtomic } from './atomic.js';
import { compiledCodeHash, installedVersion } from './toolchain.js';

export async function cachedSeries(seriesDir: string, cacheRoot: string): Promise<SeriesContent> {
  const key = await seriesKey(seriesDir);
  const folder = createHash('sha256').update(resolve(seriesDir)).digest('hex').slice(0, 8);
  const entry = key && join(cacheRoot, `series-${folder}-${key}.json`);
  if (entry) {
    try {
      const { series, lexicon, episodes } = JSON.parse(await readFile(entry, 'utf8')) as SeriesContent;
      return { dir: seriesDir, series, lexicon, episodes };
    } catch {
      // Not kept yet, or unreadable: load it.
    }
  }
  // Loaded late: on a hit, the YAML parser and the schemas are never imported.
  const { loadSeries } = await import('../series/load.js');
  const content = await loadSeries(seriesDir);
  // Kept only if no file changed while it was read, so the entry is what its key says.
  if (entry && (await seriesKey(seriesDir)) === key) await keep(cacheRoot, folder, entry, content);
  return content;
}

async function keep(cacheRoot: string, folder: string, entry: string, content: SeriesContent): Promise<void> {
  const { dir: _dir, ...data } = content;
  try {
    await writeFileAtomic(entry, JSON.stringify(data));
    // This folder's earlier entries will not be asked for again.
    const earlier = (await readdir(cacheRoot)).filter((name) => name.startsWith(`series-${folder}-`) && join(cacheRoot, name) !== entry);
    await Promise.all(earlier.map((name) => rm(join(cacheRoot, name), { force: true })));
  } catch {
    // The cache is a saving, never a requirement.
  }
}

/**
 * A hash of everything the loaded series depends on, or undefined when a file cannot be read
 * (the loader then says what is wrong).
 */
async function seriesKey(seriesDir: string): Promise<string | undefined> {
  const hash = createHash('sha256').update(
    JSON.stringify({
      folder: resolve(seriesDir),
      workingFolder: process.cwd(),
      code: loaderCode(),
      packages: LOADER_PACKAGES.map((name) => `${name}@${installedVersion(name)}`),
    }),
  );
  try {
    for (const name of ['series.yaml', 'lexicon.yaml']) {
      const bytes = await readFile(join(seriesDir, name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined; // a missing lexicon is allowed; a missing series.yaml is reported by the loader
        throw error;
      });
      hashFile(hash, name, bytes);
    }
    const episodes = (await readdir(join(seriesDir, 'episodes'))).filter((n) => n.endsWith('.md')).sort();
    for (const name of episodes) hashFile(hash, `episodes/${name}`, await readFile(join(seriesDir, 'episodes', name)));
  } catch {
    return undefined;
  }
  return hash.digest('hex').slice(0, 32);
}

function hashFile(hash: ReturnType<typeof createHash>, name: string, bytes: Buffer | undefined): void {
  hash.update(`\0${name}\0${bytes ? bytes.length : 'missing'}\0`);
  if (bytes) hash.update(bytes);
}

/** The packages whose behaviour decides what a series file loads as. */
const LOADER_PACKAGES = ['yaml', 'zod'];

let code: string | undefined;
/** The compiled series code, which reads and validates a series. */
function loaderCode(): string {
  code ??= compiledCodeHash([new URL('../series/', import.meta.url)]);
  return code;
}
