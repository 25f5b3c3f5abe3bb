/**
 * Chinchilla's rule as a chart (Hoffmann et al., 2022): for a compute budget C ≈ 6·N·D FLOPs and
 * about 20 tokens per parameter (D ≈ 20·N), the compute-optimal model has N = √(C / 120)
 * parameters and D = 20·N tokens. Real models are marked at their real sizes, so Gopher shows
 * up far too big for its data and Chinchilla on the line.
 *
 * @example computeOptimal(5.88e23, 20) // { parameters: 7e10, tokens: 1.4e12 }
 */
import type { ComputeOptimalFigure } from '../../series/figures.js';
import { formatCount, formatPower } from './format.js';
import { axes, line, logScale, marker, PLOT, svgDocument, text, type Shape } from './svg.js';
import type { FigureModule } from './types.js';

/** Kaplan et al. and Hoffmann et al.: about 6 FLOPs per parameter per token (2 forward, 4 backward). */
export const FLOPS_PER_PARAMETER_TOKEN = 6;

export function computeOptimal(budget: number, tokensPerParameter: number): { parameters: number; tokens: number } {
  const parameters = Math.sqrt(budget / (FLOPS_PER_PARAMETER_TOKEN * tokensPerParameter));
  return { parameters, tokens: tokensPerParameter * parameters };
}

export function trainingFlops(parameters: number, tokens: number): number {
  return FLOPS_PER_PARAMETER_TOKEN * parameters * tokens;
}

const BUDGETS: [number, number] = [1e19, 1e26];
const COUNTS: [number, number] = [1e8, 1e14];
const SHAPES: Shape[] = ['diamond', 'triangle', 'square', 'circle'];

/** A line's name beside it, `offset` px below (positive) or above (negative) the point at compute `c`. */
function labelOn(x: (v: number) => number, y: (v: number) => number, c: number, value: number, offset: number, label: string, series: number): string {
  return text(x(c), y(Math.min(Math.max(value, COUNTS[0]), COUNTS[1])) + offset, label, 'middle', `fig-text fig-f${series}`);
}

export const figure: FigureModule<ComputeOptimalFigure> = {
  title: () => 'Compute-optimal parameters and tokens for a compute budget',
  controls: (p) => [
    {
      type: 'range',
      name: 'budget',
      label: 'Compute budget (FLOPs)',
      min: Math.log10(BUDGETS[0]),
      max: Math.log10(BUDGETS[1]),
      step: 0.05,
      scale: 'log',
      value: p.budget,
      valueText: `${formatPower(p.budget)} FLOPs`,
    },
    {
      type: 'range',
      name: 'tokensPerParameter',
      label: 'Tokens per parameter',
      min: 1,
      max: 100,
      step: 1,
      value: p.tokensPerParameter,
      valueText: `${p.tokensPerParameter} tokens per parameter`,
    },
  ],
  view(p, id) {
    const x = logScale(BUDGETS, [PLOT.left, PLOT.right]);
    const y = logScale(COUNTS, [PLOT.bottom, PLOT.top]);
    const clampY = (v: number): number => Math.min(Math.max(v, COUNTS[0]), COUNTS[1]);
    const steps = 24;
    const optimal = Array.from({ length: steps + 1 }, (_, i) => {
      const c = BUDGETS[0] * (BUDGETS[1] / BUDGETS[0]) ** (i / steps);
      return { c, ...computeOptimal(c, p.tokensPerParameter) };
    });
    const at = computeOptimal(p.budget, p.tokensPerParameter);
    const body = [
      axes(x, y, {
        xLabel: 'Training compute (FLOPs), C ≈ 6·N·D',
        yLabel: 'Parameters N, tokens D',
        xFormat: formatPower,
        yFormat: formatCount,
      }),
      line(optimal.map((o) => [x(o.c), y(clampY(o.parameters))]), 1),
      line(optimal.map((o) => [x(o.c), y(clampY(o.tokens))]), 2),
      labelOn(x, y, 1e25, computeOptimal(1e25, p.tokensPerParameter).parameters, 22, 'Optimal parameters N', 1),
      labelOn(x, y, 1e20, computeOptimal(1e20, p.tokensPerParameter).tokens, -12, 'Optimal tokens D', 2),
      `<line class="fig-cursor" x1="${x(p.budget)}" x2="${x(p.budget)}" y1="${PLOT.top}" y2="${PLOT.bottom}"/>`,
      marker('circle', x(p.budget), y(clampY(at.parameters)), 1, 6),
      marker('square', x(p.budget), y(clampY(at.tokens)), 2, 6),
      ...p.models.map((m, i) => {
        const c = trainingFlops(m.parameters, m.tokens);
        const shape = SHAPES[i % SHAPES.length]!;
        const [yN, yD] = [y(m.parameters), y(m.tokens)];
        const cls = `fig-text fig-f${3 + i}`;
        // Parameters and tokens close together (Gopher: 280B and 300B) share one label.
        const labels =
          Math.abs(yN - yD) < 18
            ? text(x(c) - 10, (yN + yD) / 2 + 4, `${m.name}: ${formatCount(m.parameters)} parameters, ${formatCount(m.tokens)} tokens`, 'end', cls)
            : text(x(c) - 10, yN + 4, `${m.name} ${formatCount(m.parameters)}`, 'end', cls) + text(x(c) + 10, yD + 4, `${formatCount(m.tokens)} tokens`, 'start', cls);
        return [
          marker(shape, x(c), yN, 3 + i),
          marker(shape, x(c), yD, 3 + i),
          labels,
        ].join('');
      }),
    ].join('');
    const readout = `At ${formatPower(p.budget)} FLOPs: about ${formatCount(at.parameters)} parameters trained on ${formatCount(at.tokens)} tokens.`;
    const models = p.models.map((m) => `${m.name} (${formatCount(m.parameters)} parameters, ${formatCount(m.tokens)} tokens, ${formatPower(trainingFlops(m.parameters, m.tokens))} FLOPs)`);
    const summary =
      `Log–log chart of compute against model size: the compute-optimal parameters and tokens both grow as the square root of compute, ` +
      `with ${p.tokensPerParameter} tokens per parameter. ${readout}` +
      (models.length ? ` Marked: ${models.join('; ')}.` : '');
    return {
      svg: svgDocument({ id, title: this.title(p), desc: summary, body }),
      summary,
      readout,
      table: {
        head: ['', 'Parameters', 'Tokens', 'Compute (6·N·D)', 'Tokens per parameter', 'Optimal parameters at that compute'],
        rows: [
          ['Chosen budget', formatCount(at.parameters), formatCount(at.tokens), formatPower(p.budget), String(p.tokensPerParameter), formatCount(at.parameters)],
          ...p.models.map((m) => {
            const c = trainingFlops(m.parameters, m.tokens);
            return [m.name, formatCount(m.parameters), formatCount(m.tokens), formatPower(c), formatCount(m.tokens / m.parameters), formatCount(computeOptimal(c, p.tokensPerParameter).parameters)];
          }),
        ],
      },
    };
  },
};
