/**
 * Megatron-LM's tensor parallelism for a transformer MLP (Shoeybi et al., 2019): the first
 * weight matrix A is split by columns, so each GPU applies GeLU to its own slice; the second, B,
 * by rows, so the partial outputs are summed by one all-reduce. Drawn for t GPUs, with the total
 * GPU count when t-way tensor parallelism is combined with d-way data parallelism.
 *
 * @example totalGpus(8, 64) // 512, the paper's 8.3B-parameter run
 */
import type { TensorParallelFigure } from '../../series/figures.js';
import { PLOT, rect, svgDocument, text, WIDTH } from './svg.js';
import type { FigureModule } from './types.js';

export function totalGpus(tensorParallel: number, dataParallel: number): number {
  return tensorParallel * dataParallel;
}

/** All-reduces per transformer layer: one after the MLP and one after attention, in each direction. */
export const ALL_REDUCES_PER_LAYER = { forward: 2, backward: 2 } as const;

export const figure: FigureModule<TensorParallelFigure> = {
  title: () => 'Tensor parallelism: an MLP split across GPUs by columns, then by rows',
  controls: (p) => [
    { type: 'range', name: 'tensorParallel', label: 'Tensor-parallel GPUs', min: 0, max: 3, step: 1, scale: 'log2', value: p.tensorParallel, valueText: `${p.tensorParallel}-way tensor parallel` },
    { type: 'range', name: 'dataParallel', label: 'Data-parallel copies', min: 0, max: 8, step: 1, scale: 'log2', value: p.dataParallel, valueText: `${p.dataParallel}-way data parallel` },
  ],
  view(p, id) {
    const t = p.tensorParallel;
    const top = PLOT.top + 24;
    const height = 150;
    const aX = 90;
    const aW = 140;
    const bX = 300;
    const bW = 100;
    const parts: string[] = [
      text(30, top + height / 2 + 4, 'X', 'middle', 'fig-strong'),
      text(60, top + height / 2 + 4, '×', 'middle', 'fig-text'),
      text(aX + aW / 2, top - 8, `A, split by columns`, 'middle', 'fig-text'),
      text(bX + bW / 2, top - 8, `B, split by rows`, 'middle', 'fig-text'),
      text((aX + aW + bX) / 2, top + height / 2 - 4, 'GeLU', 'middle', 'fig-text'),
      text((aX + aW + bX) / 2, top + height / 2 + 12, 'per GPU', 'middle', 'fig-tick'),
    ];
    for (let i = 0; i < t; i++) {
      const cls = `fig-f${1 + (i % 6)} fig-bar`;
      const w = aW / t;
      parts.push(rect(aX + i * w, top, w - 1, height, cls));
      const h = height / t;
      parts.push(rect(bX, top + i * h, bW, h - 1, cls));
      if (t <= 8) {
        parts.push(text(aX + i * w + w / 2, top + height + 16, `${i + 1}`, 'middle', 'fig-tick'));
        parts.push(text(bX + bW + 12, top + i * h + h / 2 + 4, `GPU ${i + 1}`, 'start', 'fig-tick'));
      }
    }
    const gpus = totalGpus(t, p.dataParallel);
    parts.push(
      text(WIDTH - 16, top + height / 2 - 4, 'all-reduce', 'end', 'fig-strong'),
      text(WIDTH - 16, top + height / 2 + 14, '→ Z', 'end', 'fig-strong'),
      text(aX, top + height + 34, 'Slice i of A and of B live on GPU i', 'start', 'fig-tick'),
      text(20, top + height + 58, `${t}-way tensor × ${p.dataParallel}-way data parallel = ${gpus} GPUs`, 'start', 'fig-strong'),
      text(20, top + height + 76, `${ALL_REDUCES_PER_LAYER.forward} all-reduces per layer forward, ${ALL_REDUCES_PER_LAYER.backward} backward`, 'start', 'fig-text'),
    );
    const summary =
      `An MLP block split over ${t} GPUs: the first matrix A by columns, so each GPU applies GeLU to its own slice, the second matrix B by rows, ` +
      `and one all-reduce sums the partial outputs. With ${p.dataParallel}-way data parallelism that is ${gpus} GPUs.`;
    return {
      svg: svgDocument({ id, title: this.title(p), desc: summary, body: parts.join('') }),
      summary,
      readout: `${t}-way tensor × ${p.dataParallel}-way data parallel = ${gpus} GPUs.`,
      table: {
        head: ['GPU', 'Holds of A', 'Holds of B'],
        rows: Array.from({ length: t }, (_, i) => [`GPU ${i + 1}`, `columns ${i + 1} of ${t}`, `rows ${i + 1} of ${t}`]),
      },
    };
  },
};
