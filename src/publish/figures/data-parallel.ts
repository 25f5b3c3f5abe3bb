/**
 * Data parallelism drawn: the global batch cut into one shard per GPU, each GPU holding a full
 * copy of the model, and an all-reduce averaging the gradients so every copy takes the same step
 * (PyTorch DDP, Li et al., 2020). The global batch is GPUs × examples per GPU.
 *
 * @example globalBatch(8, 32) // 256
 */
import type { DataParallelFigure } from '../../series/figures.js';
import { formatCount } from './format.js';
import { PLOT, rect, svgDocument, text, WIDTH } from './svg.js';
import type { FigureModule } from './types.js';

export function globalBatch(gpus: number, perGpuBatch: number): number {
  return gpus * perGpuBatch;
}

/** At most eight boxes fit; beyond that the middle ones stand in as "…". */
export function drawnGpus(gpus: number): (number | '…')[] {
  if (gpus <= 8) return Array.from({ length: gpus }, (_, i) => i + 1);
  return [1, 2, 3, 4, 5, 6, '…', gpus];
}

export const figure: FigureModule<DataParallelFigure> = {
  title: () => 'Data parallelism: one model copy per GPU, the batch split among them',
  controls: (p) => [
    { type: 'range', name: 'gpus', label: 'GPUs', min: 0, max: 10, step: 1, scale: 'log2', value: p.gpus, valueText: `${p.gpus} GPUs` },
    { type: 'range', name: 'perGpuBatch', label: 'Examples per GPU', min: 0, max: 9, step: 1, scale: 'log2', value: p.perGpuBatch, valueText: `${p.perGpuBatch} examples per GPU` },
  ],
  view(p, id) {
    const total = globalBatch(p.gpus, p.perGpuBatch);
    const boxes = drawnGpus(p.gpus);
    const left = 20;
    const width = WIDTH - 40;
    const gap = 8;
    const box = (width - gap * (boxes.length - 1)) / boxes.length;
    const parts: string[] = [
      text(left, PLOT.top + 12, `Global batch: ${p.gpus} × ${p.perGpuBatch} = ${formatCount(total)} examples`, 'start', 'fig-strong'),
    ];
    boxes.forEach((gpu, i) => {
      const x = left + i * (box + gap);
      const shard = rect(x, PLOT.top + 22, box, 22, 'fig-f2 fig-bar');
      if (gpu === '…') {
        parts.push(text(x + box / 2, PLOT.top + 110, '…', 'middle', 'fig-strong'));
        return;
      }
      parts.push(
        shard,
        text(x + box / 2, PLOT.top + 37, String(p.perGpuBatch), 'middle', 'fig-on-bar'),
        rect(x, PLOT.top + 60, box, 96, 'fig-box'),
        text(x + box / 2, PLOT.top + 80, `GPU ${gpu}`, 'middle', 'fig-strong'),
        rect(x + 8, PLOT.top + 90, box - 16, 50, 'fig-f1 fig-bar fig-soft'),
        text(x + box / 2, PLOT.top + 112, 'full', 'middle', 'fig-text'),
        text(x + box / 2, PLOT.top + 128, 'model', 'middle', 'fig-text'),
      );
    });
    const ringY = PLOT.top + 186;
    parts.push(
      `<path class="fig-line fig-s3" d="M${left + box / 2} ${PLOT.top + 156}V${ringY}H${left + width - box / 2}V${PLOT.top + 156}"/>`,
      text(WIDTH / 2, ringY + 20, 'All-reduce: every GPU gets the average gradient, then all take the same step', 'middle', 'fig-text fig-f3'),
      text(left, PLOT.top + 56, 'Shard of the batch (examples)', 'start', 'fig-tick'),
    );
    const summary =
      `${p.gpus} GPUs, each with a full copy of the model and ${p.perGpuBatch} examples of the batch, make a global batch of ${formatCount(total)}; ` +
      'an all-reduce averages their gradients so every copy takes the same optimizer step.';
    const batches = [1, 2, 4, 8, 16, 64, 256].filter((g, i, all) => all.indexOf(g) === i);
    if (!batches.includes(p.gpus)) batches.push(p.gpus);
    return {
      svg: svgDocument({ id, title: this.title(p), desc: summary, body: parts.join('') }),
      summary,
      readout: `${p.gpus} GPUs × ${p.perGpuBatch} examples = a global batch of ${formatCount(total)}.`,
      table: {
        head: ['GPUs', 'Examples per GPU', 'Global batch'],
        rows: batches.sort((a, b) => a - b).map((g) => [String(g), String(p.perGpuBatch), String(globalBatch(g, p.perGpuBatch))]),
      },
    };
  },
};
