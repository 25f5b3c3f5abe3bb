import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { figure, zeroMemory } from './zero-memory.js';

describe('ZeRO memory figure', () => {
  it("reproduces the ZeRO paper's 7.5B parameters on 64 GPUs: 120 GB, 31.4 GB, 16.6 GB, 1.9 GB", () => {
    const totals = zeroMemory(7.5e9, 64).map((s) => s.total);
    assert.deepEqual(totals, [120e9, 31.40625e9, 16.640625e9, 1.875e9]);
    const view = figure.view({ kind: 'zero-memory', parameters: 7.5e9, gpus: 64, optimizerBytes: 12, caption: 'c', source: { title: 't', url: 'https://arxiv.org/abs/1910.02054' } }, 'f');
    assert.deepEqual(view.table.rows.map((r) => r.at(-1)), ['120 GB', '31.4 GB', '16.6 GB', '1.9 GB']);
    assert.equal(view.readout, '7.5B parameters on 64 GPUs: 120 GB → 31.4 GB → 16.6 GB → 1.9 GB per GPU.');
  });

  it('counts 16 bytes per parameter without sharding, whatever the number of GPUs', () => {
    assert.equal(zeroMemory(1e9, 1)[0]!.total, 16e9);
    assert.equal(zeroMemory(1e9, 1024)[0]!.total, 16e9);
  });

  it('shards nothing on one GPU', () => {
    const totals = zeroMemory(1e9, 1).map((s) => s.total);
    assert.deepEqual(totals, [16e9, 16e9, 16e9, 16e9]);
  });
});
