/**
 * The pipeline bubble of GPipe (Huang et al., 2018): K stages on K GPUs and M micro-batches, all
 * forward passes and then all backward passes, leave each GPU idle for (K − 1)/(M + K − 1) of
 * the step. The schedule is drawn slot by slot, so the bubble is the grey triangle you can see.
 *
 * @example bubbleFraction(4, 16) // 3 / 19 ≈ 0.158
 */
import type { PipelineBubbleFigure } from '../../series/figures.js';
import { formatPercent } from './format.js';
import { HEIGHT, PLOT, rect, svgDocument, text } from './svg.js';
import type { FigureModule } from './types.js';

export function bubbleFraction(stages: number, microBatches: number): number {
  return (stages - 1) / (microBatches + stages - 1);
}

export interface Slot {
  stage: number;
  time: number;
  pass: 'F' | 'B';
  microBatch: number;
}

/** GPipe's schedule: forward of micro-batch i on stage s at time s + i, backward in reverse stage order after all forwards. */
export function gpipeSchedule(stages: number, microBatches: number): { slots: Slot[]; length: number } {
  const forwardEnd = microBatches + stages - 1;
  const slots: Slot[] = [];
  for (let s = 0; s < stages; s++) {
    for (let i = 0; i < microBatches; i++) {
      slots.push({ stage: s, time: s + i, pass: 'F', microBatch: i });
      slots.push({ stage: s, time: forwardEnd + (stages - 1 - s) + i, pass: 'B', microBatch: i });
    }
  }
  return { slots, length: 2 * forwardEnd };
}

export const figure: FigureModule<PipelineBubbleFigure> = {
  title: () => 'A GPipe schedule and its idle bubble',
  controls: (p) => [
    { type: 'range', name: 'stages', label: 'Pipeline stages (GPUs)', min: 1, max: 16, step: 1, value: p.stages, valueText: `${p.stages} stages` },
    { type: 'range', name: 'microBatches', label: 'Micro-batches', min: 1, max: 64, step: 1, value: p.microBatches, valueText: `${p.microBatches} micro-batches` },
  ],
  view(p, id) {
    const { slots, length } = gpipeSchedule(p.stages, p.microBatches);
    const left = PLOT.left;
    const width = PLOT.right - left;
    const rowHeight = Math.min(28, (PLOT.bottom - PLOT.top - 10) / p.stages);
    const cell = width / length;
    const showText = cell >= 16 && rowHeight >= 14;
    const rows = Array.from({ length: p.stages }, (_, s) => {
      const y = PLOT.top + s * rowHeight;
      return rect(left, y + 1, width, rowHeight - 2, 'fig-idle') + text(left - 8, y + rowHeight / 2 + 4, `GPU ${s + 1}`, 'end', 'fig-tick');
    });
    const cells = slots.map((slot) => {
      const x = left + slot.time * cell;
      const y = PLOT.top + slot.stage * rowHeight;
      const box = rect(x + 0.5, y + 1, cell - 1, rowHeight - 2, `fig-f${slot.pass === 'F' ? 1 : 2} fig-bar`);
      return showText ? box + text(x + cell / 2, y + rowHeight / 2 + 4, `${slot.pass}${slot.microBatch + 1}`, 'middle', 'fig-on-bar') : box;
    });
    const bubble = bubbleFraction(p.stages, p.microBatches);
    const below = PLOT.top + p.stages * rowHeight + 20;
    const body = [
      ...rows,
      ...cells,
      text(left, below, 'Forward (F)', 'start', 'fig-text fig-f1'),
      text(left + 110, below, 'Backward (B)', 'start', 'fig-text fig-f2'),
      text(left + 230, below, 'Grey: idle (the bubble)', 'start', 'fig-text'),
      text(left, Math.min(HEIGHT - 12, below + 22), `Time → · bubble = (K − 1)/(M + K − 1) = ${p.stages - 1}/${p.microBatches + p.stages - 1} = ${formatPercent(bubble)}`, 'start', 'fig-strong'),
    ].join('');
    const summary =
      `Schedule of ${p.stages} pipeline stages and ${p.microBatches} micro-batches: every GPU runs all forward passes, then all backward passes, ` +
      `and waits for the others at the start and the end, idle ${formatPercent(bubble)} of the time.`;
    const ms = [1, 2, 4, 8, 16, 32, 64];
    if (!ms.includes(p.microBatches)) ms.push(p.microBatches);
    return {
      svg: svgDocument({ id, title: this.title(p), desc: summary, body }),
      summary,
      readout: `${p.stages} stages, ${p.microBatches} micro-batches: idle ${p.stages - 1}/${p.microBatches + p.stages - 1} = ${formatPercent(bubble)} of the time.`,
      table: {
        head: ['Micro-batches M', `Bubble with K = ${p.stages} stages`],
        rows: ms.sort((a, b) => a - b).map((m) => [String(m), formatPercent(bubbleFraction(p.stages, m))]),
      },
    };
  },
};
