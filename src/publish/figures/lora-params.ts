/**
 * LoRA's parameter count (Hu et al., 2021): instead of updating a d×k weight matrix, train
 * B (d×r) and A (r×k), r·(d + k) numbers instead of d·k. The matrix and the two factors are
 * drawn to scale, so at GPT-3's width the factors are hairlines beside a square.
 *
 * @example loraParameters(12288, 12288, 8) // 196,608 against 150,994,944
 */
import type { LoraParamsFigure } from '../../series/figures.js';
import { formatCount, formatNumber, formatPercent } from './format.js';
import { PLOT, rect, svgDocument, text } from './svg.js';
import type { FigureModule } from './types.js';

export function loraParameters(d: number, k: number, rank: number): number {
  return rank * (d + k);
}

const RANKS = [1, 2, 4, 8, 16, 64, 256];

export const figure: FigureModule<LoraParamsFigure> = {
  title: () => 'Trainable parameters: a full weight update against LoRA’s two thin factors',
  controls: (p) => [
    { type: 'range', name: 'rank', label: 'Rank r', min: 0, max: 10, step: 1, scale: 'log2', value: p.rank, valueText: `rank ${p.rank}` },
  ],
  view(p, id) {
    const full = p.d * p.k;
    const lora = loraParameters(p.d, p.k, p.rank);
    // Drawn to scale: the square's side stands for max(d, k); factors keep at least a hairline.
    const side = 170;
    const unit = side / Math.max(p.d, p.k);
    const thin = (r: number): number => Math.max(1.5, r * unit);
    const x0 = 30;
    const y0 = PLOT.top + 20;
    const wW = p.k * unit;
    const wH = p.d * unit;
    const bx = x0 + wW + 56;
    const ax = bx + thin(p.rank) + 18;
    const body = [
      rect(x0, y0, wW, wH, 'fig-f1 fig-bar fig-soft'),
      text(x0 + wW / 2, y0 + wH / 2 - 6, `W: ${formatCount(p.d)} × ${formatCount(p.k)}`, 'middle', 'fig-strong'),
      text(x0 + wW / 2, y0 + wH / 2 + 12, `${formatCount(full)} to update`, 'middle', 'fig-text'),
      text(x0 + wW + 28, y0 + wH / 2 + 5, 'vs', 'middle', 'fig-strong'),
      rect(bx, y0, thin(p.rank), wH, 'fig-f2 fig-bar'),
      text(bx + thin(p.rank) / 2, y0 + wH + 16, `B: ${formatCount(p.d)} × ${p.rank}`, 'middle', 'fig-text'),
      rect(ax, y0, wW, thin(p.rank), 'fig-f3 fig-bar'),
      text(ax, y0 + thin(p.rank) + 16, `A: ${p.rank} × ${formatCount(p.k)}`, 'start', 'fig-text'),
      text(ax, y0 + 64, `LoRA trains r·(d + k) = ${formatCount(lora)}`, 'start', 'fig-strong'),
      text(ax, y0 + 84, `${formatPercent(lora / full)} of this matrix`, 'start', 'fig-text'),
      p.matrices > 1
        ? text(ax, y0 + 112, `× ${p.matrices} matrices: ${formatCount(lora * p.matrices)} instead of ${formatCount(full * p.matrices)}`, 'start', 'fig-text')
        : '',
      text(ax, y0 + 132, 'Drawn to scale (at least a hairline).', 'start', 'fig-tick'),
    ].join('');
    const summary =
      `A ${formatNumber(p.d)} × ${formatNumber(p.k)} weight matrix (${formatNumber(full)} parameters) beside LoRA's factors B and A at rank ${p.rank}: ` +
      `${formatNumber(lora)} trainable parameters, ${formatPercent(lora / full)} of the matrix` +
      (p.matrices > 1 ? `; over ${p.matrices} adapted matrices ${formatCount(lora * p.matrices)} instead of ${formatCount(full * p.matrices)}.` : '.');
    const ranks = RANKS.includes(p.rank) ? RANKS : [...RANKS, p.rank].sort((a, b) => a - b);
    return {
      svg: svgDocument({ id, title: this.title(p), desc: summary, body }),
      summary,
      readout: `Rank ${p.rank}: ${formatCount(lora * p.matrices)} trainable parameters instead of ${formatCount(full * p.matrices)} (${formatPercent(lora / full)}).`,
      table: {
        head: ['Rank r', 'Per matrix r·(d + k)', `All ${p.matrices} matrices`, 'Share of full update'],
        rows: ranks.map((r) => [String(r), formatNumber(loraParameters(p.d, p.k, r)), formatCount(loraParameters(p.d, p.k, r) * p.matrices), formatPercent(loraParameters(p.d, p.k, r) / full)]),
      },
    };
  },
};
