import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bubbleFraction, figure, gpipeSchedule } from './pipeline-bubble.js';

describe('pipeline bubble figure', () => {
  it('gives 3/19 for 4 stages and 16 micro-batches', () => {
    assert.equal(bubbleFraction(4, 16), 3 / 19);
  });

  it('has no bubble with one stage', () => {
    assert.equal(bubbleFraction(1, 8), 0);
  });

  it("leaves exactly the formula's share of slots idle in the drawn schedule", () => {
    for (const [k, m] of [[4, 16], [3, 2], [8, 32]] as const) {
      const { slots, length } = gpipeSchedule(k, m);
      const idle = 1 - slots.length / (k * length);
      assert.ok(Math.abs(idle - bubbleFraction(k, m)) < 1e-12, `${k}×${m}`);
      // No GPU does two things at once.
      assert.equal(new Set(slots.map((s) => `${s.stage}:${s.time}`)).size, slots.length);
    }
  });

  it('runs a backward pass on a stage only after the next stage has finished it', () => {
    const { slots } = gpipeSchedule(3, 2);
    const at = (stage: number, pass: string, mb: number) => slots.find((s) => s.stage === stage && s.pass === pass && s.microBatch === mb)!.time;
    assert.ok(at(1, 'B', 0) > at(2, 'B', 0));
    assert.ok(at(2, 'B', 0) > at(2, 'F', 1));
  });

  it('reads out the bubble and labels the cells when they are wide enough', () => {
    const view = figure.view({ kind: 'pipeline-bubble', stages: 4, microBatches: 4, caption: 'c', source: { title: 't', url: 'https://arxiv.org/abs/1811.06965' } }, 'f');
    assert.equal(view.readout, '4 stages, 4 micro-batches: idle 3/7 = 42.9% of the time.');
    assert.match(view.svg, />F1</);
    assert.deepEqual(view.table.rows.find((r) => r[0] === '16'), ['16', '15.8%']);
  });
});
