import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Passage } from './passages.js';
import { rankPassages } from './rank.js';

const passages: Passage[] = [
  { source: 0, index: 0, text: 'GPUs are connected by NVLink inside a node and InfiniBand between nodes.' },
  { source: 0, index: 1, text: 'Chinchilla was trained on 1.4 trillion tokens, about 20 tokens per parameter.' },
  { source: 1, index: 0, text: 'The learning rate warms up, then decays along a cosine schedule.' },
  { source: 1, index: 1, text: 'Gopher has 280 billion parameters and saw 300 billion tokens, far fewer per parameter.' },
];

describe('rankPassages', () => {
  it('puts the passage that matches the query best first', () => {
    const ranked = rankPassages(passages, 'how many tokens per parameter did Chinchilla see', 2);
    assert.deepEqual(ranked.map((p) => [p.source, p.index]), [[0, 1], [1, 1]]);
  });

  it('leaves out passages that share no word with the query, and stop words do not count', () => {
    const ranked = rankPassages(passages, 'what is the cosine schedule', 10);
    assert.deepEqual(ranked.map((p) => p.text), [passages[2]!.text]);
    assert.deepEqual(rankPassages(passages, 'the and of', 10), []);
  });

  it('matches regardless of case and forgives a small typo in a long word', () => {
    assert.equal(rankPassages(passages, 'INFINIBAND', 1)[0], passages[0]);
    assert.equal(rankPassages(passages, 'chinchila', 1)[0], passages[1]);
  });

  it('returns at most limit passages, and none for a limit of zero', () => {
    assert.equal(rankPassages(passages, 'parameters tokens', 1).length, 1);
    assert.deepEqual(rankPassages(passages, 'parameters tokens', 0), []);
    assert.deepEqual(rankPassages([], 'tokens', 3), []);
  });
});
