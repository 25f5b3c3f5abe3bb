import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRange } from './range.js';

describe('parseRange', () => {
  it('reads a bounded range such as the bytes=0-1 probe Apple sends first', () => {
    assert.deepEqual(parseRange('bytes=0-1', 1000), { kind: 'partial', start: 0, end: 1 });
  });

  it('reads an open range up to the last byte', () => {
    assert.deepEqual(parseRange('bytes=100-', 1000), { kind: 'partial', start: 100, end: 999 });
  });

  it('reads a suffix range as the last N bytes', () => {
    assert.deepEqual(parseRange('bytes=-500', 1000), { kind: 'partial', start: 500, end: 999 });
  });

  it('gives the whole file for a suffix longer than the file', () => {
    assert.deepEqual(parseRange('bytes=-5000', 1000), { kind: 'partial', start: 0, end: 999 });
  });

  it('clamps a last position past the end to the last byte', () => {
    assert.deepEqual(parseRange('bytes=990-5000', 1000), { kind: 'partial', start: 990, end: 999 });
  });

  it('accepts the unit in any case and spaces around the list items', () => {
    assert.deepEqual(parseRange('Bytes= 5-9 ', 1000), { kind: 'partial', start: 5, end: 9 });
  });

  it('is unsatisfiable when the range starts at or past the end', () => {
    assert.deepEqual(parseRange('bytes=1000-', 1000), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=5000-6000', 1000), { kind: 'unsatisfiable' });
  });

  it('is unsatisfiable for a zero-length suffix', () => {
    assert.deepEqual(parseRange('bytes=-0', 1000), { kind: 'unsatisfiable' });
  });

  it('treats positions too large for a number as past the end', () => {
    assert.deepEqual(parseRange('bytes=99999999999999999999-', 1000), { kind: 'unsatisfiable' });
    assert.deepEqual(parseRange('bytes=0-99999999999999999999', 1000), { kind: 'partial', start: 0, end: 999 });
  });

  it('ignores headers that do not parse, so the whole file is sent', () => {
    for (const header of ['bytes=abc', 'bytes=5-2', 'bytes=-', 'bytes=', 'bytes=1-2-3', 'bytes 0-1', 'bytes=0x10-', 'bytes=1.5-2', 'bytes=0-1,junk']) {
      assert.deepEqual(parseRange(header, 1000), { kind: 'whole' }, header);
    }
  });

  it('ignores units other than bytes', () => {
    assert.deepEqual(parseRange('items=0-1', 1000), { kind: 'whole' });
  });

  it('answers several satisfiable ranges with the whole file', () => {
    assert.deepEqual(parseRange('bytes=0-1,5-9', 1000), { kind: 'whole' });
  });

  it('sends the one satisfiable range of several', () => {
    assert.deepEqual(parseRange('bytes=0-1, 5000-6000', 1000), { kind: 'partial', start: 0, end: 1 });
  });

  it('is unsatisfiable when no range of several is satisfiable', () => {
    assert.deepEqual(parseRange('bytes=2000-, 3000-4000', 1000), { kind: 'unsatisfiable' });
  });

  it('skips empty list elements', () => {
    assert.deepEqual(parseRange('bytes=,0-1,', 1000), { kind: 'partial', start: 0, end: 1 });
  });

  it('sends the whole file for a list with no range in it', () => {
    assert.deepEqual(parseRange('bytes=', 1000), { kind: 'whole' });
    assert.deepEqual(parseRange('bytes= , ', 1000), { kind: 'whole' });
  });

  it('sends an empty file whole rather than a 416', () => {
    assert.deepEqual(parseRange('bytes=0-1', 0), { kind: 'whole' });
  });

  it('ignores an absent or absurdly long header', () => {
    assert.deepEqual(parseRange(undefined, 1000), { kind: 'whole' });
    assert.deepEqual(parseRange('bytes=' + '0-1,'.repeat(1000), 1000), { kind: 'whole' });
  });

  it('reads a header of up to 1024 characters, no longer', () => {
    const at = 'bytes=0-1' + ','.repeat(1024 - 9);
    assert.deepEqual(parseRange(at, 1000), { kind: 'partial', start: 0, end: 1 });
    assert.deepEqual(parseRange(at + ',', 1000), { kind: 'whole' });
  });
});
