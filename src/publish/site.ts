/**
 * The website: pages for a series, the library of all series, and the shared assets
 * (stylesheet and the browser player's ES modules). Pure apart from `siteAssets`, which
 * reads the compiled player from dist/web/; the build writes what these return.
 *
 * @example
 * const files = [...renderSeriesSite(built), ...renderLibrary(entries), ...(await siteAssets())];
 * // paths are relative to DIR/: 'ai-training/index.html', 'ai-training/lora/index.html', 'assets/player.js', …
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { figureCss } from './figures/palette.js';
import type { BuiltSeries, OutputFile } from './model.js';
import { renderEpisodePage } from './pages/episode.js';
import { STYLESHEET } from './pages/layout.js';
import { renderLibraryPage, renderNotFoundPage, type LibraryEntry } from './pages/library.js';
import { renderSeriesPage } from './pages/series.js';

export type { LibraryEntry };

/** The series page and one page per episode, under `<slug>/`. */
export function renderSeriesSite(built: BuiltSeries): OutputFile[] {
  const slug = built.series.slug;
  const files: OutputFile[] = [{ path: `${slug}/index.html`, contents: renderSeriesPage(built) }];
  built.episodes.forEach((e, i) => {
    files.push({ path: `${slug}/${e.episode.id}/index.html`, contents: renderEpisodePage(built, i) });
  });
  return files;
}

/** DIR/index.html (every series in DIR) and DIR/404.html. */
export function renderLibrary(entries: LibraryEntry[]): OutputFile[] {
  return [
    { path: 'index.html', contents: renderLibraryPage(entries) },
    { path: '404.html', contents: renderNotFoundPage() },
  ];
}

const WEB_BUILD = new URL('../web/', import.meta.url);
/** The figure kinds and the SVG renderer, compiled with the rest of src/; the browser runs them as they are. */
const FIGURES_BUILD = new URL('./figures/', import.meta.url);
/** Build-only modules of that folder: the list of every kind, which the browser never needs. */
const BUILD_ONLY = new Set(['registry.js']);
const WEB_SOURCE = new URL('../../web/', import.meta.url);

/** Comments and indentation cost bytes on every page view; gzip does the rest. */
export function compactCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** DIR/assets/: the stylesheet and every browser module (tests and source maps left out). */
export async function siteAssets(): Promise<OutputFile[]> {
  const css = await readFile(fileURLToPath(new URL(STYLESHEET, WEB_SOURCE)), 'utf8');
  const files: OutputFile[] = [{ path: `assets/${STYLESHEET}`, contents: compactCss(`${css}\n${figureCss()}`) }];
  const names = (await readdir(fileURLToPath(WEB_BUILD))).filter((n) => n.endsWith('.js') && !n.endsWith('.test.js')).sort();
  if (!names.includes('player.js')) throw new Error('the browser player is not compiled: run `npm run compile`');
  for (const name of names) {
    files.push({ path: `assets/${name}`, contents: await readFile(fileURLToPath(new URL(name, WEB_BUILD)), 'utf8') });
  }
  const figures = (await readdir(fileURLToPath(FIGURES_BUILD))).filter((n) => n.endsWith('.js') && !n.endsWith('.test.js') && !BUILD_ONLY.has(n)).sort();
  for (const name of figures) {
    const code = await readFile(fileURLToPath(new URL(name, FIGURES_BUILD)), 'utf8');
    // Source maps point into dist/, which the site does not serve.
    files.push({ path: `assets/figures/${name}`, contents: code.replace(/\n\/\/# sourceMappingURL=.*\n?$/, '\n') });
  }
  return files;
}
