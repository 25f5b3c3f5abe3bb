import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseEncoding } from './encoding.js';

describe('chooseEncoding', () => {
  it('prefers Brotli when the client takes both', () => {
    assert.equal(chooseEncoding('gzip, deflate, br'), 'br');
  });

  it('uses gzip when Brotli is not offered or refused with q=0', () => {
    assert.equal(chooseEncoding('gzip, deflate'), 'gzip');
    assert.equal(chooseEncoding('br;q=0, gzip'), 'gzip');
  });

  it('follows a higher q-value for gzip', () => {
    assert.equal(chooseEncoding('br;q=0.5, gzip;q=1'), 'gzip');
  });

  it('reads * as every coding not named', () => {
    assert.equal(chooseEncoding('*'), 'br');
    assert.equal(chooseEncoding('br;q=0, *'), 'gzip');
  });

  it('sends no coding when none is acceptable', () => {
    assert.equal(chooseEncoding(undefined), null);
    assert.equal(chooseEncoding(''), null);
    assert.equal(chooseEncoding('identity'), null);
    assert.equal(chooseEncoding('deflate'), null);
    assert.equal(chooseEncoding('br;q=0, gzip;q=0'), null);
  });

  it('treats a malformed or out-of-range q-value as refusal', () => {
    assert.equal(chooseEncoding('br;q=abc, gzip'), 'gzip');
    assert.equal(chooseEncoding('br;q, gzip'), 'gzip');
    assert.equal(chooseEncoding('gzip;q=2, br;q=0.5'), 'br');
    assert.equal(chooseEncoding('br;q=-1, gzip;q=0.1'), 'gzip');
    assert.equal(chooseEncoding('br;q=-1'), null);
  });

  it('accepts q=1 itself, with spaces and in capitals', () => {
    assert.equal(chooseEncoding('gzip;q=1, br;q=0.9'), 'gzip');
    assert.equal(chooseEncoding('br; Q = 0.5 , gzip'), 'gzip');
  });

  it('reads only the q parameter', () => {
    assert.equal(chooseEncoding('br;level=5, gzip'), 'br');
  });

  it('knows gzip by its old name x-gzip', () => {
    assert.equal(chooseEncoding('x-gzip'), 'gzip');
  });
});
