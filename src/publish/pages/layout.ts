/**
 * The document shell every page shares: head (meta, social cards, feed link, stylesheet,
 * module script), skip link, site header and footer. All links are relative, through
 * `root` (the way back to DIR/ from the page), so the site works under any path.
 */
import { html, type Html } from './html.js';
import { logo } from './icons.js';

export interface SocialCard {
  /** Absolute URL of this page. */
  url: string;
  type: 'website' | 'article';
  image?: string | undefined;
  imageAlt?: string | undefined;
  /** Pixel size of a wide image (an episode's figure card); a square cover has none. */
  imageSize?: { width: number; height: number } | undefined;
  audio?: string | undefined;
  siteName?: string | undefined;
}

export interface PageOptions {
  lang: string;
  title: string;
  description: string;
  /** Relative path from the page to DIR/, e.g. "../../". Empty for pages at the root. */
  root: string;
  social?: SocialCard | undefined;
  feed?: { title: string; href: string } | undefined;
  /** Module entries in DIR/assets/, e.g. "player.js". */
  script?: string | readonly string[] | undefined;
  bodyClass: string;
  /** Extra links in the header, after the brand. */
  nav?: Html | undefined;
  main: Html;
  /** Footer content; a line about the site when absent. */
  footer?: Html | undefined;
}

export const STYLESHEET = 'site.css';
export const BRAND = 'Ninety';

function socialMeta(card: SocialCard | undefined, title: string, description: string): Html {
  if (!card) return html``;
  return html`
<link rel="canonical" href="${card.url}">
<meta property="og:type" content="${card.type}">
<meta property="og:title" content="${title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${card.url}">${card.siteName ? html`
<meta property="og:site_name" content="${card.siteName}">` : ''}${card.image ? html`
<meta property="og:image" content="${card.image}">${card.imageSize ? html`
<meta property="og:image:width" content="${card.imageSize.width}">
<meta property="og:image:height" content="${card.imageSize.height}">` : ''}${card.imageAlt ? html`
<meta property="og:image:alt" content="${card.imageAlt}">` : ''}` : ''}${card.audio ? html`
<meta property="og:audio" content="${card.audio}">
<meta property="og:audio:type" content="audio/mpeg">` : ''}
<meta name="twitter:card" content="${card.imageSize ? 'summary_large_image' : 'summary'}">`;
}

/** One line, at most `max` characters, for meta descriptions. */
export function clip(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}

export function renderPage(o: PageOptions): string {
  const description = clip(o.description);
  return html`<!doctype html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title}</title>
<meta name="description" content="${description}">
<meta name="color-scheme" content="light dark">
<meta name="theme-color" content="#f7f4ee" media="(prefers-color-scheme: light)">
<meta name="theme-color" content="#16140f" media="(prefers-color-scheme: dark)">${socialMeta(o.social, o.title, description)}${o.feed ? html`
<link rel="alternate" type="application/rss+xml" title="${o.feed.title}" href="${o.feed.href}">` : ''}
<link rel="icon" href="${o.root}assets/favicon.svg" type="image/svg+xml">
<link rel="icon" href="${o.root}assets/favicon-32.png" type="image/png" sizes="32x32">
<link rel="stylesheet" href="${o.root}assets/${STYLESHEET}">${[o.script ?? []].flat().map((script) => html`
<script type="module" src="${o.root}assets/${script}"></script>`)}
</head>
<body class="${o.bodyClass}">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<a class="brand" href="${o.root === '' ? './' : o.root}">${logo()}<span>${BRAND}</span></a>
${o.nav ?? ''}
</header>
<main id="main">
${o.main}
</main>
<footer class="site-footer">
${o.footer ?? html`<p>${BRAND} — series of 90-second narrated audio overviews.</p>`}
</footer>
</body>
</html>
`.toString();
}
