import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeOptimal, figure, trainingFlops } from './compute-optimal.js';

const chinchilla = { name: 'Chinchilla', parameters: 70e9, tokens: 1.4e12 };
const gopher = { name: 'Gopher', parameters: 280e9, tokens: 300e9 };
const params = {
  kind: 'compute-optimal' as const,
  budget: trainingFlops(70e9, 1.4e12),
  tokensPerParameter: 20,
  models: [gopher, chinchilla],
  caption: 'c',
  source: { title: 't', url: 'https://arxiv.org/abs/2203.15556' },
};

describe('compute-optimal figure', () => {
  it("gives Chinchilla's own size for Chinchilla's compute: 70B parameters, 1.4T tokens", () => {
    const c = trainingFlops(70e9, 1.4e12);
    assert.ok(Math.abs(c - 5.88e23) / 5.88e23 < 1e-12);
    const { parameters, tokens } = computeOptimal(c, 20);
    assert.ok(Math.abs(parameters - 70e9) < 1);
    assert.ok(Math.abs(tokens - 1.4e12) < 20);
  });

  it('doubles parameters and tokens when compute grows fourfold', () => {
    const a = computeOptimal(1e22, 20);
    const b = computeOptimal(4e22, 20);
    assert.ok(Math.abs(b.parameters / a.parameters - 2) < 1e-12);
    assert.ok(Math.abs(b.tokens / a.tokens - 2) < 1e-12);
  });

  it('says Gopher would be optimal at about a quarter of its size for its compute', () => {
    const view = figure.view(params, 'f');
    const row = view.table.rows.find((r) => r[0] === 'Gopher');
    assert.deepEqual(row, ['Gopher', '280B', '300B', '5 × 10²³', '1.07', '64.8B']);
  });

  it('reads out the chosen budget and marks both models in the picture', () => {
    const view = figure.view(params, 'f');
    assert.equal(view.readout, 'At 5.9 × 10²³ FLOPs: about 70B parameters trained on 1.4T tokens.');
    assert.match(view.svg, /Gopher: 280B parameters, 300B tokens/);
    assert.match(view.svg, /Chinchilla 70B/);
    assert.match(view.svg, /role="img" aria-labelledby="f-title f-desc"/);
  });

  it('redraws when the budget moves', () => {
    const other = figure.view({ ...params, budget: 1e21 }, 'f');
    assert.notEqual(other.svg, figure.view(params, 'f').svg);
    assert.match(other.readout ?? '', /^At 10²¹ FLOPs: about 2\.89B parameters trained on 57\.7B tokens\.$/);
  });
});
