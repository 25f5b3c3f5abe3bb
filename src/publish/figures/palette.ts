/**
 * Figure colours: the Okabe–Ito set, which readers with any common colour-vision deficiency can
 * tell apart, in a darker variant for light pages and a lighter one for dark pages. Series also
 * differ by dash and marker shape and are labelled, so colour is never the only cue.
 *
 * `figureCss()` is appended to the site's stylesheet, and `cardCss()` goes inside the SVG the
 * social card is rendered from: one list of colours for both.
 *
 * @example figureCss().includes('--fig-1') === true
 */

export const SERIES_COLOURS = {
  light: ['#0072b2', '#c44e00', '#007a5a', '#a9488a', '#8a6d00', '#3a7ca8'],
  dark: ['#56b4e9', '#f0a35e', '#3ccfa2', '#e79ccb', '#f0e442', '#9ecae1'],
} as const;

/** Text and rules follow the page's own tokens, so they always meet its contrast. */
const RULES = `.fig-svg{display:block;width:100%;height:auto;font-family:var(--sans)}
.fig-text,.fig-tick,.fig-label{fill:var(--text)}
.fig-tick{fill:var(--muted);font-size:12px}
.fig-label{font-size:13px}
.fig-strong{fill:var(--text);font-weight:700}
.fig-grid{stroke:var(--line);stroke-width:1}
.fig-axis{stroke:var(--muted);stroke-width:1}
.fig-line{fill:none;stroke-width:2.5;stroke-linejoin:round}
.fig-dash2{stroke-dasharray:8 5}.fig-dash3{stroke-dasharray:2 4}.fig-dash4{stroke-dasharray:10 4 2 4}
.fig-mark{stroke:var(--surface);stroke-width:1.5}
.fig-cursor{stroke:var(--text);stroke-width:1;stroke-dasharray:3 3}
.fig-box{fill:var(--surface);stroke:var(--muted);stroke-width:1}
.fig-em{stroke-width:3.5}.fig-faint{opacity:.8}.fig-soft{fill-opacity:.22}
.fig-on-bar{fill:var(--surface);font-size:11px;font-weight:600}
.fig-idle{fill:var(--track)}`;

function seriesRules(colours: readonly string[]): string {
  return colours.map((c, i) => `--fig-${i + 1}:${c};`).join('');
}

function classRules(): string {
  return SERIES_COLOURS.light
    .map((_, i) => `.fig-s${i + 1}{stroke:var(--fig-${i + 1})}.fig-f${i + 1}{fill:var(--fig-${i + 1})}`)
    .join('\n');
}

/** The figure part of site.css: colour tokens for both themes and the classes figures use. */
export function figureCss(): string {
  return [
    `:root{${seriesRules(SERIES_COLOURS.light)}}`,
    `@media (prefers-color-scheme: dark){:root{${seriesRules(SERIES_COLOURS.dark)}}}`,
    RULES,
    classRules(),
  ].join('\n');
}

/** Light-theme values of the page tokens figures use, for the social card (no page around it there). */
export const CARD_TOKENS = {
  '--bg': '#f7f4ee',
  '--surface': '#fffdf9',
  '--text': '#1d1a16',
  '--muted': '#5b554c',
  '--line': '#ddd6c9',
  '--track': '#ddd6c9',
  '--sans': 'Inter',
} as const;

/** The same rules with every token resolved: the card's renderer knows no custom properties. */
export function cardCss(): string {
  const tokens: Record<string, string> = { ...CARD_TOKENS };
  SERIES_COLOURS.light.forEach((c, i) => (tokens[`--fig-${i + 1}`] = c));
  return [RULES, classRules()]
    .join('\n')
    .replace(/var\((--[a-z0-9-]+)\)/g, (_, name: string) => tokens[name] ?? '#000');
}
