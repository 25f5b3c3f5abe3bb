import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { figure, loraParameters } from './lora-params.js';

// GPT-3 175B: d_model = 12,288, 96 layers, LoRA on W_q and W_v (the LoRA paper's Table 4).
const gpt3 = { kind: 'lora-params' as const, d: 12288, k: 12288, rank: 8, matrices: 192, caption: 'c', source: { title: 't', url: 'https://arxiv.org/abs/2106.09685' } };

describe('LoRA parameters figure', () => {
  it("reproduces the paper's GPT-3 counts: 4.7M trainable parameters at rank 1 and 37.7M at rank 8", () => {
    assert.equal(loraParameters(12288, 12288, 1) * 192, 4_718_592);
    assert.equal(loraParameters(12288, 12288, 8) * 192, 37_748_736);
    const rows = figure.view(gpt3, 'f').table.rows;
    assert.deepEqual(rows.find((r) => r[0] === '1')?.[2], '4.72M');
    assert.deepEqual(rows.find((r) => r[0] === '8')?.[2], '37.7M');
  });

  it('counts r·(d + k) against d·k for a non-square matrix', () => {
    assert.equal(loraParameters(4096, 11008, 16), 16 * 15104);
  });

  it('reads out the share of the full update', () => {
    assert.equal(figure.view(gpt3, 'f').readout, 'Rank 8: 37.7M trainable parameters instead of 29B (0.13%).');
  });
});
