import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToText } from './html.js';

describe('htmlToText', () => {
  it('falls back to the body text when there is no article to find', () => {
    const { title, text } = htmlToText('<html><head><title> Tiny\n page </title></head><body><div>70B parameters.</div></body></html>');
    assert.equal(title, 'Tiny page');
    assert.equal(text, '70B parameters.');
  });

  it('makes each block a paragraph, table rows as comma-separated cells, and drops scripts', () => {
    const html =
      '<body><h2>Results</h2><ul><li>Chinchilla: 70B</li><li>Gopher: 280B</li></ul>' +
      '<table><tr><th>model</th><th>tokens</th></tr><tr><td>Chinchilla</td><td>1.4T</td></tr></table>' +
      '<script>var x = 1;</script><p>Done.</p></body>';
    assert.equal(htmlToText(html).text, 'Results\n\nChinchilla: 70B\n\nGopher: 280B\n\nmodel, tokens\n\nChinchilla, 1.4T\n\nDone.');
  });

  it('has no title when the page names none', () => {
    assert.equal(htmlToText('<body><p>Only text.</p></body>').title, undefined);
  });
});
