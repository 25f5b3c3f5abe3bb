/**
 * What the server says about a file, decided from its path alone: content type, whether it may be
 * compressed, how long it may be cached, whether other origins may read it, and the security
 * headers responses carry.
 *
 * @example
 *   contentTypeFor('/s/feed.xml');              // 'application/rss+xml; charset=utf-8'
 *   cacheControlFor('/s/audio/01-a-9f3c2b1d.mp3'); // 'public, max-age=31536000, immutable'
 */
import { extname, basename } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.xml': 'application/xml; charset=utf-8',
  '.rss': 'application/rss+xml; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
  '.srt': 'application/x-subrip',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.opus': 'audio/ogg; codecs=opus',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.pdf': 'application/pdf',
};

export const DEFAULT_TYPE = 'application/octet-stream';

/** Content type for a file path; the feed and chapters files are recognised by name. */
export function contentTypeFor(path: string): string {
  const name = basename(path).toLowerCase();
  if (name === 'feed.xml') return 'application/rss+xml; charset=utf-8';
  if (name === 'chapters.json' || name.endsWith('.chapters.json')) return 'application/json+chapters';
  return TYPES[extname(name)] ?? DEFAULT_TYPE;
}

/** Text formats gain from compression; audio and raster images are already compressed. */
export function isCompressible(contentType: string): boolean {
  return (
    contentType.startsWith('text/') ||
    contentType.startsWith('application/json') ||
    contentType.startsWith('application/manifest+json') ||
    contentType.startsWith('application/rss+xml') ||
    contentType.startsWith('application/xml') ||
    contentType.startsWith('application/x-subrip') ||
    contentType.startsWith('image/svg+xml')
  );
}

// Only kinds of files the build names by content hash; a transcript called `01-deadbeef.vtt`
// must not become immutable just because its id looks like hex.
const HASHED_EXTENSIONS = new Set(
  ['.mp3', '.m4a', '.opus', '.ogg', '.png', '.jpg', '.jpeg', '.webp', '.avif', '.svg', '.css', '.js', '.woff2'],
);
// `name-<hash>.mp3` or `cover-<hash>-3000.png`: at least 8 hex digits between separators.
const HASH_IN_NAME = /[-.][0-9a-f]{8,}(?:-\d+)?\.[a-z0-9]+$/i;

/** True for files whose name carries a content hash, so their bytes never change. */
export function isContentHashed(path: string): boolean {
  const name = basename(path);
  return HASHED_EXTENSIONS.has(extname(name).toLowerCase()) && HASH_IN_NAME.test(name);
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Pages and feeds change on every build: keep them, but ask again (cheap thanks to the ETag). */
export const REVALIDATE = 'no-cache';

export function cacheControlFor(path: string): string {
  return isContentHashed(path) ? IMMUTABLE : REVALIDATE;
}

/**
 * Feeds, transcripts, JSON and audio are read by players on other origins (web players fetch the
 * transcript, podcast web apps fetch the feed); all of it is public, so `*` is safe. The feed is
 * known by its type: `contentTypeFor` names every `feed.xml` RSS.
 */
export function allowsCors(contentType: string): boolean {
  return (
    contentType.startsWith('application/rss+xml') ||
    contentType.startsWith('application/json') ||
    contentType.startsWith('text/vtt') ||
    contentType.startsWith('application/x-subrip') ||
    contentType.startsWith('audio/')
  );
}

export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  // Without this, a cross-origin fetch() cannot read the range it asked for.
  'Access-Control-Expose-Headers': 'Content-Length, Content-Range, Accept-Ranges, ETag',
};

/**
 * A static site with same-origin scripts, styles and media and no inline script. `data:` images
 * allow small inline icons; `connect-src` falls back to 'self' so the player can fetch transcripts.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; media-src 'self'; style-src 'self'; script-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** On every response, errors included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

/**
 * Headers browsers read only on documents (a page, or an SVG opened on its own). Sent there and
 * nowhere else: on audio or JSON they would do nothing, and every header costs a little on each
 * of the many small range requests a player makes.
 */
export const DOCUMENT_HEADERS: Readonly<Record<string, string>> = {
  // For browsers that predate frame-ancestors.
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

export function isDocument(contentType: string): boolean {
  return contentType.startsWith('text/html') || contentType.startsWith('image/svg+xml');
}
