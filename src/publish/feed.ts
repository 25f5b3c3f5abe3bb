/**
 * The podcast feed: RSS 2.0 with the itunes, podcast (Podcasting 2.0), atom and content
 * namespaces, following Apple's RSS guide and PSP-1.
 *
 * Choices worth knowing:
 * - `itunes:type` is serial (a series is a curriculum); items are still written newest first,
 *   the usual order that apps ignoring itunes:type expect, and every item has `itunes:episode`.
 * - The item title is "Title — subtitle" (or the title alone): the subtitle carries what the
 *   episode is about, Apple no longer shows `itunes:subtitle`, and the website uses the same heading.
 * - The item guid comes from the series slug and episode id only, so new audio or a new base
 *   URL never makes apps download an episode twice.
 * - Dates come from the episodes, never from the clock, so the same series gives the same bytes.
 *
 * @example writeFile(`${dir}/${built.series.slug}/feed.xml`, renderFeed(built))
 */
import type { BuiltEpisode, BuiltSeries } from './model.js';
import { showNotesHtml } from './feed-notes.js';
import { escapeHtml } from './pages/html.js';
import { episodeGuid, podcastGuid } from './podcast-guid.js';
import { el, optional, renderXml, type XmlElement } from './xml.js';

const NAMESPACES = {
  'xmlns:itunes': 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  'xmlns:podcast': 'https://podcastindex.org/namespace/1.0',
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
};

/** Apple's limit for short text values such as titles. */
const SHORT_TEXT_LIMIT = 255;

export function renderFeed(built: BuiltSeries): string {
  const { series } = built;
  const urls = feedUrls(built);
  const episodes = [...built.episodes].sort(newestFirst);
  const newest = episodes[0];
  const lastDate = newest ? rfc2822(publishedAt(newest)) : undefined;
  const year = newest ? newest.episode.published.slice(0, 4) : undefined;
  const feedArt = urls.asset(built.artwork.feed);

  const channel: XmlElement[] = [
    el('title', {}, clean(series.title)),
    el('link', {}, urls.seriesPage),
    el('atom:link', { href: urls.feed, rel: 'self', type: 'application/rss+xml' }),
    el('description', {}, { cdata: paragraphsHtml(series.description) }),
    el('language', {}, series.language),
    el('copyright', {}, clean(series.copyright ?? (year ? `© ${year} ${series.author}` : `© ${series.author}`))),
    ...optional('pubDate', lastDate),
    ...optional('lastBuildDate', lastDate),
    el('generator', {}, 'Ninety'),
    el('image', {}, [el('url', {}, feedArt), el('title', {}, clean(series.title)), el('link', {}, urls.seriesPage)]),
    el('itunes:image', { href: feedArt }),
    el('itunes:author', {}, clean(series.author)),
    el('itunes:owner', {}, [el('itunes:name', {}, clean(series.owner.name)), el('itunes:email', {}, series.owner.email)]),
    el('itunes:summary', {}, clean(series.description)),
    el('itunes:type', {}, 'serial'),
    el(
      'itunes:category',
      { text: series.category },
      series.subcategory ? [el('itunes:category', { text: series.subcategory })] : undefined,
    ),
    el('itunes:explicit', {}, String(series.explicit)),
    el('podcast:locked', { owner: series.owner.email }, 'no'),
    el('podcast:guid', {}, podcastGuid(urls.feed)),
    el('podcast:medium', {}, 'podcast'),
    // A dialogue's hosts, as Podcasting 2.0 credits them (role "host" in the "cast" group).
    ...(series.hosts ?? []).map((host) => el('podcast:person', { role: 'host' }, clean(host.name))),
    ...episodes.map((built) => renderItem(built, urls, feedArt, series.language, series.explicit)),
  ];
  return renderXml(el('rss', { version: '2.0', ...NAMESPACES }, [el('channel', {}, channel)]));
}

