/**
 * One episode's page (DIR/<slug>/<id>/index.html): a real <audio controls> and the full
 * transcript, so it reads and plays without JavaScript; show notes, sources and links to
 * the previous and next episodes. The browser script turns it into the full player.
 */
import type { BuiltEpisode, BuiltSeries } from '../model.js';
import { episodeHeading, formatClock, formatDate, hostOf, pad2, documentName } from './format.js';
import { html, raw, type Html } from './html.js';
import { icon } from './icons.js';
import { FIGURE_CARD, figureAlt } from '../figure-card.js';
import { isInteractive, renderFigure } from './figure.js';
import { renderPage } from './layout.js';
import { renderNotes } from './notes.js';
import { seriesFooter, seriesUrl, subscribeNav } from './shared.js';
import { renderTranscript } from './transcript.js';

/** A transcript file's path in the series folder: the model's value when it is a path, else the standard name. */
export function transcriptPath(built: BuiltEpisode, kind: 'vtt' | 'json'): string {
  const given = built.transcripts[kind];
  if (given && !/[\n\r{]/.test(given) && given.endsWith(`.${kind}`)) return given.replace(/^\.?\//, '');
  return `transcripts/${pad2(built.episode.number)}-${built.episode.id}.${kind}`;
}

/** "Ada and Ben", "Ada, Ben and Cam". */
function listNames(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

function pagerLink(rel: 'prev' | 'next', target: BuiltEpisode | undefined): Html {
  if (!target) return html`<span class="pager-${rel} pager-empty"></span>`;
  const ep = target.episode;
  return html`<a class="pager-${rel}" rel="${rel}" href="../${ep.id}/">${rel === 'prev' ? icon('left') : ''}<span class="pager-text"><span class="pager-label">${rel === 'prev' ? 'Previous' : 'Next'} · Episode ${ep.number}</span><span class="pager-title">${ep.title}</span></span>${rel === 'next' ? icon('right') : ''}</a>`;
}

export function renderEpisodePage(built: BuiltSeries, index: number): string {
  const current = built.episodes[index];
  if (!current) throw new RangeError(`no episode at index ${index}`);
  const { series, artwork } = built;
  const ep = current.episode;
  const previous = built.episodes[index - 1];
  const next = built.episodes[index + 1];
  const audio = `../${current.audio.path}`;
  const base = seriesUrl(built);
  const heading = episodeHeading(ep);
  const hosts = (series.hosts ?? []).map((h) => h.name);

  const figure = ep.figure;
  const main = html`<div class="episode-layout${figure ? ' has-figure' : ''}">
<header class="episode-hero">
<img class="hero-cover" src="../${artwork.thumb}" width="160" height="160" alt="">
<div class="hero-text">
<p class="eyebrow"><a href="../">${series.title}</a><span aria-hidden="true"> · </span><span class="nowrap">Episode ${ep.number} of ${built.episodes.length}</span></p>
<h1><span class="title">${ep.title}</span>${ep.subtitle ? html`<span class="subtitle"><span class="visually-hidden"> — </span>${ep.subtitle}</span>` : ''}</h1>
<p class="summary">${ep.summary}</p>
<p class="episode-facts"><time datetime="${ep.published}">${formatDate(ep.published)}</time><span aria-hidden="true"> · </span><span>${formatClock(current.durationSeconds)}</span>${hosts.length > 0 ? html`<span aria-hidden="true"> · </span><span class="hosts">With ${listNames(hosts)}</span>` : ''}</p>
</div>
</header>
<section class="player" id="player" aria-label="Player" data-player data-series="${series.slug}" data-episode="${ep.id}" data-number="${ep.number}" data-title="${heading}" data-series-title="${series.title}" data-duration="${current.durationSeconds.toFixed(2)}" data-artwork="../${artwork.thumb} ../${artwork.page}"${next ? html` data-next="../${next.episode.id}/"` : ''}${previous ? html` data-prev="../${previous.episode.id}/"` : ''}>
<audio controls preload="metadata" src="${audio}"><a href="${audio}">Download the episode (MP3)</a></audio>
<p class="player-download"><a href="${audio}" download>${icon('download')}<span>MP3 · ${megabytes(current.audio.bytes)}</span></a></p>
</section>
${figure ? renderFigure(figure) : ''}
<section class="transcript" aria-labelledby="transcript-heading">
<div class="transcript-head">
<h2 id="transcript-heading">Transcript</h2>
<div class="search" role="search" data-search hidden></div>
</div>
<div class="transcript-text" id="transcript-text" lang="${series.language}">
${renderTranscript(current.cues, hosts)}
</div>
<p class="transcript-files">Download the transcript: <a href="../${transcriptPath(current, 'vtt')}">WebVTT</a> · <a href="../${transcriptPath(current, 'json')}">JSON</a></p>
</section>
<section class="notes" aria-labelledby="notes-heading">
<h2 id="notes-heading">Show notes</h2>
<div class="prose">
${raw(ep.notes ? renderNotes(ep.notes) : '')}
</div>
${ep.sources.length > 0 ? html`<h3>Sources</h3>
<ol class="sources">
${ep.sources.map((s) => (s.url ? html`<li><a href="${s.url}">${s.title}</a> <span class="host">${hostOf(s.url)}</span></li>\n` : html`<li>${s.title} <span class="host">${documentName(s.address ?? s.file ?? '')}</span></li>\n`))}</ol>` : ''}
${ep.reading?.length ? html`<h3>Further reading (unverified)</h3>
<p class="reading-note">Suggested by the language model that wrote this script, which did not read them: check before you rely on them.</p>
<ul class="reading">
${ep.reading.map((r) => html`<li>${r.title}${r.url ? html` <span class="host">${r.url}</span>` : ''}</li>\n`)}</ul>` : ''}
</section>
<div class="more">
<nav class="pager" aria-label="More episodes">
${pagerLink('prev', previous)}
${pagerLink('next', next)}
</nav>
<p class="autoplay" data-autoplay hidden></p>
</div>
</div>`;

  return renderPage({
    lang: series.language,
    title: `${heading} · ${series.title}`,
    description: ep.summary,
    root: '../../',
    social: {
      url: `${base}${ep.id}/`,
      type: 'article',
      image: `${base}${current.card ?? artwork.page}`,
      imageAlt: current.card && figure ? figureAlt(figure) : `Cover art for ${series.title}`,
      imageSize: current.card ? FIGURE_CARD : undefined,
      audio: `${base}${current.audio.path}`,
      siteName: series.title,
    },
    feed: { title: series.title, href: '../feed.xml' },
    script: figure && isInteractive(figure) ? ['player.js', 'figure.js'] : 'player.js',
    bodyClass: 'page-episode',
    nav: subscribeNav('../feed.xml', { href: '../', title: series.title }),
    main,
    footer: seriesFooter(built, '../../', '../feed.xml'),
  });
}
