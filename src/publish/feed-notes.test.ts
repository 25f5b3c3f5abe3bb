import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { notesBlocks, showNotesHtml } from './feed-notes.js';

const page = 'https://example.com/s/ep/';
const sources = [
  { title: 'One', url: 'https://one.example/' },
  { title: 'Two & more', url: 'https://two.example/?a=1&b=2' },
];

describe('notesBlocks', () => {
  it('shows raw HTML as text instead of passing it through', () => {
    const [block] = notesBlocks('Hello <script>alert(1)</script> world', page, 'content');
    assert.equal(block, '<p>Hello &lt;script&gt;alert(1)&lt;/script&gt; world</p>');
  });

  it('drops javascript: links but keeps their text, and makes relative links absolute', () => {
    const [block] = notesBlocks('[bad](javascript:alert(1)) and [next](../next/) and [mail](mailto:a@b.c)', page, 'content');
    assert.equal(
      block,
      '<p>bad and <a href="https://example.com/s/next/">next</a> and <a href="mailto:a@b.c">mail</a></p>',
    );
  });

  it('keeps only p, ol, ul, li and a in the description flavour', () => {
    const markdown = '# Head\n\n**bold** _em_ `code` ![alt](x.png)\n\n> quoted\n\n---\n\n```\nblock\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |';
    const html = notesBlocks(markdown, page, 'description').join('\n');
    assert.doesNotMatch(html, /<(?!\/?(?:p|ul|ol|li|a)\b)[a-z]/i, html);
    for (const text of ['Head', 'bold', 'em', 'code', 'alt', 'quoted', 'block', 'a · b', '1 · 2']) {
      assert.ok(html.includes(text), `${text} in ${html}`);
    }
  });
});

describe('showNotesHtml', () => {
  it('puts the summary first and the sources last as links', () => {
    const html = showNotesHtml({ summary: 'Sum & up.', notes: 'Body.', sources }, page, 'description');
    assert.equal(
      html,
      '<p>Sum &amp; up.</p>\n<p>Body.</p>\n<p>Sources:</p>\n' +
        '<ul><li><a href="https://one.example/">One</a></li><li><a href="https://two.example/?a=1&amp;b=2">Two &amp; more</a></li></ul>',
    );
  });

  it('drops notes before sources to fit the limit and links to the full notes', () => {
    const notes = Array.from({ length: 30 }, (_, i) => `Paragraph ${i} ${'x'.repeat(80)}`).join('\n\n');
    const html = showNotesHtml({ summary: 'Sum.', notes, sources }, page, 'content', 1000);
    assert.ok(Buffer.byteLength(html) <= 1000);
    assert.ok(html.includes('Paragraph 0'));
    assert.ok(html.includes('https://two.example/'));
    assert.ok(html.endsWith(`<p><a href="${page}">Full show notes and transcript</a></p>`));
  });

  it('drops sources too when even they do not fit', () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ title: `Source ${i}`, url: `https://s${i}.example/` }));
    const html = showNotesHtml({ summary: 'Sum.', notes: 'Body.', sources: many }, page, 'description', 600);
    assert.ok(Buffer.byteLength(html) <= 600);
    assert.ok(html.includes('Source 0'));
    assert.ok(!html.includes('Source 49'));
  });
});
