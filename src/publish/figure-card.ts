/**
 * An episode's figure as its social card: a 1200×630 PNG (the size link previews ask for) with
 * the episode's title above the figure, rendered by resvg with the light theme's colours. Pages
 * name it in og:image; the feed, which needs square art, names its square variant
 * (figure-square.ts).
 *
 * @example
 *   const card = renderFigureCard(series, episode); // { path: 'artwork/figure-lora-1a2b3c4d5e.png', png }
 */
import { createHash } from 'node:crypto';
import type { Figure } from '../series/figures.js';
import type { Episode, Series } from '../series/schema.js';
import { renderPng } from './artwork.js';
import { cardCss, CARD_TOKENS } from './figures/palette.js';
import { figureView } from './figures/registry.js';
import { HEIGHT, WIDTH } from './figures/svg.js';
import { escapeText } from './xml.js';

export const FIGURE_CARD = { width: 1200, height: 630 } as const;

const HEADER = 76;
const MARGIN = 40;

/** The card's SVG: a header line naming the series and episode, then the figure scaled into the rest. */
export function figureCardSvg(series: Pick<Series, 'title'>, episode: Pick<Episode, 'number' | 'title'>, figure: Figure): string {
  const inner = figureInner(figure);
  const height = FIGURE_CARD.height - HEADER - 16;
  const width = (height * WIDTH) / HEIGHT;
  const { width: W, height: H } = FIGURE_CARD;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">`,
    `<style>${cardCss()}</style>`,
    `<rect width="${W}" height="${H}" fill="${CARD_TOKENS['--surface']}"/>`,
    `<text x="${MARGIN}" y="52" font-family="Inter" font-weight="600" font-size="30" fill="${CARD_TOKENS['--text']}">${escapeText(`${episode.title}`)}<tspan fill="${CARD_TOKENS['--muted']}"> · ${escapeText(`${series.title}, episode ${episode.number}`)}</tspan></text>`,
    `<svg class="fig-svg" x="${(W - width) / 2}" y="${HEADER}" width="${width}" height="${height}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-size="13" font-family="Inter">${inner}</svg>`,
    '</svg>',
  ].join('\n');
}

/** The figure's drawing without its outer element, title and description, to nest in a card. */
export function figureInner(figure: Figure): string {
  const chart = figureView(figure, 'card').svg;
  return chart.replace(/^<svg[^>]*>/, '').replace(/<\/svg>$/, '').replace(/<title[^>]*>.*?<\/title><desc[^>]*>.*?<\/desc>/s, '');
}

/** The card's PNG and its path in the series folder; the name changes whenever the pixels can. */
export async function renderFigureCard(svg: string, episodeId: string): Promise<{ path: string; png: Uint8Array }> {
  return { path: cardPath(svg, episodeId), png: await renderPng(svg, FIGURE_CARD.width) };
}

export function cardPath(svg: string, episodeId: string): string {
  return `artwork/figure-${episodeId}-${createHash('sha256').update(svg).digest('hex').slice(0, 10)}.png`;
}

/** What the card shows, for og:image:alt: the figure's own one-sentence description. */
export function figureAlt(figure: Figure): string {
  const summary = figureView(figure, 'alt').summary;
  return summary.length <= 420 ? summary : `${summary.slice(0, 419)}…`;
}
