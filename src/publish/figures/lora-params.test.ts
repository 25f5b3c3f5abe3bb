import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { figure, loraParameters } from './lora-params.js';

// GPT-3 175B: d_model = 12,288, 96 layers, LoRA on W_q and W_v at rank 4 (the LoRA paper, section 7.1).
const gpt3 = { kind: 'lora-params' as const, d: 12288, k: 12288, rank: 4, matrices: 192, caption: 'c', source: { title: 't', url: 'https://arxiv.org/abs/2106.09685' } };

describe('LoRA parameters figure', () => {
  it("reproduces the paper's GPT-3 budget of about 18M: rank 4 on two matrix types, or rank 8 on one, in all 96 layers", () => {
    assert.equal(loraParameters(12288, 12288, 4) * 2 * 96, 18_874_368);
    assert.equal(loraParameters(12288, 12288, 8) * 1 * 96, 18_874_368);
    // "roughly 35MB if stored in FP16": two bytes each, in MiB.
    assert.equal(Math.round((18_874_368 * 2) / 2 ** 20), 36);
    const rows = figure.view(gpt3, 'f').table.rows;
    assert.deepEqual(rows.find((r) => r[0] === '4')?.[2], '18.9M');
  });

  it('counts r·(d + k) against d·k for a non-square matrix', () => {
    assert.equal(loraParameters(4096, 11008, 16), 16 * 15104);
  });

  it('reads out the share of the full update', () => {
    assert.equal(figure.view(gpt3, 'f').readout, 'Rank 4: 18.9M trainable parameters instead of 29B (0.0651%).');
  });
});
