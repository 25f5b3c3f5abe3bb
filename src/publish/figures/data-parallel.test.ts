import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { drawnGpus, figure, globalBatch } from './data-parallel.js';

const params = { kind: 'data-parallel' as const, gpus: 8, perGpuBatch: 32, caption: 'c', source: { title: 't', url: 'https://arxiv.org/abs/2006.15704' } };

describe('data-parallel figure', () => {
  it("reproduces the episode's worked example: 8 GPUs × 32 examples = a global batch of 256", () => {
    assert.equal(globalBatch(8, 32), 256);
    assert.equal(figure.view(params, 'f').readout, '8 GPUs × 32 examples = a global batch of 256.');
  });

  it('draws one model copy per GPU, and stands in for the middle ones beyond eight', () => {
    assert.equal((figure.view(params, 'f').svg.match(/>GPU \d+</g) ?? []).length, 8);
    assert.deepEqual(drawnGpus(64), [1, 2, 3, 4, 5, 6, '…', 64]);
    assert.equal((figure.view({ ...params, gpus: 64 }, 'f').svg.match(/>GPU \d+</g) ?? []).length, 7);
  });
});
