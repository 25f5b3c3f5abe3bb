/**
 * Show notes as feed HTML: the summary, the notes (Markdown, rendered with `marked`) and the
 * sources as links, kept within the 4000 bytes podcast apps accept.
 *
 * Two flavours: `description` keeps to the tags Apple allows there (p, ol, ul, li, a), so
 * headings become paragraphs and emphasis becomes plain text; `content` (for content:encoded)
 * keeps the usual Markdown HTML. In both, raw HTML in the notes is shown as text, links are
 * made absolute against the episode page, and only http(s) and mailto links survive.
 *
 * @example showNotesHtml(episode, 'https://example.com/ai-training/lora/', 'description')
 */
import { documentName } from './pages/format.js';
import { Marked, type RendererObject, type Tokens } from 'marked';
import type { Episode } from '../series/schema.js';
import { escapeHtml } from './pages/html.js';

export type NotesFlavour = 'description' | 'content';

/** Apple's limit for description and content:encoded, counted in UTF-8 bytes to be safe. */
export const FEED_HTML_LIMIT = 4000;

export function showNotesHtml(
  episode: Pick<Episode, 'summary' | 'notes' | 'sources'>,
  episodeUrl: string,
  flavour: NotesFlavour,
  limitBytes = FEED_HTML_LIMIT,
): string {
  const summary = `<p>${escapeHtml(episode.summary.trim())}</p>`;
  const notes = episode.notes ? notesBlocks(episode.notes, episodeUrl, flavour) : [];
  const sources = episode.sources.map((source) =>
    source.url
      ? `<li><a href="${escapeHtml(source.url)}">${escapeHtml(source.title)}</a></li>`
      : `<li>${escapeHtml(source.title)}${source.address ? ` (${escapeHtml(documentName(source.address))})` : ''}</li>`,
  );
  const more = `<p><a href="${escapeHtml(episodeUrl)}">Full show notes and transcript</a></p>`;
  const compose = (noteCount: number, sourceCount: number): string => {
    const parts = [summary, ...notes.slice(0, noteCount)];
    if (sourceCount > 0) parts.push('<p>Sources:</p>', `<ul>${sources.slice(0, sourceCount).join('')}</ul>`);
    if (noteCount < notes.length || sourceCount < sources.length) parts.push(more);
    return parts.join('\n');
  };
  // Notes give way before sources: the sources credit other people's work.
  for (let noteCount = notes.length; noteCount >= 0; noteCount--) {
    const html = compose(noteCount, sources.length);
    if (byteLength(html) <= limitBytes) return html;
  }
  for (let sourceCount = sources.length - 1; sourceCount >= 0; sourceCount--) {
    const html = compose(0, sourceCount);
    if (byteLength(html) <= limitBytes) return html;
  }
  return truncateToBytes(summary.replace(/<\/?p>/g, ''), limitBytes);
}

/** Top-level blocks of the notes, rendered one by one so they can be dropped whole. */
export function notesBlocks(markdown: string, episodeUrl: string, flavour: NotesFlavour): string[] {
  const marked = new Marked({ gfm: true, renderer: renderer(episodeUrl, flavour) });
  return marked
    .lexer(markdown)
    .filter((token) => token.type !== 'space' && token.type !== 'def')
    .map((token) => marked.parser([token]).trim())
    .filter((html) => html !== '');
}

function renderer(episodeUrl: string, flavour: NotesFlavour): RendererObject<string, string> {
  const common: RendererObject<string, string> = {
    html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
    link(this, { href, tokens }: Tokens.Link) {
      const inner = this.parser.parseInline(tokens);
      const url = absoluteUrl(href, episodeUrl);
      return url === undefined ? inner : `<a href="${escapeHtml(url)}">${inner}</a>`;
    },
    image: ({ text }: Tokens.Image) => escapeHtml(text),
  };
  if (flavour === 'content') return common;
  return {
    ...common,
    heading(this, { tokens }: Tokens.Heading) {
      return `<p>${this.parser.parseInline(tokens)}</p>\n`;
    },
    strong(this, { tokens }: Tokens.Strong) {
      return this.parser.parseInline(tokens);
    },
    em(this, { tokens }: Tokens.Em) {
      return this.parser.parseInline(tokens);
    },
    del(this, { tokens }: Tokens.Del) {
      return this.parser.parseInline(tokens);
    },
    codespan: ({ text }: Tokens.Codespan) => escapeHtml(text),
    code: ({ text }: Tokens.Code) => `<p>${escapeHtml(text)}</p>\n`,
    blockquote(this, { tokens }: Tokens.Blockquote) {
      return this.parser.parse(tokens);
    },
    hr: () => '',
    br: () => ' ',
    checkbox: () => '',
    table(this, token: Tokens.Table) {
      const rows = [token.header, ...token.rows].map(
        (row) => `<p>${row.map((cell) => this.parser.parseInline(cell.tokens)).join(' · ')}</p>`,
      );
      return `${rows.join('\n')}\n`;
    },
  };
}

function absoluteUrl(href: string, base: string): string | undefined {
  try {
    const url = new URL(href, base);
    return ['http:', 'https:', 'mailto:'].includes(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cut at a character boundary so the result is still valid UTF-8, and never inside an entity. */
function truncateToBytes(text: string, limitBytes: number): string {
  let result = '';
  for (const char of text) {
    if (byteLength(result + char) > limitBytes - 3) break;
    result += char;
  }
  return result.replace(/&[a-z]*$/, '') + '…';
}
