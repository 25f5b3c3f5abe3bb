/**
 * Markdown to plain text with marked's lexer: headings, paragraphs, list items, table rows and
 * quotes become paragraphs; emphasis, links and code marks are dropped and their words kept.
 * The first top-level heading (else the first heading) is the title.
 *
 * @example
 *   markdownToText('# Chinchilla\n\nIt has **70 billion** [parameters](https://arxiv.org).')
 *   // → { title: 'Chinchilla', text: 'Chinchilla\n\nIt has 70 billion parameters.' }
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { joinParagraphs } from './source.js';

export interface PlainText {
  title: string | undefined;
  text: string;
}

/** YAML front matter is metadata, not prose; marked would read its fences as rules. */
const FRONT_MATTER = /^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

function inline(tokens: readonly Token[] | undefined): string {
  if (!tokens) return '';
  return tokens
    .map((token) => {
      switch (token.type) {
        case 'br':
          return ' ';
        case 'html':
          return '';
        case 'image':
          return (token as Tokens.Image).text;
        case 'codespan':
        case 'escape':
          return token.text as string;
        default:
          return 'tokens' in token && token.tokens ? inline(token.tokens) : ((token as { text?: string }).text ?? '');
      }
    })
    .join('');
}

function blocks(tokens: readonly Token[], out: string[], headings: Tokens.Heading[]): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'heading':
        headings.push(token as Tokens.Heading);
        out.push(inline(token.tokens));
        break;
      case 'paragraph':
      case 'text':
        out.push('tokens' in token && token.tokens ? inline(token.tokens) : (token.text as string));
        break;
      case 'list':
        for (const item of (token as Tokens.List).items) blocks(item.tokens, out, headings);
        break;
      case 'table': {
        const table = token as Tokens.Table;
        const row = (cells: Tokens.TableCell[]) => cells.map((cell) => inline(cell.tokens)).join(', ');
        out.push(row(table.header), ...table.rows.map(row));
        break;
      }
      case 'blockquote':
        blocks((token as Tokens.Blockquote).tokens, out, headings);
        break;
      case 'code':
        out.push(token.text as string);
        break;
      case 'html':
        out.push((token.text as string).replace(/<[^>]*>/g, ' '));
        break;
      default:
        // space, hr, def: nothing a listener would hear.
        break;
    }
  }
}

export function markdownToText(markdown: string): PlainText {
  const body = markdown.replace(/^\uFEFF/, '').replace(FRONT_MATTER, '');
  const paragraphs: string[] = [];
  const headings: Tokens.Heading[] = [];
  blocks(Lexer.lex(body), paragraphs, headings);
  const heading = headings.find((h) => h.depth === 1) ?? headings[0];
  const title = heading ? inline(heading.tokens).replace(/\s+/g, ' ').trim() : undefined;
  return { title: title || undefined, text: joinParagraphs(paragraphs) };
}
