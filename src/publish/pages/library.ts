/**
 * The library (DIR/index.html): every series built into DIR with its artwork, title and
 * episode count; and the site's 404 page.
 */
import { countEpisodes } from './format.js';
import { html } from './html.js';
import { renderPage } from './layout.js';

export interface LibraryEntry {
  slug: string;
  title: string;
  topic: string;
  episodeCount: number;
  /** Cover art path relative to DIR/. */
  artwork: string;
  description: string;
}

export function renderLibraryPage(entries: readonly LibraryEntry[]): string {
  const sorted = [...entries].sort((a, b) => a.title.localeCompare(b.title));
  const cards = sorted.map(
    (e) => html`<li class="card">
<a class="card-link" href="${e.slug}/">
<img class="card-cover" src="${e.artwork}" width="600" height="600" alt="" loading="lazy" decoding="async">
<span class="card-text">
<span class="card-title">${e.title}</span>
<span class="card-count">${countEpisodes(e.episodeCount)} on ${e.topic}</span>
<span class="card-description">${e.description}</span>
</span>
</a>
</li>
`,
  );
  const main = html`<div class="library">
<header class="library-hero">
<h1>Listen in ninety seconds</h1>
<p class="lede">Series of short narrated overviews. Each episode takes about a minute and a half, with a transcript, show notes and sources.</p>
</header>
<section aria-labelledby="library-heading">
<h2 id="library-heading" class="section-title">${sorted.length === 1 ? '1 series' : `${sorted.length} series`}</h2>
${sorted.length > 0 ? html`<ul class="cards">
${cards}</ul>` : html`<p class="empty">No series have been built yet.</p>`}
</section>
</div>`;
  return renderPage({
    lang: 'en',
    title: 'Ninety — audio overviews library',
    description: 'Series of 90-second narrated audio overviews, with transcripts, show notes and podcast feeds.',
    root: '',
    bodyClass: 'page-library',
    // The studio is served beside the library by `ninety serve`/`ninety start`; a static host has none.
    nav: html`<nav class="library-nav" aria-label="Make"><a href="studio/">Studio</a></nav>`,
    main,
  });
}

/**
 * Served for any missing path, so relative links only resolve when it is served from a
 * top-level path; the page stays readable unstyled elsewhere.
 */
export function renderNotFoundPage(): string {
  const main = html`<div class="not-found">
<h1>Nothing here</h1>
<p class="lede">This page does not exist, or an episode moved. The library lists every series.</p>
<p><a class="button button-primary" href="./">Go to the library</a></p>
</div>`;
  return renderPage({
    lang: 'en',
    title: 'Not found — Ninety',
    description: 'This page does not exist.',
    root: '',
    bodyClass: 'page-not-found',
    main,
  });
}
