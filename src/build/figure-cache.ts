/**
 * Figure cards are rendered once per picture: the card's SVG decides the PNG, so it is kept in
 * the build cache under the name the SVG gives it and reused while the figure stays the same. A
 * changed figure (its parameters, caption aside, or the drawing code) makes a new SVG, a new name
 * and a new render; the old card is cleaned up with the rest of the previous build.
 *
 * @example const card = await cachedFigureCard(series, episode, cacheDir); // { path, contents } or undefined
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { figureCardSvg, renderFigureCard, cardPath } from '../publish/figure-card.js';
import type { Episode, Series } from '../series/schema.js';
import { writeFileAtomic } from './atomic.js';

export async function cachedFigureCard(
  series: Series,
  episode: Episode,
  cacheDir: string,
): Promise<{ path: string; contents: Uint8Array } | undefined> {
  if (!episode.figure) return undefined;
  const svg = figureCardSvg(series, episode, episode.figure);
  const path = cardPath(svg, episode.id);
  const blob = join(cacheDir, path.replace('artwork/', 'card-'));
  try {
    return { path, contents: new Uint8Array(await readFile(blob)) };
  } catch {
    // Not rendered yet.
  }
  const card = renderFigureCard(svg, episode.id);
  await mkdir(cacheDir, { recursive: true });
  // The episode's earlier cards will not be asked for again.
  const stale = (await readdir(cacheDir)).filter((name) => name.startsWith(`card-figure-${episode.id}-`) && /-[0-9a-f]{10}\.png$/.test(name));
  await Promise.all(stale.map((name) => rm(join(cacheDir, name), { force: true })));
  await writeFileAtomic(blob, card.png);
  return { path: card.path, contents: card.png };
}
