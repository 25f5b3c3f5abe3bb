import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closest, editDistance } from './suggest.js';

describe('editDistance', () => {
  it('counts inserts, deletes, replacements, and a swap of neighbours as one edit each', () => {
    assert.equal(editDistance('title', 'title'), 0);
    assert.equal(editDistance('titl', 'title'), 1);
    assert.equal(editDistance('tittle', 'title'), 1);
    assert.equal(editDistance('tidle', 'title'), 1);
    assert.equal(editDistance('subtitel', 'subtitle'), 1);
    assert.equal(editDistance('', 'abc'), 3);
  });
});

describe('closest', () => {
  const fields = ['number', 'id', 'title', 'subtitle', 'summary', 'published', 'notes', 'sources'];

  it('suggests the known name a typo is closest to', () => {
    assert.equal(closest('subtitel', fields), 'subtitle');
    assert.equal(closest('Title', fields), 'title');
    assert.equal(closest('source', fields), 'sources');
    assert.equal(closest('publised', fields), 'published');
  });

  it('suggests nothing for a word that is not a typo of any field', () => {
    assert.equal(closest('colour', fields), undefined);
    assert.equal(closest('author', fields), undefined);
    assert.equal(closest('ix', fields), undefined);
  });
});
