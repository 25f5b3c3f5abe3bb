import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { figure } from './bars.js';

const source = { title: 't', url: 'https://arxiv.org/abs/2407.21783' };
const mixture = {
  kind: 'bars' as const,
  unit: '% of tokens',
  layout: 'stacked' as const,
  bars: [
    { label: 'General knowledge', value: 50 },
    { label: 'Math and reasoning', value: 25 },
    { label: 'Code', value: 17 },
    { label: 'Multilingual', value: 8 },
  ],
  caption: 'c',
  source,
};

const widths = (svg: string): number[] => [...svg.matchAll(/class="fig-f\d fig-bar fig-seg" x="[\d.]+" y="[\d.]+" width="([\d.]+)"/g)].map((m) => Number(m[1]));

describe('bars figure', () => {
  it('cuts one bar into shares proportional to the values', () => {
    const w = widths(figure.view(mixture, 'f').svg);
    assert.equal(w.length, 4);
    assert.ok(Math.abs(w[0]! / w[1]! - 2) < 0.01);
    assert.ok(Math.abs(w[2]! / w[3]! - 17 / 8) < 0.01);
  });

  it('labels every bar with its value, in the picture and the table', () => {
    const view = figure.view({ ...mixture, layout: 'bars' }, 'f');
    assert.match(view.svg, />Code</);
    assert.match(view.svg, />17 % of tokens</);
    assert.deepEqual(view.table.rows[2], ['Code', '17']);
    assert.equal(view.summary, 'Bar chart: General knowledge 50 % of tokens, Math and reasoning 25 % of tokens, Code 17 % of tokens, Multilingual 8 % of tokens.');
  });
});
