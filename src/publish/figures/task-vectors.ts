/**
 * Model merging with task vectors, as a schematic in two dimensions: fine-tunes A and B of one
 * base, their task vectors τ = θ_fine-tuned − θ_base, and the merge θ_base + λ(τA + τB). The one
 * number from the sources is DARE's (Yu et al., 2023): drop a share p of each task vector's
 * entries and multiply the rest by 1/(1 − p), which keeps the expected update the same.
 *
 * @example dareRescale(0.9) // 10
 */
import type { TaskVectorsFigure } from '../../series/figures.js';
import { formatNumber, formatPercent } from './format.js';
import { marker, svgDocument, text } from './svg.js';
import type { FigureModule } from './types.js';

export function dareRescale(dropRate: number): number {
  return 1 / (1 - dropRate);
}

/** The merged point: base + scale × (τA + τB). */
export function merge(base: readonly [number, number], tasks: ReadonlyArray<readonly [number, number]>, scale: number): [number, number] {
  const sum = tasks.reduce<[number, number]>((acc, t) => [acc[0] + t[0], acc[1] + t[1]], [0, 0]);
  return [base[0] + scale * sum[0], base[1] + scale * sum[1]];
}

// Schematic positions (not data): the base low left, the two fine-tunes apart.
const BASE: [number, number] = [130, 240];
const TAU_A: [number, number] = [150, -30];
const TAU_B: [number, number] = [30, -120];

function arrow(from: readonly [number, number], to: readonly [number, number], series: number, dashed = false): string {
  const [dx, dy] = [to[0] - from[0], to[1] - from[1]];
  const length = Math.hypot(dx, dy) || 1;
  const [ux, uy] = [dx / length, dy / length];
  const head = `M${to[0]} ${to[1]}L${to[0] - 10 * ux + 5 * uy} ${to[1] - 10 * uy - 5 * ux}L${to[0] - 10 * ux - 5 * uy} ${to[1] - 10 * uy + 5 * ux}Z`;
  return `<path class="fig-line fig-s${series}${dashed ? ' fig-dash2' : ''}" d="M${from[0]} ${from[1]}L${to[0]} ${to[1]}"/><path class="fig-mark fig-f${series}" d="${head}"/>`;
}

export const figure: FigureModule<TaskVectorsFigure> = {
  title: () => 'Merging fine-tuned models by adding their task vectors',
  controls: (p) => [
    { type: 'range', name: 'scale', label: 'Scale λ of the summed task vectors', min: 0, max: 1.2, step: 0.05, value: p.scale, valueText: `λ = ${formatNumber(p.scale)}` },
    { type: 'range', name: 'dropRate', label: 'DARE drop rate p', min: 0, max: 0.99, step: 0.01, value: p.dropRate, valueText: `${formatPercent(p.dropRate)} dropped, rest × ${formatNumber(dareRescale(p.dropRate))}` },
  ],
  view(p, id) {
    const a: [number, number] = [BASE[0] + TAU_A[0], BASE[1] + TAU_A[1]];
    const b: [number, number] = [BASE[0] + TAU_B[0], BASE[1] + TAU_B[1]];
    const merged = merge(BASE, [TAU_A, TAU_B], p.scale);
    const body = [
      arrow(BASE, a, 1),
      arrow(BASE, b, 2),
      arrow(BASE, merged, 3, true),
      marker('circle', BASE[0], BASE[1], 4, 6),
      text(BASE[0] - 10, BASE[1] + 20, 'Base model θ', 'middle', 'fig-strong'),
      text(a[0] + 10, a[1] + 4, 'Fine-tune A (τA)', 'start', 'fig-text fig-f1'),
      text(b[0] - 10, b[1] - 2, 'Fine-tune B (τB)', 'end', 'fig-text fig-f2'),
      marker('diamond', merged[0], merged[1], 3, 6),
      text(merged[0] + 10, merged[1] - 8, `Merge: θ + ${formatNumber(p.scale)}(τA + τB)`, 'start', 'fig-strong'),
      text(16, 22, 'Schematic: two dimensions stand for billions of weights.', 'start', 'fig-tick'),
      text(360, 236, `DARE: drop ${formatPercent(p.dropRate)} of each τ,`, 'start', 'fig-text'),
      text(360, 254, `multiply the rest by ${formatNumber(dareRescale(p.dropRate))}`, 'start', 'fig-text'),
    ].join('');
    const summary =
      `Schematic of model merging: from a base model, fine-tunes A and B differ by their task vectors τA and τB; the merge adds ` +
      `${formatNumber(p.scale)} times their sum to the base. DARE first drops ${formatPercent(p.dropRate)} of each task vector's entries and multiplies the rest by ` +
      `1/(1 − p) = ${formatNumber(dareRescale(p.dropRate))}.`;
    const rates = [0, 0.5, 0.9, 0.99, p.dropRate].filter((r, i, all) => all.indexOf(r) === i).sort((x, y) => x - y);
    return {
      svg: svgDocument({ id, title: this.title(p), desc: summary, body }),
      summary,
      readout: `λ = ${formatNumber(p.scale)}; DARE keeps ${formatPercent(1 - p.dropRate)} of each task vector, scaled × ${formatNumber(dareRescale(p.dropRate))}.`,
      table: { head: ['DARE drop rate p', 'Entries kept', 'Rescale 1/(1 − p)'], rows: rates.map((r) => [formatPercent(r), formatPercent(1 - r), formatNumber(dareRescale(r))]) },
    };
  },
};
