/**
 * Stable identifiers for feeds and episodes.
 *
 * `podcastGuid` follows the Podcasting 2.0 `<podcast:guid>` rule: a UUIDv5 in the namespace
 * ead4c236-bf58-58c6-a2c6-a6b28d128cb6 of the feed URL without its scheme and trailing slashes,
 * so `https://example.com/show/feed.xml` and `http://example.com/show/feed.xml/` name one show.
 *
 * UUIDv5 is SHA-1 plus two bit fields, so node:crypto covers it without a dependency.
 *
 * @example podcastGuid('https://podnews.net/rss') // '9b024349-ccf0-5f69-a609-6b82873eab3c'
 */
import { createHash } from 'node:crypto';

export const PODCAST_GUID_NAMESPACE = 'ead4c236-bf58-58c6-a2c6-a6b28d128cb6';

/** RFC 4122 / RFC 9562 name-based UUID, version 5 (SHA-1). */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16 || !/^[0-9a-f-]{36}$/i.test(namespace)) {
    throw new Error(`not a UUID: ${namespace}`);
  }
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The feed URL as the podcast:guid rule hashes it: no scheme, no trailing slashes. */
export function normaliseFeedUrl(feedUrl: string): string {
  return feedUrl
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/\/+$/, '');
}

export function podcastGuid(feedUrl: string): string {
  return uuidV5(normaliseFeedUrl(feedUrl), PODCAST_GUID_NAMESPACE);
}

/**
 * The `<guid>` of an episode. Built from the series slug and episode id only, so it survives new
 * audio, new titles and a new base URL: podcast apps treat a changed guid as a new episode.
 */
export function episodeGuid(slug: string, episodeId: string): string {
  return `ninety:${slug}:${episodeId}`;
}
