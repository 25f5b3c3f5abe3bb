import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allowsCors,
  cacheControlFor,
  contentTypeFor,
  CORS_HEADERS,
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

  it('names every other type a site may hold', () => {
    const expected: Record<string, string> = {
      '/a.htm': 'text/html; charset=utf-8',
      '/a.mjs': 'text/javascript; charset=utf-8',
      '/a.js.map': 'application/json',
      '/site.webmanifest': 'application/manifest+json',
      '/a.rss': 'application/rss+xml; charset=utf-8',
      '/a.srt': 'application/x-subrip',
      '/a.txt': 'text/plain; charset=utf-8',
      '/a.md': 'text/markdown; charset=utf-8',
      '/a.jpg': 'image/jpeg',
      '/a.jpeg': 'image/jpeg',
      '/a.webp': 'image/webp',
      '/a.avif': 'image/avif',
      '/a.gif': 'image/gif',
      '/favicon.ico': 'image/x-icon',
      '/a.m4a': 'audio/mp4',
      '/a.aac': 'audio/aac',
      '/a.opus': 'audio/ogg; codecs=opus',
      '/a.ogg': 'audio/ogg',
      '/a.wav': 'audio/wav',
      '/a.woff2': 'font/woff2',
      '/a.woff': 'font/woff',
      '/a.pdf': 'application/pdf',
      '/s/01-a.chapters.json': 'application/json+chapters',
      '/s/FEED.XML': 'application/rss+xml; charset=utf-8',
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
    for (const path of ['/a.mp3', '/a.png', '/a.jpg', '/a.bin', '/a.woff2', '/a.pdf']) {
      assert.equal(isCompressible(contentTypeFor(path)), false, path);
    }
  });

  it('knows each compressible type with or without parameters', () => {
    for (const type of [
      'text/plain',
      'application/json+chapters',
      'application/manifest+json; charset=utf-8',
      'application/rss+xml; charset=utf-8',
      'application/xml; charset=utf-8',
      'application/x-subrip; charset=utf-8',
      'image/svg+xml; charset=utf-8',
    ]) {
      assert.equal(isCompressible(type), true, type);
    }
  });
});

describe('cache policy', () => {
  it('marks content-hashed audio and artwork immutable', () => {
    assert.equal(isContentHashed('/s/audio/01-intro-9f3c2b1d.mp3'), true);
    assert.equal(isContentHashed('/s/artwork/cover-9f3c2b1d00aa-3000.png'), true);
    assert.equal(cacheControlFor('/s/audio/01-intro-9f3c2b1d.mp3'), IMMUTABLE);
  });

  it('knows a hash in the name of every kind of file the build names by content', () => {
    for (const ext of ['mp3', 'm4a', 'opus', 'ogg', 'png', 'jpg', 'jpeg', 'webp', 'avif', 'svg', 'css', 'js', 'woff2', 'MP3']) {
      assert.equal(isContentHashed(`/s/a-0123abcd.${ext}`), true, ext);
    }
    assert.equal(isContentHashed('/assets/site.0123abcd.css'), true);
  });

  it('needs the hash right before the extension, and a kind of file the build hashes', () => {
    assert.equal(isContentHashed('/s/audio/01-0123abcd.draft-notes.mp3'), false);
    assert.equal(isContentHashed('/s/a-0123abcd.html'), false);
    assert.equal(isContentHashed('/s/a-0123abcd.json'), false);
  });

  it('names the two policies exactly', () => {
    assert.equal(IMMUTABLE, 'public, max-age=31536000, immutable');
    assert.equal(REVALIDATE, 'no-cache');
  });

  it('revalidates pages, feeds, transcripts and unhashed names', () => {
    for (const path of ['/s/ep/index.html', '/s/feed.xml', '/s/transcripts/01-deadbeef.vtt', '/s/audio/01-intro.mp3', '/s/a-1234567.mp3', '/s/a-nothexxx.mp3']) {
      assert.equal(cacheControlFor(path), REVALIDATE, path);
    }
  });
});

describe('allowsCors', () => {
  it('opens feed, transcripts, JSON and audio to other origins, not pages', () => {
    const check = (path: string): boolean => allowsCors(contentTypeFor(path));
    assert.equal(check('/s/feed.xml'), true);
    assert.equal(check('/s/transcripts/01-a.vtt'), true);
    assert.equal(check('/s/transcripts/01-a.json'), true);
    assert.equal(check('/s/episodes.json'), true);
    assert.equal(check('/s/audio/01-a-0123abcd.mp3'), true);
    assert.equal(check('/s/ep/index.html'), false);
    assert.equal(check('/assets/player.js'), false);
    assert.equal(check('/s/01-a.chapters.json'), true);
    assert.equal(check('/s/01-a.srt'), true);
    assert.equal(check('/s/01-a.opus'), true);
    for (const path of ['/a.png', '/a.svg', '/a.css', '/other.xml', '/a.bin']) assert.equal(check(path), false, path);
  });

  it('knows each type it opens with or without parameters', () => {
    for (const type of ['application/rss+xml', 'application/json; charset=utf-8', 'application/x-subrip; charset=utf-8']) {
      assert.equal(allowsCors(type), true, type);
    }
  });

  it('lets a cross-origin player read the range and validators it gets back', () => {
    assert.deepEqual(CORS_HEADERS, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Accept-Ranges, ETag',
    });
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

  it('are exactly these three, the policy word for word', () => {
    assert.deepEqual(SECURITY_HEADERS, {
      'Content-Security-Policy':
        "default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; script-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    });
  });
});

describe('document headers', () => {
  it('are meant for pages and SVG, not audio, feeds or JSON', () => {
    assert.equal(isDocument(contentTypeFor('/s/ep/index.html')), true);
    assert.equal(isDocument(contentTypeFor('/assets/icon.svg')), true);
    for (const path of ['/a.mp3', '/s/feed.xml', '/a.json', '/a.vtt', '/a.js']) assert.equal(isDocument(contentTypeFor(path)), false, path);
    assert.equal(isDocument('image/svg+xml; charset=utf-8'), true);
    assert.deepEqual(DOCUMENT_HEADERS, {
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    });
  });
});
