import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allowsCors,
  cacheControlFor,
  contentTypeFor,
  DOCUMENT_HEADERS,
  IMMUTABLE,
  isCompressible,
  isContentHashed,
  isDocument,
  REVALIDATE,
  SECURITY_HEADERS,
} from './policy.js';

describe('contentTypeFor', () => {
  it('names the types a built series contains', () => {
    const expected: Record<string, string> = {
      '/s/feed.xml': 'application/rss+xml; charset=utf-8',
      '/s/ep/index.html': 'text/html; charset=utf-8',
      '/s/transcripts/01-a.vtt': 'text/vtt; charset=utf-8',
      '/s/transcripts/01-a.json': 'application/json',
      '/s/episodes.json': 'application/json',
      '/s/chapters.json': 'application/json+chapters',
      '/s/audio/01-a-0123abcd.mp3': 'audio/mpeg',
      '/s/artwork/cover-0123abcd-600.png': 'image/png',
      '/assets/favicon.svg': 'image/svg+xml',
      '/assets/site.css': 'text/css; charset=utf-8',
      '/assets/player.js': 'text/javascript; charset=utf-8',
      '/other.xml': 'application/xml; charset=utf-8',
    };
    for (const [path, type] of Object.entries(expected)) assert.equal(contentTypeFor(path), type, path);
  });

  it('ignores the case of the extension and falls back to octet-stream', () => {
    assert.equal(contentTypeFor('/A.MP3'), 'audio/mpeg');
    assert.equal(contentTypeFor('/README'), 'application/octet-stream');
  });
});

describe('isCompressible', () => {
  it('compresses text formats and leaves audio and raster images alone', () => {
    for (const path of ['/a.html', '/feed.xml', '/a.vtt', '/a.json', '/a.css', '/a.js', '/a.svg']) {
      assert.equal(isCompressible(contentTypeFor(path)), true, path);
    }
    for (const path of ['/a.mp3', '/a.png', '/a.jpg', '/a.bin']) {
      assert.equal(isCompressible(contentTypeFor(path)), false, path);
    }
  });
});

describe('cache policy', () => {
  it('marks content-hashed audio and artwork immutable', () => {
    assert.equal(isContentHashed('/s/audio/01-intro-9f3c2b1d.mp3'), true);
    assert.equal(isContentHashed('/s/artwork/cover-9f3c2b1d00aa-3000.png'), true);
    assert.equal(cacheControlFor('/s/audio/01-intro-9f3c2b1d.mp3'), IMMUTABLE);
  });

  it('revalidates pages, feeds, transcripts and unhashed names', () => {
    for (const path of ['/s/ep/index.html', '/s/feed.xml', '/s/transcripts/01-deadbeef.vtt', '/s/audio/01-intro.mp3', '/s/a-1234567.mp3', '/s/a-nothexxx.mp3']) {
      assert.equal(cacheControlFor(path), REVALIDATE, path);
    }
  });
});

describe('allowsCors', () => {
  it('opens feed, transcripts, JSON and audio to other origins, not pages', () => {
    const check = (path: string): boolean => allowsCors(path, contentTypeFor(path));
    assert.equal(check('/s/feed.xml'), true);
    assert.equal(check('/s/transcripts/01-a.vtt'), true);
    assert.equal(check('/s/transcripts/01-a.json'), true);
    assert.equal(check('/s/episodes.json'), true);
    assert.equal(check('/s/audio/01-a-0123abcd.mp3'), true);
    assert.equal(check('/s/ep/index.html'), false);
    assert.equal(check('/assets/player.js'), false);
  });
});

describe('SECURITY_HEADERS', () => {
  it('allows same-origin scripts only and no framing', () => {
    const csp = SECURITY_HEADERS['Content-Security-Policy'] ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /object-src 'none'/);
    assert.equal(SECURITY_HEADERS['X-Content-Type-Options'], 'nosniff');
  });
});

describe('document headers', () => {
  it('are meant for pages and SVG, not audio, feeds or JSON', () => {
    assert.equal(isDocument(contentTypeFor('/s/ep/index.html')), true);
    assert.equal(isDocument(contentTypeFor('/assets/icon.svg')), true);
    for (const path of ['/a.mp3', '/s/feed.xml', '/a.json', '/a.vtt', '/a.js']) assert.equal(isDocument(contentTypeFor(path)), false, path);
    assert.equal(DOCUMENT_HEADERS['X-Frame-Options'], 'DENY');
  });
});
