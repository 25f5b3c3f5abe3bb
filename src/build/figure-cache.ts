/**
 * Figure images (the social card and the square feed artwork) are rendered once per picture: the
 * SVG decides the PNG, so it is kept in the build cache under the name the SVG gives it and
 * reused while the figure stays the same. A changed figure (its parameters, caption aside, or the
 * drawing code) makes a new SVG, a new name and a new render; the old image is cleaned up with
 * the rest of the previous build.
 *
 * @example const { card, square } = await cachedFigureImages(series, episode, cacheDir); // each { path, contents } or undefined
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { cardPath, figureCardSvg, renderFigureCard } from '../publish/figure-card.js';
import { figureSquareSvg, renderFigureSquare, squarePath } from '../publish/figure-square.js';
import type { Episode, Series } from '../series/schema.js';
import { writeFileAtomic } from './atomic.js';

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
  const cardSvg = figureCardSvg(series, episode, figure);
  const squareSvg = figureSquareSvg(series, episode, figure);
  const [card, square] = await Promise.all([
    cachedRender(cacheDir, cardPath(cardSvg, episode.id), () => renderFigureCard(cardSvg, episode.id).png),
    cachedRender(cacheDir, squarePath(squareSvg, episode.id), () => renderFigureSquare(squareSvg, episode.id).png),
  ]);
  return { card, square };
}

/** `path` is `artwork/<kind>-<episode>-<hash>.png`; its blob is `card-<kind>-<episode>-<hash>.png`. */
async function cachedRender(cacheDir: string, path: string, render: () => Uint8Array): Promise<CachedImage> {
  const name = path.replace('artwork/', 'card-');
  const blob = join(cacheDir, name);
  try {
    return { path, contents: new Uint8Array(await readFile(blob)) };
  } catch {
    // Not rendered yet.
  }
  const png = render();
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
