import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { markdownToText } from './markdown.js';

describe('markdownToText', () => {
  it('takes the first top-level heading as the title', () => {
    assert.equal(markdownToText('Intro line.\n\n## Background\n\n# Chinchilla\n\nText.').title, 'Chinchilla');
  });

  it('falls back to the first heading of any level, and to none', () => {
    assert.equal(markdownToText('### Notes on `Chinchilla`\n\nText.').title, 'Notes on Chinchilla');
    assert.equal(markdownToText('Just a paragraph.').title, undefined);
  });

  it('keeps the words of emphasis, links, code and images and drops their marks', () => {
    const { text } = markdownToText('It has **70 billion** [parameters](https://arxiv.org) and `d_model`, ![a chart](x.png).');
    assert.equal(text, 'It has 70 billion parameters and d_model, a chart.');
  });

  it('separates headings, paragraphs, list items, table rows and quotes by blank lines', () => {
    const md = [
      '# Title', '', 'First *paragraph*', 'continues here.', '', '- one item', '- two item', '',
      '| model | tokens |', '|---|---|', '| Chinchilla | 1.4T |', '', '> quoted text', '', '---', '', 'Last.',
    ].join('\n');
    assert.deepEqual(markdownToText(md).text.split('\n\n'), [
      'Title', 'First paragraph continues here.', 'one item', 'two item', 'model, tokens', 'Chinchilla, 1.4T',
      'quoted text', 'Last.',
    ]);
  });

  it('drops YAML front matter and HTML tags', () => {
    const { text, title } = markdownToText('---\ntitle: x\n---\n<div class="note">Boxed</div>\n\n# Heading\n');
    assert.equal(text, 'Boxed\n\nHeading');
    assert.equal(title, 'Heading');
  });
});
