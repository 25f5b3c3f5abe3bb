/**
 * The live figure: on pages whose figure has controls, wires them so the figure redraws as the
 * reader moves them. The page already holds the figure drawn at build time; this loads the
 * figure kind's own module (assets/figures/<kind>.js, the same code that drew it) and redraws
 * the picture, the readout, the table and the controls' spoken values from the new parameters.
 *
 * Page contract: `figure[data-figure][data-params]` holding `[data-figure-chart]`,
 * `[data-figure-controls]` (hidden until wired), `[data-figure-table]` and optionally
 * `[data-figure-readout]`; each control's name is the parameter it sets, and `data-scale`
 * ("log" or "log2") says its position is a power of ten or of two.
 */

interface Control {
  name: string;
  valueText: string;
}
interface FigureModule {
  controls(params: Record<string, unknown>): Control[];
  view(params: Record<string, unknown>, id: string): { svg: string; readout?: string; table: { head: string[]; rows: string[][] } };
}
interface TableModule {
  tableHtml(table: { head: string[]; rows: string[][] }): string;
}

/** The parameter a control's position stands for. */
export function controlValue(raw: string, scale: string | undefined, isNumber: boolean): number | string {
  if (!isNumber) return raw;
  const position = Number(raw);
  if (scale === 'log') return Number((10 ** position).toPrecision(4));
  if (scale === 'log2') return Math.round(2 ** position);
  return position;
}

export async function startFigure(doc: Document): Promise<void> {
  const root = doc.querySelector<HTMLElement>('figure[data-figure]');
  const form = root?.querySelector<HTMLFormElement>('[data-figure-controls]');
  const kind = root?.dataset.figure ?? '';
  if (!root || !form || !/^[a-z][a-z0-9-]*$/.test(kind)) return;
  // Paths held in variables: the modules are compiled from src/, outside this program.
  const [kindModule, tableModule] = [`./figures/${kind}.js`, './figures/table.js'];
  const [{ figure }, { tableHtml }] = (await Promise.all([import(kindModule), import(tableModule)])) as [
    { figure: FigureModule },
    TableModule,
  ];
  const params = JSON.parse(root.dataset.params ?? '{}') as Record<string, unknown>;
  const chart = root.querySelector<HTMLElement>('[data-figure-chart]');
  const readout = root.querySelector<HTMLElement>('[data-figure-readout]');
  const table = root.querySelector<HTMLElement>('[data-figure-table]');

  const redraw = (): void => {
    const view = figure.view(params, root.id || 'figure');
    if (chart) chart.innerHTML = view.svg;
    if (readout && view.readout) readout.textContent = view.readout;
    if (table) table.innerHTML = tableHtml(view.table);
    for (const control of figure.controls(params)) {
      const input = form.elements.namedItem(control.name);
      if (input instanceof HTMLInputElement) input.setAttribute('aria-valuetext', control.valueText);
      const output = doc.getElementById(`${root.id}-${control.name}-value`);
      if (output) output.textContent = control.valueText;
    }
  };

  form.addEventListener('input', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)) return;
    params[target.name] = controlValue(target.value, target.dataset.scale, target instanceof HTMLInputElement && target.type === 'range');
    redraw();
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  form.hidden = false;
  root.classList.add('is-live');
}

if (typeof document !== 'undefined') void startFigure(document);
