import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { figure, totalGpus } from './tensor-parallel.js';

const params = { kind: 'tensor-parallel' as const, tensorParallel: 8, dataParallel: 64, caption: 'c', source: { title: 't', url: 'https://arxiv.org/abs/1909.08053' } };

describe('tensor-parallel figure', () => {
  it("reproduces Megatron-LM's 512 GPUs: 8-way tensor × 64-way data parallel", () => {
    assert.equal(totalGpus(8, 64), 512);
    assert.equal(figure.view(params, 'f').readout, '8-way tensor × 64-way data parallel = 512 GPUs.');
  });

  it('gives each GPU one slice of each matrix', () => {
    const view = figure.view({ ...params, tensorParallel: 2 }, 'f');
    assert.deepEqual(view.table.rows, [
      ['GPU 1', 'columns 1 of 2', 'rows 1 of 2'],
      ['GPU 2', 'columns 2 of 2', 'rows 2 of 2'],
    ]);
    assert.equal((view.svg.match(/fig-bar/g) ?? []).length, 4);
  });
});
