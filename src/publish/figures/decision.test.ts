import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { figure, wrap } from './decision.js';

const params = {
  kind: 'decision' as const,
  steps: [
    { question: 'Does a prompt do the job?', yes: 'Prompt' },
    { question: 'Is it knowledge?', yes: 'Retrieve' },
  ],
  otherwise: 'Fine-tune',
  caption: 'c',
  source: { title: 't', url: 'https://arxiv.org/abs/2312.05934' },
};

describe('decision figure', () => {
  it('reads the chain in order, each yes with its outcome, then the otherwise', () => {
    const view = figure.view(params, 'f');
    assert.equal(view.summary, '1. Does a prompt do the job? If yes: Prompt. 2. Is it knowledge? If yes: Retrieve. Otherwise: Fine-tune.');
    assert.deepEqual(view.table.rows.at(-1), ['Otherwise', 'Fine-tune']);
    assert.equal((view.svg.match(/>yes</g) ?? []).length, 2);
  });

  it('wraps long text at spaces within the width', () => {
    assert.deepEqual(wrap('one two three four', 9), ['one two', 'three', 'four']);
  });
});
