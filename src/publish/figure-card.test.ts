import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { BUBBLE_EPISODE, BUBBLE_FIGURE } from '../testkit/figure.js';
import { cardPath, figureCardSvg, renderFigureCard } from './figure-card.js';
import { CARD_TOKENS, figureCss, SERIES_COLOURS } from './figures/palette.js';

const figure = BUBBLE_FIGURE;
const series = { title: 'AI Training' };
const episode = BUBBLE_EPISODE;

describe('figure card', () => {
  it('renders a 1200×630 RGB PNG of the figure', async () => {
    const { png, path } = await renderFigureCard(figureCardSvg(series, episode, figure), 'pipeline-parallelism');
    const header = Buffer.from(png);
    assert.equal(header.toString('ascii', 12, 16), 'IHDR');
    assert.equal(header.readUInt32BE(16), 1200);
    assert.equal(header.readUInt32BE(20), 630);
    assert.match(path, /^artwork\/figure-pipeline-parallelism-[0-9a-f]{10}\.png$/);
  });

  it('names the episode and resolves every colour, since the renderer knows no custom properties', () => {
    const svg = figureCardSvg(series, episode, figure);
    assert.match(svg, />Pipeline parallelism<tspan[^>]*>\u00a0· AI Training, episode 12</);
    assert.doesNotMatch(svg, /var\(--/);
    assert.match(svg, new RegExp(`\\.fig-f1\\{fill:${SERIES_COLOURS.light[0]}\\}`));
  });

  it('gets a new name when the figure changes, so the new picture is never served from an old cache', () => {
    const a = cardPath(figureCardSvg(series, episode, figure), 'p');
    const b = cardPath(figureCardSvg(series, episode, { ...figure, microBatches: 8 }), 'p');
    assert.notEqual(a, b);
    assert.equal(a, cardPath(figureCardSvg(series, episode, figure), 'p'));
  });
});

describe('figure palette', () => {
  it("uses the light theme's own page colours on the card", async () => {
    const css = await readFile(new URL('../../web/site.css', import.meta.url), 'utf8');
    const light = css.slice(css.indexOf(':root {'), css.indexOf('@media (prefers-color-scheme: dark)'));
    for (const [name, value] of Object.entries(CARD_TOKENS)) {
      if (name === '--sans') continue;
      assert.match(light, new RegExp(`${name}: ${value};`), name);
    }
  });

  it('gives every series colour a dark-theme value too', () => {
    const css = figureCss();
    SERIES_COLOURS.dark.forEach((c, i) => assert.ok(css.includes(`--fig-${i + 1}:${c};`), c));
    assert.equal(SERIES_COLOURS.dark.length, SERIES_COLOURS.light.length);
  });
});
