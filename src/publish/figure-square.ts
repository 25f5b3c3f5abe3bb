/**
 * An episode's figure as square podcast artwork: Apple asks for an episode's itunes:image to be
 * square, 1400–3000 px, RGB, so the 1200×630 social card cannot serve there. This is the cover's
 * design (its colours, label and Inter Black title) with the figure on a light panel, as the
 * card shows it, and the series title beneath. Drawn on the cover's 3000-unit square, rendered
 * at 1400 px.
 *
 * @example
 *   const square = renderFigureSquare(figureSquareSvg(series, episode, figure), episode.id);
 *   // { path: 'artwork/square-lora-1a2b3c4d5e.png', png }
 */
import { createHash } from 'node:crypto';
import type { Figure } from '../series/figures.js';
import type { Episode, Series } from '../series/schema.js';
import { paletteFor, renderPng, ripples, titleBlock } from './artwork.js';
import { figureInner } from './figure-card.js';
import { cardCss, CARD_TOKENS } from './figures/palette.js';
import { HEIGHT, WIDTH } from './figures/svg.js';
import { escapeText } from './xml.js';

export const FIGURE_SQUARE = { width: 1400, height: 1400 } as const;

const SIZE = 3000;
const MARGIN = 200;
const PANEL = { top: 1120, bottom: 2620, padding: 80 } as const;
/** Longer series titles are cut short rather than run off the edge. */
const SERIES_TITLE_LIMIT = 48;

export function figureSquareSvg(
  series: Pick<Series, 'slug' | 'title'>,
  episode: Pick<Episode, 'number' | 'title'>,
  figure: Figure,
): string {
  const palette = paletteFor(series.slug);
  const panelWidth = SIZE - 2 * MARGIN;
  const panelHeight = PANEL.bottom - PANEL.top;
  const chartWidth = panelWidth - 2 * PANEL.padding;
  const chartHeight = (chartWidth * HEIGHT) / WIDTH;
  const chartTop = PANEL.top + (panelHeight - chartHeight) / 2;
  const seriesTitle = series.title.length <= SERIES_TITLE_LIMIT ? series.title : `${series.title.slice(0, SERIES_TITLE_LIMIT - 1)}…`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${FIGURE_SQUARE.width}" height="${FIGURE_SQUARE.height}" viewBox="0 0 ${SIZE} ${SIZE}">`,
    `<style>${cardCss()}</style>`,
    `<rect width="${SIZE}" height="${SIZE}" fill="${palette.background}"/>`,
    ripples(palette),
    `<g fill="${palette.accent}">`,
    `<rect x="${MARGIN}" y="222" width="120" height="40" rx="20"/>`,
    `<text x="${MARGIN + 170}" y="270" font-family="Inter" font-weight="600" font-size="76" letter-spacing="13">EPISODE ${episode.number}</text>`,
    `</g>`,
    titleBlock(episode.title, { x: MARGIN, top: 380, bottom: 1000, width: panelWidth }, palette.ink, 300),
    `<rect x="${MARGIN}" y="${PANEL.top}" width="${panelWidth}" height="${panelHeight}" rx="40" fill="${CARD_TOKENS['--surface']}"/>`,
    `<svg class="fig-svg" x="${MARGIN + PANEL.padding}" y="${round(chartTop)}" width="${chartWidth}" height="${round(chartHeight)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13" font-family="Inter">${figureInner(figure)}</svg>`,
    `<text x="${MARGIN}" y="2820" font-family="Inter" font-weight="600" font-size="76" fill="${palette.ink}">${escapeText(seriesTitle)}</text>`,
    '</svg>',
  ].join('\n');
}

/** The square's PNG and its path in the series folder; the name changes whenever the pixels can. */
export async function renderFigureSquare(svg: string, episodeId: string): Promise<{ path: string; png: Uint8Array }> {
  return { path: squarePath(svg, episodeId), png: await renderPng(svg, FIGURE_SQUARE.width) };
}

export function squarePath(svg: string, episodeId: string): string {
  return `artwork/square-${episodeId}-${createHash('sha256').update(svg).digest('hex').slice(0, 10)}.png`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
