/**
 * The small SVG renderer every figure kind draws with: scales, axes, lines, bars, markers and
 * labels, as strings. It runs at build time (the static figure in the page and the social card)
 * and in the browser (the live figure), so it imports nothing.
 *
 * Why not a chart library: an episode page must stay within 50 KB transferred before the audio.
 * The well-kept libraries (D3's modules, Chart.js, Vega-Lite) cost 30–250 KB minified, and the
 * static figure has to be drawn at build time without a DOM anyway; these few helpers cost about
 * 2 KB gzip and draw exactly what the figures need. Colours are classes (see palette.ts), never
 * inline styles: the site's Content-Security-Policy forbids those, and classes let dark mode swap them.
 *
 * @example
 *   const x = logScale([1e20, 1e26], [PLOT.left, PLOT.right]);
 *   const y = linearScale([0, 100], [PLOT.bottom, PLOT.top]);
 *   svgDocument({ id: 'fig', title: 'Compute-optimal size', desc: '…', body: axes(x, y, {…}) + line(points, 1) });
 */

/**
 * Every figure is drawn in this box: 560×294 has the 1200×630 proportions of a social card, and
 * is small enough that text stays legible in the page's 27rem column.
 */
export const WIDTH = 560;
export const HEIGHT = 294;
export const PLOT = { left: 70, right: WIDTH - 20, top: 16, bottom: HEIGHT - 50 } as const;

export interface Scale {
  (value: number): number;
  ticks: number[];
  domain: [number, number];
}

export function linearScale(domain: [number, number], range: [number, number], tickCount = 5): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const scale = ((v: number) => r0 + ((v - d0) / span) * (r1 - r0)) as Scale;
  scale.domain = domain;
  scale.ticks = niceTicks(d0, d1, tickCount);
  return scale;
}

/** A base-10 log scale with a tick at each power of ten (every other one when there are many). */
export function logScale(domain: [number, number], range: [number, number]): Scale {
  const [l0, l1] = [Math.log10(domain[0]), Math.log10(domain[1])];
  const [r0, r1] = range;
  const scale = ((v: number) => r0 + ((Math.log10(v) - l0) / (l1 - l0 || 1)) * (r1 - r0)) as Scale;
  scale.domain = domain;
  const first = Math.ceil(l0 - 1e-9);
  const last = Math.floor(l1 + 1e-9);
  const step = last - first > 7 ? 2 : 1;
  scale.ticks = [];
  for (let e = first; e <= last; e += step) scale.ticks.push(10 ** e);
  return scale;
}

/** Round tick values (1, 2 or 5 times a power of ten apart) covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) ticks.push(round(t, 12));
  return ticks;
}

/** The smallest round number (1, 2, 2.5 or 5 times a power of ten) at or above `value`. */
export function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= value * (1 - 1e-12)) ?? 10 * power);
}

export interface AxesOptions {
  xLabel: string;
  yLabel: string;
  xFormat: (v: number) => string;
  yFormat: (v: number) => string;
}

/** Grid lines, tick labels and axis titles for the plot box. */
export function axes(x: Scale, y: Scale, o: AxesOptions): string {
  const parts: string[] = [];
  for (const t of y.ticks) {
    const py = n(y(t));
    parts.push(`<line class="fig-grid" x1="${PLOT.left}" x2="${PLOT.right}" y1="${py}" y2="${py}"/>`);
    parts.push(text(PLOT.left - 8, y(t) + 4, o.yFormat(t), 'end', 'fig-tick'));
  }
  for (const t of x.ticks) {
    parts.push(text(x(t), PLOT.bottom + 18, o.xFormat(t), 'middle', 'fig-tick'));
  }
  parts.push(`<line class="fig-axis" x1="${PLOT.left}" x2="${PLOT.right}" y1="${PLOT.bottom}" y2="${PLOT.bottom}"/>`);
  parts.push(text((PLOT.left + PLOT.right) / 2, HEIGHT - 10, o.xLabel, 'middle', 'fig-label'));
  parts.push(
    `<text class="fig-label" text-anchor="middle" transform="translate(16 ${n((PLOT.top + PLOT.bottom) / 2)}) rotate(-90)">${escapeXml(o.yLabel)}</text>`,
  );
  return parts.join('');
}

/** A data series as a polyline in colour `series` (1–6), dashed for series 2 onwards so colour is never the only cue. */
export function line(points: ReadonlyArray<readonly [number, number]>, series: number): string {
  const d = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${n(x)} ${n(y)}`).join('');
  return `<path class="fig-line fig-s${series}${series > 1 ? ` fig-dash${series}` : ''}" d="${d}"/>`;
}

export type Shape = 'circle' | 'square' | 'triangle' | 'diamond';

/** A point marker; each series has its own shape as well as its own colour. */
export function marker(shape: Shape, x: number, y: number, series: number, size = 5): string {
  const cls = `fig-mark fig-f${series}`;
  switch (shape) {
    case 'circle':
      return `<circle class="${cls}" cx="${n(x)}" cy="${n(y)}" r="${size}"/>`;
    case 'square':
      return `<rect class="${cls}" x="${n(x - size)}" y="${n(y - size)}" width="${2 * size}" height="${2 * size}"/>`;
    case 'triangle':
      return `<path class="${cls}" d="M${n(x)} ${n(y - size * 1.2)}L${n(x + size * 1.1)} ${n(y + size * 0.8)}L${n(x - size * 1.1)} ${n(y + size * 0.8)}Z"/>`;
    case 'diamond':
      return `<path class="${cls}" d="M${n(x)} ${n(y - size * 1.3)}L${n(x + size)} ${n(y)}L${n(x)} ${n(y + size * 1.3)}L${n(x - size)} ${n(y)}Z"/>`;
  }
}

export function rect(x: number, y: number, width: number, height: number, cls: string): string {
  return `<rect class="${cls}" x="${n(x)}" y="${n(y)}" width="${n(Math.max(0, width))}" height="${n(Math.max(0, height))}"/>`;
}

export function text(x: number, y: number, content: string, anchor: 'start' | 'middle' | 'end', cls = 'fig-text'): string {
  return `<text class="${cls}" x="${n(x)}" y="${n(y)}" text-anchor="${anchor}">${escapeXml(content)}</text>`;
}

export interface SvgDocument {
  /** Prefix for the ids of <title> and <desc>, unique on the page. */
  id: string;
  title: string;
  /** The sentence a screen reader reads for the picture; the page adds a data table too. */
  desc: string;
  body: string;
}

/** The figure as an accessible image: role img, named by its title and described by its sentence. */
export function svgDocument(d: SvgDocument): string {
  return (
    `<svg class="fig-svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" ` +
    `aria-labelledby="${d.id}-title ${d.id}-desc" font-size="13">` +
    `<title id="${d.id}-title">${escapeXml(d.title)}</title><desc id="${d.id}-desc">${escapeXml(d.desc)}</desc>` +
    `${d.body}</svg>`
  );
}

const XML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeXml(value: string): string {
  return value.replace(/[&<>"]/g, (c) => XML[c] ?? c);
}

/** Coordinates to two decimals: enough for any screen, and short. */
export function n(value: number): number {
  return round(value, 2);
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
