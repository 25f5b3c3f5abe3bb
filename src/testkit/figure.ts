/**
 * One figure for the tests of the images made from figures (the link card, the square episode
 * art): GPipe's pipeline bubble, as an AI Training episode declares it.
 */
import type { Figure } from '../series/figures.js';

export const BUBBLE_FIGURE = {
  kind: 'pipeline-bubble',
  stages: 4,
  microBatches: 16,
  caption: 'The bubble.',
  source: { title: 'GPipe', url: 'https://arxiv.org/abs/1811.06965' },
} satisfies Figure;

/** The episode it belongs to, as the images name it. */
export const BUBBLE_EPISODE = { number: 12, title: 'Pipeline parallelism' };
