import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { figure, learningRate } from './lr-schedule.js';

// Llama 2: 2,000 warmup steps, cosine decay to 10% of a 3e-4 peak; 2T tokens in 4M-token batches.
const llama2 = { shape: 'cosine' as const, steps: 500_000, warmupSteps: 2000, peak: 3e-4, floor: 0.1, decayFraction: 0.2 };
const close = (a: number, b: number): void => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

describe('learning-rate schedule figure', () => {
  it("follows Llama 2's recipe: the peak after 2,000 warmup steps and 10% of it at the end", () => {
    close(learningRate(llama2, 0), 0);
    close(learningRate(llama2, 1000), 1.5e-4);
    close(learningRate(llama2, 2000), 3e-4);
    close(learningRate(llama2, 500_000), 3e-5);
  });

  it('is halfway between peak and floor halfway through a cosine decay', () => {
    close(learningRate(llama2, 2000 + 249_000), (3e-4 + 3e-5) / 2);
  });

  it('holds the peak until the last fifth in warmup-stable-decay, then cools down linearly', () => {
    const wsd = { ...llama2, shape: 'wsd' as const };
    close(learningRate(wsd, 399_999), 3e-4);
    close(learningRate(wsd, 450_000), (3e-4 + 3e-5) / 2);
    close(learningRate(wsd, 500_000), 3e-5);
  });

  // Halfway through training (step 250,000) is just before the decay's own midpoint (251,000).
  it('draws the chosen shape bold and lists all three in the table', () => {
    const view = figure.view({ ...llama2, kind: 'lr-schedule', caption: 'c', source: { title: 't', url: 'https://arxiv.org/abs/2307.09288' } }, 'f');
    assert.equal(view.table.head.join('|'), 'Step|Cosine|Linear|Warmup-stable-decay');
    assert.deepEqual(view.table.rows.at(-1), ['500K', '0.00003', '0.00003', '0.00003']);
    assert.equal(view.readout, 'Cosine: 0.000166 halfway through, 0.00003 at the end.');
    assert.equal((view.svg.match(/fig-em/g) ?? []).length, 1);
  });
});
