/**
 * What every figure kind module provides, so the page, the social card and the browser treat
 * all kinds alike: controls the reader can move, and a view drawn from the parameters.
 *
 * How to add a figure kind (say `token-budget`):
 * 1. src/series/figures.ts: a zod schema with `kind: z.literal('token-budget')`, its parameters and
 *    `...common` (caption and source); add it to KINDS. A series then validates it, with clear findings.
 * 2. src/publish/figures/token-budget.ts: `export const figure: FigureModule<TokenBudgetFigure>` whose
 *    `view` computes the numbers from the paper's formulas and draws them with svg.ts. Import only
 *    from this folder (and `import type`): the same file runs in the browser.
 * 3. token-budget.test.ts beside it: reproduce the paper's worked example exactly.
 * 4. Register it in registry.ts. The page, the card, the live controls and the CSS follow.
 *
 * @example
 *   const v = figure.view(params);   // { svg, summary, table, readout }
 *   figure.controls(params);         // [{ name: 'budget', label: 'Compute budget', … }]
 */

/** A control the reader moves; its value is a parameter of the figure. */
export type Control =
  | {
      type: 'range';
      /** The parameter it sets. */
      name: string;
      label: string;
      min: number;
      max: number;
      step: number;
      /** The slider moves through powers of ten ('log': its position is log10 of the value) or of two ('log2'). */
      scale?: 'log' | 'log2';
      value: number;
      /** The value as words, for the visible output and the slider's aria-valuetext. */
      valueText: string;
    }
  | {
      type: 'select';
      name: string;
      label: string;
      options: { value: string; label: string }[];
      value: string;
      valueText: string;
    };

/** A table of the figure's numbers: the text alternative a screen reader can browse, and the printout. */
export interface FigureTable {
  head: string[];
  rows: string[][];
}

export interface FigureView {
  /** The picture (see svgDocument). */
  svg: string;
  /** One sentence saying what the picture shows, with its key numbers. */
  summary: string;
  table: FigureTable;
  /** The result of the current settings in one line (calculators), read out politely as it changes. */
  readout?: string;
}

export interface FigureModule<P> {
  /** A short name for the picture (its <title>). */
  title(params: P): string;
  controls(params: P): Control[];
  /** Draws the figure; `id` makes the ids inside the SVG unique on the page. */
  view(params: P, id: string): FigureView;
}
