/**
 * Every figure kind by its name, for the build (pages and social cards). The browser loads one
 * kind's module directly (assets/figures/<kind>.js), never this list. Adding a kind: see types.ts.
 *
 * @example figureView(episode.figure, 'figure') // { svg, summary, table, readout }
 */
import type { Figure, FigureKind } from '../../series/figures.js';
import { figure as bars } from './bars.js';
import { figure as computeOptimal } from './compute-optimal.js';
import { figure as dataParallel } from './data-parallel.js';
import { figure as decision } from './decision.js';
import { figure as taskVectors } from './task-vectors.js';
import { figure as tensorParallel } from './tensor-parallel.js';
import { figure as loraParams } from './lora-params.js';
import { figure as lrSchedule } from './lr-schedule.js';
import { figure as pipelineBubble } from './pipeline-bubble.js';
import { figure as trainingCompute } from './training-compute.js';
import { figure as zeroMemory } from './zero-memory.js';
import type { Control, FigureModule, FigureView } from './types.js';

type ModuleFor<K extends FigureKind> = FigureModule<Extract<Figure, { kind: K }>>;

export const FIGURES: { [K in FigureKind]: ModuleFor<K> } = {
  'compute-optimal': computeOptimal,
  'lr-schedule': lrSchedule,
  'zero-memory': zeroMemory,
  'pipeline-bubble': pipelineBubble,
  'lora-params': loraParams,
  'training-compute': trainingCompute,
  bars,
  'data-parallel': dataParallel,
  'tensor-parallel': tensorParallel,
  decision,
  'task-vectors': taskVectors,
};

function moduleOf(figure: Figure): FigureModule<Figure> {
  return FIGURES[figure.kind] as FigureModule<Figure>;
}

export function figureView(figure: Figure, id: string): FigureView {
  return moduleOf(figure).view(figure, id);
}

export function figureControls(figure: Figure): Control[] {
  return moduleOf(figure).controls(figure);
}
