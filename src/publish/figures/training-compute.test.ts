import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPower } from './format.js';
import { figure, trainingCost, trainingDays } from './training-compute.js';

// Llama 3 405B: 15.6T tokens, 3.8 × 10^25 FLOPs in the paper; H100 peak 989 TFLOP/s (BF16, dense), about 40% utilisation.
const llama3 = { parameters: 405e9, tokens: 15.6e12, peakFlops: 989e12, utilisation: 0.4 };

describe('training compute figure', () => {
  it("reproduces the Llama 3 paper's 3.8 × 10^25 FLOPs for 405B parameters and 15.6T tokens", () => {
    const { flops } = trainingCost(llama3);
    assert.equal(flops, 6 * 405e9 * 15.6e12);
    assert.equal(formatPower(flops), '3.8 × 10²⁵');
  });

  it('turns FLOPs into GPU-hours at the sustained rate', () => {
    const { flops, gpuHours } = trainingCost(llama3);
    assert.ok(Math.abs(gpuHours - flops / (989e12 * 0.4 * 3600)) < 1e-6);
    assert.ok(gpuHours > 26e6 && gpuHours < 27e6);
  });

  it('takes about 3,000 years on one GPU sustaining 400 TFLOP/s, as the why-distributed episode says', () => {
    const years = trainingDays({ ...llama3, peakFlops: 400e12, utilisation: 1 }, 1) / 365;
    assert.ok(years > 2950 && years < 3050, `${years}`);
  });

  it('halves the days when the GPUs double', () => {
    assert.ok(Math.abs(trainingDays(llama3, 2048) / trainingDays(llama3, 4096) - 2) < 1e-12);
  });

  it('reads out the cost on the chosen number of GPUs', () => {
    const view = figure.view({ kind: 'training-compute', ...llama3, gpu: 'H100', gpus: 16384, caption: 'c', source: { title: 't', url: 'https://arxiv.org/abs/2407.21783' } }, 'f');
    assert.equal(view.readout, '3.8 × 10²⁵ FLOPs, 26.6M GPU-hours: 68 days on 16,384 GPUs.');
  });
});
