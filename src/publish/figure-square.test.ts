import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Figure } from '../series/figures.js';
import { BUBBLE_EPISODE, BUBBLE_FIGURE } from '../testkit/figure.js';
import { paletteFor } from './artwork.js';
import { figureSquareSvg, renderFigureSquare, squarePath } from './figure-square.js';

const figure = BUBBLE_FIGURE;
const series = { slug: 'ai-training', title: 'AI Training' };
const episode = BUBBLE_EPISODE;

describe('square figure artwork', () => {
  it('renders a 1400×1400 RGB PNG, the smallest size Apple takes for episode art', async () => {
    const { png, path } = await renderFigureSquare(figureSquareSvg(series, episode, figure), 'pipeline-parallelism');
    const bytes = Buffer.from(png);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(bytes.toString('ascii', 12, 16), 'IHDR');
    assert.equal(bytes.readUInt32BE(16), 1400);
    assert.equal(bytes.readUInt32BE(20), 1400);
    assert.equal(bytes[24], 8, 'bit depth');
    assert.equal(bytes[25], 2, 'colour type RGB, no alpha');
    assert.match(path, /^artwork\/square-pipeline-parallelism-[0-9a-f]{10}\.png$/);
  });

  it("names the episode, its number and the series, in the cover's colours, with every colour resolved", () => {
    const svg = figureSquareSvg(series, episode, figure);
    assert.match(svg, />EPISODE 12</);
    // The title may break over lines.
    assert.match(svg, />Pipeline(?: |<\/text><text[^>]*>)parallelism</);
    assert.match(svg, />AI Training</);
    assert.ok(svg.includes(`fill="${paletteFor(series.slug).background}"`));
    assert.doesNotMatch(svg, /var\(--/);
  });

  it('cuts a very long series title short rather than run off the edge', () => {
    const svg = figureSquareSvg({ ...series, title: 'A'.repeat(80) }, episode, figure);
    assert.match(svg, />A{47}…</);
  });

  it('gets a new name when the figure or the title changes, and keeps it otherwise', () => {
    const name = (f: Figure, e = episode) => squarePath(figureSquareSvg(series, e, f), 'p');
    assert.equal(name(figure), name(figure));
    assert.notEqual(name(figure), name({ ...figure, microBatches: 8 }));
    assert.notEqual(name(figure), name(figure, { ...episode, title: 'Pipelines' }));
  });
});
