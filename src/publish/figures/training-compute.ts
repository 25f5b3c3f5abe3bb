/**
 * Training compute as a calculator (Kaplan et al., 2020): C ≈ 6·N·D FLOPs (2 per parameter per
 * token forward, 4 backward), and the time it takes when each GPU sustains a share of its peak
 * (model FLOPs utilisation): GPU-hours = C / (peak · utilisation · 3600). The chart shows days of
 * training against the number of GPUs.
 *
 * @example trainingCost({ parameters: 405e9, tokens: 15.6e12, peakFlops: 989e12, utilisation: 0.4 }).flops // 3.79e25
 */
import type { TrainingComputeFigure } from '../../series/figures.js';
import { formatCount, formatNumber, formatPercent, formatPower } from './format.js';
import { axes, line, logScale, marker, PLOT, svgDocument, text } from './svg.js';
import type { FigureModule } from './types.js';

type Run = Pick<TrainingComputeFigure, 'parameters' | 'tokens' | 'peakFlops' | 'utilisation'>;

export function trainingCost(run: Run): { flops: number; gpuHours: number } {
  const flops = 6 * run.parameters * run.tokens;
  return { flops, gpuHours: flops / (run.peakFlops * run.utilisation * 3600) };
}

/** Wall-clock days on `gpus` GPUs, assuming the utilisation holds at that scale. */
export function trainingDays(run: Run, gpus: number): number {
  return trainingCost(run).gpuHours / gpus / 24;
}

function duration(days: number): string {
  if (days >= 365) return `${formatNumber(days / 365, 2)} years`;
  if (days >= 1) return `${formatNumber(days, 2)} days`;
  return `${formatNumber(days * 24, 2)} hours`;
}

const GPUS: [number, number] = [1, 131072];

export const figure: FigureModule<TrainingComputeFigure> = {
  title: () => 'Training compute, GPU-hours and days of training',
  controls: (p) => [
    { type: 'range', name: 'parameters', label: 'Parameters', min: 8, max: 12.5, step: 0.025, scale: 'log', value: p.parameters, valueText: `${formatCount(p.parameters)} parameters` },
    { type: 'range', name: 'tokens', label: 'Training tokens', min: 9, max: 14, step: 0.025, scale: 'log', value: p.tokens, valueText: `${formatCount(p.tokens)} tokens` },
    { type: 'range', name: 'utilisation', label: 'Utilisation of peak', min: 0.1, max: 0.8, step: 0.01, value: p.utilisation, valueText: formatPercent(p.utilisation) },
    { type: 'range', name: 'gpus', label: 'GPUs', min: 0, max: 17, step: 1, scale: 'log2', value: p.gpus, valueText: `${p.gpus.toLocaleString('en-US')} GPUs` },
  ],
  view(p, id) {
    const { flops, gpuHours } = trainingCost(p);
    const x = logScale(GPUS, [PLOT.left, PLOT.right]);
    const dayRange: [number, number] = [0.01, 1e7];
    const y = logScale(dayRange, [PLOT.bottom, PLOT.top]);
    const clamp = (d: number): number => Math.min(Math.max(d, dayRange[0]), dayRange[1]);
    const points = Array.from({ length: 18 }, (_, i) => 2 ** i).map((g) => [x(g), y(clamp(trainingDays(p, g)))] as [number, number]);
    const days = trainingDays(p, p.gpus);
    const body = [
      axes(x, y, { xLabel: `${p.gpu} GPUs at ${formatPercent(p.utilisation)} of peak`, yLabel: 'Days of training', xFormat: formatCount, yFormat: (v) => formatCount(v) }),
      line(points, 1),
      marker('circle', x(p.gpus), y(clamp(days)), 2, 6),
      // Below the falling line, so the label never sits on it.
      text(x(p.gpus) + (p.gpus > 2048 ? -10 : 10), y(clamp(days)) + 24, `${p.gpus.toLocaleString('en-US')} GPUs: ${duration(days)}`, p.gpus > 2048 ? 'end' : 'start', 'fig-strong'),
      text(PLOT.right, PLOT.top + 12, `C = 6 × ${formatCount(p.parameters)} × ${formatCount(p.tokens)} = ${formatPower(flops)} FLOPs`, 'end', 'fig-text'),
      text(PLOT.right, PLOT.top + 30, `${formatCount(gpuHours)} GPU-hours`, 'end', 'fig-text'),
      text(x(1) + 8, y(clamp(trainingDays(p, 1))) + 26, `One GPU: ${duration(trainingDays(p, 1))}`, 'start', 'fig-text'),
    ].join('');
    const summary =
      `${formatCount(p.parameters)} parameters trained on ${formatCount(p.tokens)} tokens take 6·N·D = ${formatPower(flops)} FLOPs: ` +
      `${formatCount(gpuHours)} GPU-hours at ${formatPercent(p.utilisation)} of a ${p.gpu}'s peak, ${duration(days)} on ${p.gpus.toLocaleString('en-US')} GPUs ` +
      `and ${duration(trainingDays(p, 1))} on one. The chart is a log–log line of days against GPUs.`;
    const counts = [1, 8, 1024, 16384, p.gpus].filter((g, i, all) => all.indexOf(g) === i).sort((a, b) => a - b);
    return {
      svg: svgDocument({ id, title: this.title(p), desc: summary, body }),
      summary,
      readout: `${formatPower(flops)} FLOPs, ${formatCount(gpuHours)} GPU-hours: ${duration(days)} on ${p.gpus.toLocaleString('en-US')} GPUs.`,
      table: {
        head: ['GPUs', 'Days of training', 'GPU-hours'],
        rows: counts.map((g) => [g.toLocaleString('en-US'), formatNumber(trainingDays(p, g)), formatCount(gpuHours)]),
      },
    };
  },
};
