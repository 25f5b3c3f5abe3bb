/**
 * Pieces the series and episode pages share: absolute URLs for social meta (the only
 * absolute links on the site) and the header's Subscribe link.
 */
import type { BuiltSeries } from '../model.js';
import { html, type Html } from './html.js';
import { icon } from './icons.js';

/** Absolute URL of the series folder, with a trailing slash. */
export function seriesUrl(built: BuiltSeries): string {
  return `${built.baseUrl.replace(/\/+$/, '')}/${built.series.slug}/`;
}

export function subscribeNav(feedHref: string, seriesLink?: { href: string; title: string }): Html {
  return html`<nav class="site-nav" aria-label="Series">${
    seriesLink ? html`<a class="nav-series" href="${seriesLink.href}">${seriesLink.title}</a>` : ''
  }<a class="nav-subscribe" href="${feedHref}">${icon('rss')}<span>Subscribe</span></a></nav>`;
}

/** Footer for series and episode pages: the way to all series, the feed, and the copyright. */
export function seriesFooter(built: BuiltSeries, root: string, feedHref: string): Html {
  const copyright = built.series.copyright;
  return html`<p><a href="${root}">All series</a><span aria-hidden="true"> · </span><a href="${feedHref}">Podcast feed (RSS)</a>${
    copyright ? html`<span aria-hidden="true"> · </span><span>${copyright}</span>` : ''
  }</p>`;
}
