import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dareRescale, figure, merge } from './task-vectors.js';

describe('task-vectors figure', () => {
  it("rescales DARE's kept entries by 10 at a 90% drop rate and by 100 at 99%", () => {
    assert.ok(Math.abs(dareRescale(0.9) - 10) < 1e-12);
    assert.ok(Math.abs(dareRescale(0.99) - 100) < 1e-9);
    assert.equal(dareRescale(0), 1);
  });

  it('adds the scaled sum of the task vectors to the base', () => {
    assert.deepEqual(merge([1, 1], [[2, 0], [0, 4]], 0.5), [2, 3]);
    assert.deepEqual(merge([1, 1], [[2, 0], [0, 4]], 0), [1, 1]);
  });

  it('lists the paper drop rates in its table', () => {
    const view = figure.view({ kind: 'task-vectors', scale: 1, dropRate: 0.9, caption: 'c', source: { title: 't', url: 'https://arxiv.org/abs/2311.03099' } }, 'f');
    assert.deepEqual(view.table.rows.find((r) => r[0] === '99%'), ['99%', '1%', '100']);
    assert.equal(view.readout, 'λ = 1; DARE keeps 10% of each task vector, scaled × 10.');
  });
});
