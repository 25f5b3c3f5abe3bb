import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { episodeIds, seriesSlug, slugify } from './slug.js';

describe('slugify', () => {
  it('keeps letters and digits, joined by single hyphens', () => {
    assert.equal(slugify("What's a Token?"), 'whats-a-token');
    assert.equal(slugify('Chinchilla: the 20-to-1 rule'), 'chinchilla-the-20-to-1-rule');
    assert.equal(slugify('Crème brûlée — à la française'), 'creme-brulee-a-la-francaise');
  });

  it('cuts long titles at a word boundary', () => {
    const slug = slugify('a very long title about the many ways to bake bread at home in a small kitchen', 30);
    assert.ok(slug.length <= 30, slug);
    assert.ok(!slug.endsWith('-'));
    assert.equal(slug, 'a-very-long-title-about-the');
  });

  it('never returns an empty name', () => {
    assert.equal(slugify('???'), 'untitled');
  });
});

describe('episodeIds', () => {
  it('makes repeated titles unique and avoids the names the site keeps', () => {
    assert.deepEqual(episodeIds(['Tokens', 'Tokens', 'Audio', 'Tokens']), ['tokens', 'tokens-2', 'audio-episode', 'tokens-3']);
  });
});

describe('seriesSlug', () => {
  it('avoids the folder the site keeps for its assets', () => {
    assert.equal(seriesSlug('Assets'), 'assets-series');
    assert.equal(seriesSlug('Sourdough baking'), 'sourdough-baking');
  });
});
