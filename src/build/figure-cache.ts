/**
 * Figure images (the social card and the square feed artwork) are rendered once per picture: the
 * SVG decides the PNG, so it is kept in the build cache under the name the SVG gives it and
 * reused while the figure stays the same. A changed figure (its parameters, caption aside, or the
 * drawing code) makes a new SVG, a new name and a new render; the old image is cleaned up with
 * the rest of the previous build.
 *
 * The SVG names the images, but drawing it lays out the title with the native renderer, which
 * takes longer to load than the rest of a rebuild with nothing changed. So each episode also keeps
 * an index keyed on what its images are drawn from (the series, the episode's fields, the figure)
 * and the code that draws them; while that key stands, the names come from the index.
 *
 * @example const { card, square } = await cachedFigureImages(series, episode, cacheDir); // each { path, contents } or undefined
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cardPath, figureCardSvg, renderFigureCard } from '../publish/figure-card.js';
import { figureSquareSvg, renderFigureSquare, squarePath } from '../publish/figure-square.js';
import type { Episode, Series } from '../series/schema.js';
import { writeFileAtomic } from './atomic.js';
import { compiledCodeHash } from './toolchain.js';

export interface CachedImage {
  path: string;
  contents: Uint8Array;
}

export async function cachedFigureImages(
  series: Series,
  episode: Episode,
  cacheDir: string,
): Promise<{ card?: CachedImage; square?: CachedImage }> {
  const figure = episode.figure;
  if (!figure) return {};
  const { script: _script, notes: _notes, file: _file, ...drawnFrom } = episode;
  const key = createHash('sha256')
    .update(JSON.stringify([series, drawnFrom]))
    .update(drawingCode())
    .digest('hex')
    .slice(0, 24);
  const index = join(cacheDir, `figure-${episode.id}-${key}.json`);
  const known = await readIndexed(cacheDir, index);
  if (known) return known;

  const cardSvg = figureCardSvg(series, episode, figure);
  const squareSvg = figureSquareSvg(series, episode, figure);
  const [card, square] = await Promise.all([
    cachedRender(cacheDir, cardPath(cardSvg, episode.id), async () => (await renderFigureCard(cardSvg, episode.id)).png),
    cachedRender(cacheDir, squarePath(squareSvg, episode.id), async () => (await renderFigureSquare(squareSvg, episode.id)).png),
  ]);
  await writeFileAtomic(index, JSON.stringify({ card: card.path, square: square.path }));
  // Earlier indexes of this episode (the match is exact, as for the images) will not be asked for again.
  const earlier = new RegExp(`^figure-${episode.id}-[0-9a-f]{24}\\.json$`);
  const stale = (await readdir(cacheDir)).filter((name) => earlier.test(name) && join(cacheDir, name) !== index);
  await Promise.all(stale.map((name) => rm(join(cacheDir, name), { force: true })));
  return { card, square };
}

/** The images an index names, when it and both renders are still in the cache. */
async function readIndexed(cacheDir: string, index: string): Promise<{ card: CachedImage; square: CachedImage } | undefined> {
  try {
    const paths = JSON.parse(await readFile(index, 'utf8')) as { card: string; square: string };
    const read = async (path: string) => ({ path, contents: new Uint8Array(await readFile(join(cacheDir, path.replace('artwork/', 'card-')))) });
    const [card, square] = await Promise.all([read(paths.card), read(paths.square)]);
    return { card, square };
  } catch {
    return undefined; // not indexed yet, or a render was cleaned up: draw the SVGs
  }
}

let code: string | undefined;
/** The compiled modules that draw a figure's images: a change to any of them draws new ones. */
function drawingCode(): string {
  code ??= compiledCodeHash(
    [new URL('../publish/figures/', import.meta.url)],
    ['figure-card.js', 'figure-square.js', 'artwork.js', 'png.js', 'xml.js'].map((m) => new URL(`../publish/${m}`, import.meta.url)),
  );
  return code;
}

/** `path` is `artwork/<kind>-<episode>-<hash>.png`; its blob is `card-<kind>-<episode>-<hash>.png`. */
async function cachedRender(cacheDir: string, path: string, render: () => Promise<Uint8Array>): Promise<CachedImage> {
  const name = path.replace('artwork/', 'card-');
  const blob = join(cacheDir, name);
  try {
    return { path, contents: new Uint8Array(await readFile(blob)) };
  } catch {
    // Not rendered yet.
  }
  const png = await render();
  await mkdir(cacheDir, { recursive: true });
  // This image's earlier renders will not be asked for again. The match is exact, so another
  // episode whose id starts with this one's keeps its own.
  const prefix = name.slice(0, -'-0123456789.png'.length);
  const stale = (await readdir(cacheDir)).filter((other) => other !== name && isRenderOf(other, prefix));
  await Promise.all(stale.map((other) => rm(join(cacheDir, other), { force: true })));
  await writeFileAtomic(blob, png);
  return { path, contents: png };
}

function isRenderOf(name: string, prefix: string): boolean {
  return name.startsWith(`${prefix}-`) && /^[0-9a-f]{10}\.png$/.test(name.slice(prefix.length + 1));
}
