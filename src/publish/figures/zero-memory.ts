/**
 * ZeRO's memory arithmetic (Rajbhandari et al., 2019, section 5): with mixed-precision Adam each
 * parameter costs 2 bytes of fp16 weights, 2 of fp16 gradients and K = 12 of optimizer state
 * (fp32 weights, momentum, variance). Plain data parallelism keeps all of it on every GPU; the
 * three stages shard the optimizer state, then the gradients, then the weights over Nd GPUs.
 *
 * @example zeroMemory(7.5e9, 64) // [120e9, 31.4e9, 16.6e9, 1.875e9] bytes per GPU (rounded here)
 */
import type { ZeroMemoryFigure } from '../../series/figures.js';
import { formatCount, formatGigabytes } from './format.js';
import { axes, linearScale, niceCeil, PLOT, rect, svgDocument, text } from './svg.js';
import type { FigureModule } from './types.js';

export interface StageMemory {
  name: string;
  /** Bytes per GPU of each part of the model states. */
  weights: number;
  gradients: number;
  optimizer: number;
  total: number;
}

export function zeroMemory(parameters: number, gpus: number, optimizerBytes = 12): StageMemory[] {
  const stage = (name: string, weights: number, gradients: number, optimizer: number): StageMemory => ({
    name,
    weights,
    gradients,
    optimizer,
    total: weights + gradients + optimizer,
  });
  const [w, g, o] = [2 * parameters, 2 * parameters, optimizerBytes * parameters];
  return [
    stage('Data parallel', w, g, o),
    stage('ZeRO-1 (optimizer)', w, g, o / gpus),
    stage('ZeRO-2 (+ gradients)', w, g / gpus, o / gpus),
    stage('ZeRO-3 (+ weights)', w / gpus, g / gpus, o / gpus),
  ];
}

const PARTS = [
  { key: 'weights', label: 'fp16 weights' },
  { key: 'gradients', label: 'fp16 gradients' },
  { key: 'optimizer', label: 'Optimizer state' },
] as const;

export const figure: FigureModule<ZeroMemoryFigure> = {
  title: () => 'Model-state memory per GPU under ZeRO stages 1 to 3',
  controls: (p) => [
    {
      type: 'range',
      name: 'parameters',
      label: 'Parameters',
      min: 8,
      max: 12,
      step: 0.025,
      scale: 'log',
      value: p.parameters,
      valueText: `${formatCount(p.parameters)} parameters`,
    },
    { type: 'range', name: 'gpus', label: 'GPUs', min: 0, max: 12, step: 1, scale: 'log2', value: p.gpus, valueText: `${p.gpus} GPUs` },
  ],
  view(p, id) {
    const stages = zeroMemory(p.parameters, p.gpus, p.optimizerBytes);
    const top = niceCeil(stages[0]!.total * 1.08);
    const band = (PLOT.right - PLOT.left) / stages.length;
    const x = linearScale([0, stages.length], [PLOT.left, PLOT.right]);
    x.ticks = [];
    const y = linearScale([0, top], [PLOT.bottom, PLOT.top], 4);
    const bars = stages.map((s, i) => {
      const left = PLOT.left + i * band + band * 0.2;
      const width = band * 0.6;
      let base = 0;
      const parts = PARTS.map((part, j) => {
        const value = s[part.key];
        const out = rect(left, y(base + value), width, y(base) - y(base + value), `fig-f${j + 1} fig-bar`);
        base += value;
        return out;
      }).join('');
      return (
        parts +
        text(left + width / 2, y(s.total) - 6, formatGigabytes(s.total), 'middle', 'fig-strong') +
        text(left + width / 2, PLOT.bottom + 18, s.name.split(' (')[0]!, 'middle', 'fig-tick') +
        text(left + width / 2, PLOT.bottom + 32, `(${s.name.split(' (')[1] ?? 'nothing sharded)'}`, 'middle', 'fig-tick')
      );
    });
    const legend = PARTS.map(
      (part, j) => rect(PLOT.right - 150, PLOT.top + j * 18, 12, 12, `fig-f${j + 1} fig-bar`) + text(PLOT.right - 132, PLOT.top + j * 18 + 10, part.label, 'start', 'fig-tick'),
    );
    const body = [
      axes(x, y, { xLabel: '', yLabel: 'Memory per GPU', xFormat: () => '', yFormat: formatGigabytes }),
      ...bars,
      ...legend,
    ].join('');
    const summary =
      `Bar chart of model-state memory per GPU for ${formatCount(p.parameters)} parameters on ${p.gpus} GPUs with mixed-precision Adam: ` +
      stages.map((s) => `${s.name} ${formatGigabytes(s.total)}`).join(', ') +
      '.';
    return {
      svg: svgDocument({ id, title: this.title(p), desc: summary, body }),
      summary,
      readout: `${formatCount(p.parameters)} parameters on ${p.gpus} GPUs: ${stages.map((s) => formatGigabytes(s.total)).join(' → ')} per GPU.`,
      table: {
        head: ['Stage', 'fp16 weights', 'fp16 gradients', 'Optimizer state', 'Total per GPU'],
        rows: stages.map((s) => [s.name, formatGigabytes(s.weights), formatGigabytes(s.gradients), formatGigabytes(s.optimizer), formatGigabytes(s.total)]),
      },
    };
  },
};
