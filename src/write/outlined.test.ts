import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { outlinedEpisodes, reportOutlined } from './outlined.js';

const episode = (title: string) => ({ title, subtitle: 'a subtitle', summary: 'One sentence of summary.' });

describe('outlined episodes', () => {
  it('numbers the whole, valid episodes of a partial answer, stopping at the first invalid one', () => {
    assert.deepEqual(outlinedEpisodes({ title: 'Bread', episodes: [episode(' Flour '), episode('Water')] }), [
      { number: 1, title: 'Flour', subtitle: 'a subtitle', summary: 'One sentence of summary.' },
      { number: 2, title: 'Water', subtitle: 'a subtitle', summary: 'One sentence of summary.' },
    ]);
    // An episode with a member the schema does not allow, or a title too long, is not shown, nor what follows it.
    assert.deepEqual(outlinedEpisodes({ episodes: [episode('Flour'), { ...episode('Salt'), script: '<b>x</b>' }, episode('Yeast')] }).length, 1);
    assert.deepEqual(outlinedEpisodes({ episodes: [episode('x'.repeat(91))] }), []);
    for (const nothing of [undefined, null, 'text', { title: 'Bread' }, { episodes: 'many' }]) assert.deepEqual(outlinedEpisodes(nothing), []);
  });

  it('reports only when the list of whole episodes changes, and again when a retried answer starts over', () => {
    const reports: string[][] = [];
    const onPartial = reportOutlined((episodes) => reports.push(episodes.map((e) => e.title)));
    onPartial({});
    onPartial({ title: 'Bread' });
    onPartial({ title: 'Bread', episodes: [episode('Flour')] });
    onPartial({ title: 'Bread', description: 'About bread.', episodes: [episode('Flour')] });
    onPartial({ title: 'Bread', episodes: [episode('Flour'), episode('Water')] });
    onPartial({});
    onPartial({ episodes: [episode('Rye')] });
    assert.deepEqual(reports, [['Flour'], ['Flour', 'Water'], [], ['Rye']]);
  });
});
