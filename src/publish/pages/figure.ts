/**
 * An episode's figure in the page, drawn at build time: the SVG (an image named and described
 * for screen readers), the current result, the numbers as a table, and a caption naming the
 * source. It reads and prints without JavaScript; the controls stay hidden until the figure's
 * script (assets/figure.js) wires them, and then redraw it with the same code.
 *
 * @example renderFigure(episode.figure) // html`<figure class="figure" data-figure="zero-memory" …>`
 */
import type { Figure } from '../../series/figures.js';
import { figureControls, figureView } from '../figures/registry.js';
import { tableHtml } from '../figures/table.js';
import type { Control } from '../figures/types.js';
import { html, raw, type Html } from './html.js';

/** Ids inside the page's one figure. */
export const FIGURE_ID = 'figure';

function controlHtml(c: Control): Html {
  const id = `${FIGURE_ID}-${c.name}`;
  if (c.type === 'select') {
    return html`<div class="figure-control"><label for="${id}">${c.label}</label><select id="${id}" name="${c.name}">${c.options.map(
      (o) => html`<option value="${o.value}"${o.value === c.value ? raw(' selected') : ''}>${o.label}</option>`,
    )}</select></div>`;
  }
  const position = c.scale === 'log' ? Math.log10(c.value) : c.scale === 'log2' ? Math.log2(c.value) : c.value;
  return html`<div class="figure-control"><label for="${id}">${c.label}</label><input type="range" id="${id}" name="${c.name}" min="${c.min}" max="${c.max}" step="${c.step}" value="${Number(position.toFixed(6))}"${c.scale ? html` data-scale="${c.scale}"` : ''} aria-valuetext="${c.valueText}"><output for="${id}" id="${id}-value">${c.valueText}</output></div>`;
}

export function renderFigure(figure: Figure): Html {
  const view = figureView(figure, FIGURE_ID);
  const controls = figureControls(figure);
  return html`<figure class="figure" id="${FIGURE_ID}" data-figure="${figure.kind}" data-params="${JSON.stringify(figure)}">
<div class="figure-chart" data-figure-chart>${raw(view.svg)}</div>
${view.readout ? html`<p class="figure-readout" data-figure-readout aria-live="polite">${view.readout}</p>\n` : ''}${
    controls.length > 0
      ? html`<form class="figure-controls" data-figure-controls aria-label="Figure controls" hidden>${controls.map(controlHtml)}</form>\n`
      : ''
  }<details class="figure-data"><summary>The figure’s numbers</summary><div class="figure-table" data-figure-table>${raw(tableHtml(view.table))}</div></details>
<figcaption>${figure.caption} <span class="figure-source">Source: <a href="${figure.source.url}">${figure.source.title}</a></span></figcaption>
</figure>`;
}

/** Whether the figure has controls, so the page loads its script. */
export function isInteractive(figure: Figure): boolean {
  return figureControls(figure).length > 0;
}
