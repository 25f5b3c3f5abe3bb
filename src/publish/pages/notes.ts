/**
 * Show notes: the episode's Markdown rendered with `marked`. Raw HTML in the Markdown is
 * shown as text (notes are content, not page code, and the site's CSP forbids inline
 * scripts and styles anyway), headings are demoted under the page's "Show notes" heading,
 * only web and mail links become links, and remote images become links (the CSP
 * allows images from the site itself only).
 *
 * @example renderNotes('See [the paper](https://arxiv.org/abs/2106.09685).')
 */
import { Marked, type Tokens } from 'marked';
import { escapeHtml } from './html.js';

const SAFE_URL = /^(?:https?:|mailto:|#|\.{0,2}\/|[^:]*$)/i;

const marked = new Marked({
  gfm: true,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    heading({ tokens, depth }: Tokens.Heading): string {
      // The page has h1 (episode) and h2 (Show notes); notes headings sit below them.
      const level = Math.min(6, depth + 2);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    link({ href, title, tokens }: Tokens.Link): string {
      const text = this.parser.parseInline(tokens);
      if (!SAFE_URL.test(href)) return text;
      const titleAttr = title ? ` title="${escapeHtml(title)}"` : '';
      return `<a href="${escapeHtml(href)}"${titleAttr}>${text}</a>`;
    },
    image({ href, text }: Tokens.Image): string {
      // The site's CSP loads images from itself only, so a remote picture becomes a link to it.
      if (/^https?:/i.test(href)) return `<a href="${escapeHtml(href)}">${escapeHtml(text || 'Image')}</a>`;
      if (!SAFE_URL.test(href)) return escapeHtml(text);
      return `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}" loading="lazy" decoding="async">`;
    },
  },
});

export function renderNotes(markdown: string): string {
  return marked.parse(markdown, { async: false }).trim();
}
