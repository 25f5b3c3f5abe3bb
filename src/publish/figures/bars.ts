/**
 * Any table of numbers from a source, as horizontal bars (sizes side by side) or as one bar cut
 * into shares (a mixture). The generic kind: a generated series can chart a table it found in
 * its sources with it. Each bar is labelled with its value, so colour is never the only cue.
 *
 * @example figure.view({ kind: 'bars', unit: '% of tokens', layout: 'stacked', bars: [{ label: 'Code', value: 17 }, …] }, 'f')
 */
import type { BarsFigure } from '../../series/figures.js';
import { formatNumber } from './format.js';
import { HEIGHT, linearScale, niceCeil, PLOT, rect, svgDocument, text, WIDTH } from './svg.js';
import type { FigureModule } from './types.js';

const LABEL_WIDTH = 170;

function sideBySide(p: BarsFigure): string {
  const top = niceCeil(Math.max(...p.bars.map((b) => b.value)));
  const x = linearScale([0, top], [LABEL_WIDTH, WIDTH - 80]);
  const band = (HEIGHT - 40 - PLOT.top) / p.bars.length;
  const height = Math.min(26, band * 0.7);
  return p.bars
    .map((b, i) => {
      const y = PLOT.top + i * band + (band - height) / 2;
      return (
        text(LABEL_WIDTH - 8, y + height / 2 + 4, b.label, 'end', 'fig-text') +
        rect(LABEL_WIDTH, y, x(b.value) - LABEL_WIDTH, height, `fig-f${1 + (i % 6)} fig-bar`) +
        text(x(b.value) + 6, y + height / 2 + 4, `${formatNumber(b.value)} ${p.unit}`, 'start', 'fig-strong')
      );
    })
    .join('') + text(LABEL_WIDTH, HEIGHT - 12, `Bars drawn to scale from 0; unit: ${p.unit}`, 'start', 'fig-tick');
}

function shares(p: BarsFigure): string {
  const total = p.bars.reduce((sum, b) => sum + b.value, 0) || 1;
  const left = 20;
  const width = WIDTH - 40;
  let at = left;
  const segments = p.bars.map((b, i) => {
    const w = (b.value / total) * width;
    // The value inside its segment ties it to the legend by more than colour.
    const value = w >= 24 ? text(at + w / 2, PLOT.top + 43, formatNumber(b.value), 'middle', 'fig-on-bar') : '';
    const out = rect(at, PLOT.top + 10, w, 56, `fig-f${1 + (i % 6)} fig-bar fig-seg`) + value;
    at += w;
    return out;
  });
  const columns = p.bars.length > 6 ? 2 : 1;
  const perColumn = Math.ceil(p.bars.length / columns);
  const legend = p.bars.map((b, i) => {
    const x = left + Math.floor(i / perColumn) * (width / 2);
    const y = PLOT.top + 96 + (i % perColumn) * 24;
    return rect(x, y - 11, 14, 14, `fig-f${1 + (i % 6)} fig-bar`) + text(x + 22, y, `${b.label}: ${formatNumber(b.value)} ${p.unit}`, 'start', 'fig-text');
  });
  return [...segments, ...legend].join('');
}

export const figure: FigureModule<BarsFigure> = {
  title: (p) => (p.layout === 'stacked' ? `Shares in ${p.unit}` : `Comparison in ${p.unit}`),
  controls: () => [],
  view(p, id) {
    const list = p.bars.map((b) => `${b.label} ${formatNumber(b.value)} ${p.unit}`).join(', ');
    const summary = p.layout === 'stacked' ? `One bar divided into shares: ${list}.` : `Bar chart: ${list}.`;
    return {
      svg: svgDocument({ id, title: this.title(p), desc: summary, body: p.layout === 'stacked' ? shares(p) : sideBySide(p) }),
      summary,
      table: { head: ['', p.unit], rows: p.bars.map((b) => [b.label, formatNumber(b.value)]) },
    };
  },
};
