import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderNotes } from './notes.js';

describe('renderNotes', () => {
  it('renders Markdown paragraphs, emphasis, lists and links', () => {
    const out = renderNotes('See **the paper** by [Hu et al.](https://arxiv.org/abs/2106.09685).\n\n- one\n- two');
    assert.match(out, /<strong>the paper<\/strong>/);
    assert.match(out, /<a href="https:\/\/arxiv.org\/abs\/2106.09685">Hu et al.<\/a>/);
    assert.match(out, /<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
  });
  it('shows raw HTML as text instead of injecting it', () => {
    const out = renderNotes('Hi <script>alert(1)</script> <span style="color:red">x</span>');
    assert.doesNotMatch(out, /<script|<span/);
    assert.match(out, /&lt;script&gt;/);
  });
  it('puts notes headings below the page headings', () => {
    assert.match(renderNotes('# Further reading'), /^<h3>Further reading<\/h3>$/);
    assert.match(renderNotes('#### Deep'), /^<h6>Deep<\/h6>$/);
  });
  it('drops links with script URLs but keeps their text', () => {
    const out = renderNotes('[click](javascript:alert(1))');
    assert.doesNotMatch(out, /href/);
    assert.match(out, /click/);
  });
  it('turns remote images into links, since the CSP only loads images from the site', () => {
    const out = renderNotes('![a chart](https://example.com/chart.png)');
    assert.match(out, /<a href="https:\/\/example.com\/chart.png">a chart<\/a>/);
    assert.doesNotMatch(out, /<img/);
  });
});
