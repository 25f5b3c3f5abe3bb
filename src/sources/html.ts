/**
 * An HTML page to its article text: Readability (on linkedom's DOM) finds the article and drops
 * navigation, footers and adverts; when it finds none, the body's text is used instead. Block
 * elements (paragraphs, headings, list items, table rows…) become paragraphs.
 *
 * @example
 *   htmlToText('<title>Chinchilla</title><nav>Home</nav><article><p>70B parameters.</p></article>')
 *   // → { title: 'Chinchilla', text: '70B parameters.' }  (or the whole body for a page this small)
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { PlainText } from './markdown.js';
import { joinParagraphs } from './source.js';

/** The little of the DOM used here; the project compiles without the DOM library. */
interface Node {
  tagName: string;
  textContent: string | null;
  children: ArrayLike<Node> & Iterable<Node>;
  querySelector(selectors: string): Node | null;
  querySelectorAll(selectors: string): Iterable<Node>;
  remove(): void;
}
interface Page {
  body: Node | null;
  querySelector(selectors: string): Node | null;
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, dt, dd, tr, caption';
const NOT_TEXT = 'script, style, noscript, template, svg';

/** The text of each innermost block under root, in document order; loose text if it has no blocks. */
function paragraphsOf(root: Node): string[] {
  for (const junk of root.querySelectorAll(NOT_TEXT)) junk.remove();
  const blocks = [...root.querySelectorAll(BLOCKS)].filter((block) => block.querySelector(BLOCKS) === null);
  if (blocks.length === 0) return (root.textContent ?? '').split(/\n\s*\n/);
  return blocks.map((block) =>
    block.tagName.toLowerCase() === 'tr'
      ? [...block.children].map((cell) => (cell.textContent ?? '').trim()).join(', ')
      : (block.textContent ?? ''),
  );
}

/** linkedom builds a document only from a whole page, so a fragment is given its <html>. */
function whole(html: string): string {
  return /<html[\s>]/i.test(html) ? html : `<!doctype html><html>${html}</html>`;
}

function documentOf(html: string): Page {
  return parseHTML(whole(html)).document as unknown as Page;
}

export function htmlToText(html: string): PlainText {
  const pageTitle = documentOf(html).querySelector('title')?.textContent?.replace(/\s+/g, ' ').trim();
  const article = new Readability(parseHTML(whole(html)).document).parse();
  let text = '';
  if (article?.content) {
    const body = documentOf(`<!doctype html><html><body>${article.content}</body></html>`).body;
    text = body ? joinParagraphs(paragraphsOf(body)) : '';
  }
  if (text === '') {
    const body = documentOf(html).body;
    text = body ? joinParagraphs(paragraphsOf(body)) : '';
  }
  const title = article?.title?.replace(/\s+/g, ' ').trim() || pageTitle || undefined;
  return { title, text };
}
