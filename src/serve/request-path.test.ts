import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodePath, MAX_TARGET_LENGTH, parseRequestPath } from './request-path.js';

describe('parseRequestPath', () => {
  it('splits a plain path into segments', () => {
    assert.deepEqual(parseRequestPath('/s/audio/01-a-0123abcd.mp3'), {
      ok: true,
      segments: ['s', 'audio', '01-a-0123abcd.mp3'],
      trailingSlash: false,
      query: '',
    });
  });

  it('notes a trailing slash and keeps the query apart', () => {
    assert.deepEqual(parseRequestPath('/s/ep/?t=1:23#x'), { ok: true, segments: ['s', 'ep'], trailingSlash: true, query: '?t=1:23' });
  });

  it('reads the root as no segments', () => {
    assert.deepEqual(parseRequestPath('/'), { ok: true, segments: [], trailingSlash: true, query: '' });
  });

  it('decodes percent-encoded characters', () => {
    assert.deepEqual(parseRequestPath('/caf%C3%A9/a%20b.html'), { ok: true, segments: ['café', 'a b.html'], trailingSlash: false, query: '' });
  });

  it('takes the path from an absolute-form target', () => {
    const parsed = parseRequestPath('http://localhost:4321/s/feed.xml?x=1');
    assert.deepEqual(parsed, { ok: true, segments: ['s', 'feed.xml'], trailingSlash: false, query: '?x=1' });
  });

  it('refuses .. and . segments in every encoding', () => {
    for (const target of ['/../etc/passwd', '/s/../../x', '/%2e%2e/etc/passwd', '/%2E%2E/x', '/.%2e/x', '/%2e./x', '/a/./b', '/s/..', 'http://h/../x']) {
      assert.deepEqual(parseRequestPath(target), { ok: false, status: 400 }, target);
    }
  });

  it('refuses encoded slashes, backslashes and double encoding', () => {
    for (const target of ['/..%2f..%2fetc%2fpasswd', '/a%2Fb', '/..%5c..%5cwin.ini', '/..\\..\\etc', '/%252e%252e/etc/passwd', '/a%25b']) {
      assert.deepEqual(parseRequestPath(target), { ok: false, status: 400 }, target);
    }
  });

  it('refuses NUL and other control characters', () => {
    for (const target of ['/index.html%00.mp3', '/%00', '/a%0d%0aSet-Cookie:x', '/a%7f']) {
      assert.deepEqual(parseRequestPath(target), { ok: false, status: 400 }, target);
    }
  });

  it('refuses malformed percent-encoding', () => {
    for (const target of ['/%zz', '/%E0%A4%A', '/%', '/%C3']) {
      assert.deepEqual(parseRequestPath(target), { ok: false, status: 400 }, target);
    }
  });

  it('answers dotfiles as not found, encoded or not', () => {
    for (const target of ['/.git/config', '/s/.env', '/%2egit/config', '/.well-known/x']) {
      assert.deepEqual(parseRequestPath(target), { ok: false, status: 404 }, target);
    }
  });

  it('refuses targets that are not origin-form paths', () => {
    for (const target of ['', '*', 'index.html', '?x']) {
      assert.deepEqual(parseRequestPath(target), { ok: false, status: 400 }, target);
    }
  });

  it('refuses over-long targets with 414, and takes one of exactly the longest length', () => {
    assert.deepEqual(parseRequestPath('/' + 'a'.repeat(MAX_TARGET_LENGTH)), { ok: false, status: 414 });
    assert.equal(parseRequestPath('/' + 'a'.repeat(MAX_TARGET_LENGTH - 1)).ok, true);
  });

  it('reads a scheme and host only at the start, and an absolute target with no path as /', () => {
    assert.deepEqual(parseRequestPath('http://example.com'), { ok: true, segments: [], trailingSlash: true, query: '' });
    assert.deepEqual(parseRequestPath('/s/http://x/y'), { ok: true, segments: ['s', 'http:', 'x', 'y'], trailingSlash: false, query: '' });
  });

  it('ends the path at whichever of ? and # comes first, and keeps no fragment', () => {
    assert.deepEqual(parseRequestPath('/a#x?y'), { ok: true, segments: ['a'], trailingSlash: false, query: '' });
    assert.deepEqual(parseRequestPath('/a#x'), { ok: true, segments: ['a'], trailingSlash: false, query: '' });
    assert.deepEqual(parseRequestPath('/a?t=1#x'), { ok: true, segments: ['a'], trailingSlash: false, query: '?t=1' });
  });

  it('collapses repeated slashes rather than reading them as an absolute path', () => {
    assert.deepEqual(parseRequestPath('//etc//passwd'), { ok: true, segments: ['etc', 'passwd'], trailingSlash: false, query: '' });
  });
});

describe('encodePath', () => {
  it('re-encodes segments so a Location cannot start with two slashes', () => {
    assert.equal(encodePath(['evil.example'], true), '/evil.example/');
    assert.equal(encodePath(['a b', 'café'], true), '/a%20b/caf%C3%A9/');
    assert.equal(encodePath([], true), '/');
  });
});
