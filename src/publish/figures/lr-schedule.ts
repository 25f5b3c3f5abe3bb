/**
 * Learning-rate schedules drawn from their definitions: a linear warmup to the peak, then a
 * cosine (SGDR, Loshchilov and Hutter), linear, or warmup-stable-decay (Hägele et al., 2024)
 * descent to a floor given as a share of the peak. The chosen shape is drawn bold, the other two
 * beside it for comparison.
 *
 * @example learningRate({ shape: 'cosine', steps: 500_000, warmupSteps: 2000, peak: 3e-4, floor: 0.1, decayFraction: 0.2 }, 2000) // 3e-4
 */
import type { LrScheduleFigure } from '../../series/figures.js';
import { formatCount, formatNumber, formatPercent } from './format.js';
import { axes, line, linearScale, niceCeil, PLOT, svgDocument, text } from './svg.js';
import type { FigureModule } from './types.js';

type Shape = LrScheduleFigure['shape'];
type Schedule = Pick<LrScheduleFigure, 'shape' | 'steps' | 'warmupSteps' | 'peak' | 'floor' | 'decayFraction'>;

const NAMES: Record<Shape, string> = { cosine: 'Cosine', linear: 'Linear', wsd: 'Warmup-stable-decay' };
const SHAPES: Shape[] = ['cosine', 'linear', 'wsd'];

/** The first step of the cool-down in warmup-stable-decay. */
export function decayStart(s: Schedule): number {
  return Math.max(s.warmupSteps, s.steps * (1 - s.decayFraction));
}

export function learningRate(s: Schedule, step: number): number {
  if (step < s.warmupSteps) return (s.peak * step) / s.warmupSteps;
  const low = s.peak * s.floor;
  const from = s.shape === 'wsd' ? decayStart(s) : s.warmupSteps;
  if (step <= from) return s.peak;
  const t = Math.min(1, (step - from) / (s.steps - from));
  if (s.shape === 'cosine') return low + (s.peak - low) * 0.5 * (1 + Math.cos(Math.PI * t));
  return s.peak - (s.peak - low) * t;
}

export const figure: FigureModule<LrScheduleFigure> = {
  title: () => 'Learning rate over training: warmup, peak and decay to a floor',
  controls: (p) => [
    {
      type: 'select',
      name: 'shape',
      label: 'Decay shape',
      options: SHAPES.map((s) => ({ value: s, label: NAMES[s] })),
      value: p.shape,
      valueText: NAMES[p.shape],
    },
    {
      type: 'range',
      name: 'warmupSteps',
      label: 'Warmup steps',
      min: 0,
      max: Math.round(p.steps / 5),
      step: Math.max(1, Math.round(p.steps / 1000)),
      value: p.warmupSteps,
      valueText: `${formatCount(p.warmupSteps)} steps`,
    },
    { type: 'range', name: 'floor', label: 'Floor (share of peak)', min: 0, max: 0.5, step: 0.01, value: p.floor, valueText: formatPercent(p.floor) },
    {
      type: 'range',
      name: 'decayFraction',
      label: 'Cool-down share (warmup-stable-decay)',
      min: 0.05,
      max: 0.5,
      step: 0.01,
      value: p.decayFraction,
      valueText: formatPercent(p.decayFraction),
    },
  ],
  view(p, id) {
    const x = linearScale([0, p.steps], [PLOT.left, PLOT.right]);
    const y = linearScale([0, niceCeil(p.peak * 1.1)], [PLOT.bottom, PLOT.top], 4);
    const samples = 160;
    const curve = (shape: Shape): [number, number][] => {
      const steps = [...Array.from({ length: samples + 1 }, (_, i) => (p.steps * i) / samples), p.warmupSteps, decayStart(p)].sort((a, b) => a - b);
      return steps.map((s) => [x(s), y(learningRate({ ...p, shape }, s))]);
    };
    const others = SHAPES.filter((s) => s !== p.shape);
    const body = [
      axes(x, y, { xLabel: 'Training step', yLabel: 'Learning rate', xFormat: formatCount, yFormat: (v) => formatNumber(v) }),
      ...others.map((s) => line(curve(s), 2 + others.indexOf(s)).replace('fig-line', 'fig-line fig-faint')),
      line(curve(p.shape), 1).replace('fig-line', 'fig-line fig-em'),
      text(x(p.warmupSteps) + 6, y(p.peak) - 6, `Peak ${formatNumber(p.peak)} after ${formatCount(p.warmupSteps)} warmup steps`, 'start', 'fig-text'),
      `<line class="fig-cursor" x1="${PLOT.left}" x2="${PLOT.right}" y1="${y(p.peak * p.floor)}" y2="${y(p.peak * p.floor)}"/>`,
      text(PLOT.left + 8, y(p.peak * p.floor) - 6, `Floor: ${formatPercent(p.floor)} of peak`, 'start', 'fig-text'),
      text(PLOT.right, PLOT.top + 4, `Bold: ${NAMES[p.shape]}; dashed: ${NAMES[others[0]!]}; dotted: ${NAMES[others[1]!]}`, 'end', 'fig-tick'),
    ].join('');
    const marks = [0, p.warmupSteps, p.steps / 4, p.steps / 2, (3 * p.steps) / 4, decayStart(p), p.steps];
    const unique = [...new Set(marks.map((m) => Math.round(m)))].sort((a, b) => a - b);
    const mid = learningRate(p, Math.round(p.steps / 2));
    const summary =
      `Line chart of the learning rate over ${formatCount(p.steps)} steps: a linear warmup to ${formatNumber(p.peak)} over ` +
      `${formatCount(p.warmupSteps)} steps, then ${NAMES[p.shape].toLowerCase()} decay to ${formatPercent(p.floor)} of the peak ` +
      `(${formatNumber(p.peak * p.floor)}), drawn beside the other two shapes.`;
    return {
      svg: svgDocument({ id, title: this.title(p), desc: summary, body }),
      summary,
      readout: `${NAMES[p.shape]}: ${formatNumber(mid)} halfway through, ${formatNumber(learningRate(p, p.steps))} at the end.`,
      table: {
        head: ['Step', ...SHAPES.map((s) => NAMES[s])],
        rows: unique.map((s) => [formatCount(s), ...SHAPES.map((shape) => formatNumber(learningRate({ ...p, shape }, s)))]),
      },
    };
  },
};