function renderItem(
  built: BuiltEpisode,
  urls: FeedUrls,
  art: string,
  language: string,
  explicit: boolean,
): XmlElement {
  const { episode } = built;
  const page = urls.episodePage(episode.id);
  return el('item', {}, [
    el('title', {}, itemTitle(episode.title, episode.subtitle)),
    el('link', {}, page),
    el('guid', { isPermaLink: 'false' }, episodeGuid(urls.slug, episode.id)),
    el('pubDate', {}, rfc2822(publishedAt(built))),
    el('description', {}, { cdata: showNotesHtml(episode, page, 'description') }),
    el('content:encoded', {}, { cdata: showNotesHtml(episode, page, 'content') }),
    el('enclosure', { url: urls.asset(built.audio.path), length: built.audio.bytes, type: built.audio.type }),
    el('itunes:summary', {}, clean(episode.summary)),
    el('itunes:duration', {}, String(Math.max(1, Math.round(built.durationSeconds)))),
    el('itunes:episode', {}, String(episode.number)),
    el('itunes:episodeType', {}, 'full'),
    // The episode's figure when it has one, in its square form (Apple takes only square art), else the series cover.
    el('itunes:image', { href: built.square ? urls.asset(built.square) : art }),
    el('itunes:explicit', {}, String(explicit)),
    el('podcast:episode', {}, String(episode.number)),
    el('podcast:transcript', {
      url: urls.asset(built.transcripts.vtt),
      type: 'text/vtt',
      language,
      rel: 'captions',
    }),
    el('podcast:transcript', { url: urls.asset(built.transcripts.json), type: 'application/json', language }),
  ]);
}

/** "Title — subtitle" when it fits Apple's 255 characters, else the title alone. */
export function itemTitle(title: string, subtitle?: string): string {
  const plain = clean(title);
  if (!subtitle) return plain;
  const full = `${plain} — ${clean(subtitle)}`;
  return full.length <= SHORT_TEXT_LIMIT ? full : plain;
}

export interface FeedUrls {
  slug: string;
  feed: string;
  seriesPage: string;
  episodePage(id: string): string;
  /** Absolute URL of a file given relative to the series folder, each path segment encoded. */
  asset(path: string): string;
}

export function feedUrls(built: Pick<BuiltSeries, 'baseUrl' | 'series'>): FeedUrls {
  const base = built.baseUrl.replace(/\/+$/, '');
  const slug = built.series.slug;
  const seriesRoot = `${base}/${encodeURIComponent(slug)}`;
  const encodePath = (path: string): string =>
    path
      .split('/')
      .filter((segment) => segment !== '' && segment !== '.')
      .map((segment) => encodeURIComponent(segment))
      .join('/');
  return {
    slug,
    feed: `${seriesRoot}/feed.xml`,
    seriesPage: `${seriesRoot}/`,
    episodePage: (id) => `${seriesRoot}/${encodeURIComponent(id)}/`,
    asset: (path) => `${seriesRoot}/${encodePath(path)}`,
  };
}

/**
 * When an episode counts as published: noon UTC on its date, so the calendar day reads the same
 * from UTC−11 to UTC+11, plus its number in seconds, so episodes released on one day keep
 * curriculum order in apps that sort by date.
 */
export function publishedAt(built: BuiltEpisode): Date {
  const [year, month, day] = built.episode.published.split('-').map(Number);
  return new Date(Date.UTC(year!, month! - 1, day!, 12, 0, 0) + Math.min(built.episode.number, 43_199) * 1000);
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 2822 date in UTC, e.g. "Mon, 04 May 2026 12:00:01 +0000". */
export function rfc2822(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${DAYS[date.getUTCDay()]}, ${pad(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

function newestFirst(a: BuiltEpisode, b: BuiltEpisode): number {
  return publishedAt(b).getTime() - publishedAt(a).getTime() || b.episode.number - a.episode.number;
}

/** Plain text with blank-line paragraphs as `<p>` elements, which Apple allows in descriptions. */
function paragraphsHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map(clean)
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`)
    .join('\n');
}

/** Feed values carry no leading or trailing space and no line breaks in short fields. */
function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
