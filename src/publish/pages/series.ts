/**
 * The series page (DIR/<slug>/index.html), mirroring the seed page: the title, the line
 * "21 episodes — 90-second audio overviews on ai training", then every episode (number,
 * heading, summary, duration, play button), newest first. The browser script adds the
 * order switch and each episode's played / resume state.
 */
import type { Provenance } from '../../series/schema.js';
import type { BuiltEpisode, BuiltSeries } from '../model.js';
import { countEpisodes, episodeHeading, formatClock, formatDate, seriesLine, spokenDuration } from './format.js';
import { html, type Html } from './html.js';
import { icon } from './icons.js';
import { renderPage } from './layout.js';
import { seriesFooter, seriesUrl, subscribeNav } from './shared.js';

function episodeItem(built: BuiltEpisode): Html {
  const ep = built.episode;
  const heading = episodeHeading(ep);
  return html`<li class="episode" data-episode="${ep.id}" data-number="${ep.number}" data-duration="${built.durationSeconds.toFixed(2)}">
<a class="episode-play" href="${ep.id}/?autoplay=1" aria-label="Play episode ${ep.number}: ${heading}">${icon('play')}</a>
<div class="episode-body">
<p class="episode-meta"><span class="episode-number">Episode ${ep.number}</span><span class="dot" aria-hidden="true"> · </span><time datetime="${ep.published}">${formatDate(ep.published)}</time><span class="dot" aria-hidden="true"> · </span><span class="duration" title="${spokenDuration(built.durationSeconds)}">${formatClock(built.durationSeconds)}</span></p>
<h3 class="episode-title"><a href="${ep.id}/">${heading}</a></h3>
<p class="episode-summary">${ep.summary}</p>
<div class="episode-progress" hidden></div>
</div>
</li>`;
}

/** How a written series came to be: which model wrote it, when, and from which sources. */
function provenanceNote(provenance: Provenance): Html {
  const sources = provenance.sources;
  const from =
    sources.length === 0
      ? html` from the model's own knowledge, without sources`
      : html` from ${sources.length === 1 ? 'one source' : `${sources.length} sources`}: ${sources.map((s, i) => html`${i > 0 ? '; ' : ''}${/^https?:\/\//.test(s.address) ? html`<a href="${s.address}">${s.title}</a>` : s.title}`)}`;
  const flagged = provenance.ungrounded.length;
  return html`<p class="series-provenance">Scripts written by the language model ${provenance.model} on <time datetime="${provenance.created}">${formatDate(provenance.created)}</time>${from}.${
    flagged > 0 ? html` ${flagged === 1 ? 'One episode states' : `${flagged} episodes state`} figures the sources do not contain (episode ${provenance.ungrounded.map((u) => u.episode).join(', ')}).` : ''
  }</p>`;
}

export function renderSeriesPage(built: BuiltSeries): string {
  const { series, episodes, artwork } = built;
  const first = episodes[0];
  // Newest first, as on the seed page; curriculum order is episode 1 first.
  const newestFirst = [...episodes].sort((a, b) => b.episode.number - a.episode.number);
  const line = seriesLine(episodes.length, series.targetSeconds, series.topic);
  const main = html`<div class="series">
<section class="series-hero">
<img class="cover" src="${artwork.page}" width="600" height="600" alt="Cover art for ${series.title}">
<div class="series-intro">
<h1>${series.title}</h1>
<p class="series-line">${line}.</p>
<p class="series-description">${series.description}</p>
${series.provenance ? provenanceNote(series.provenance) : ''}
<div class="actions">
${first ? html`<a class="button button-primary" href="${first.episode.id}/?autoplay=1">${icon('play')}<span>Play from episode 1</span></a>` : ''}
<a class="button" href="feed.xml">${icon('rss')}<span>Subscribe</span></a>
</div>
</div>
</section>
<section class="episode-list" aria-labelledby="episodes-heading">
<div class="list-head">
<h2 id="episodes-heading">${countEpisodes(episodes.length)}</h2>
<div class="order" data-order hidden></div>
</div>
<ol class="episodes" id="episodes" data-series="${series.slug}">
${newestFirst.map((e) => html`${episodeItem(e)}\n`)}</ol>
</section>
</div>`;

  return renderPage({
    lang: series.language,
    title: `${series.title} — ${series.targetSeconds}-second audio overviews`,
    description: series.description,
    root: '../',
    social: {
      url: seriesUrl(built),
      type: 'website',
      image: `${seriesUrl(built)}${artwork.page}`,
      imageAlt: `Cover art for ${series.title}`,
      siteName: series.title,
    },
    feed: { title: series.title, href: 'feed.xml' },
    script: 'series-page.js',
    bodyClass: 'page-series',
    nav: subscribeNav('feed.xml'),
    main,
    footer: seriesFooter(built, '../', 'feed.xml'),
  });
}
