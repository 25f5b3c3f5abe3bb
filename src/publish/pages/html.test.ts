import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml, html, raw } from './html.js';

describe('html', () => {
  it('escapes interpolated text and attribute values', () => {
    const title = `<script>alert("x")</script> & 'co'`;
    assert.equal(
      html`<a title="${title}">${title}</a>`.toString(),
      '<a title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</a>',
    );
  });
  it('embeds nested templates and raw markup unescaped', () => {
    const inner = html`<b>${'a<b'}</b>`;
    assert.equal(html`<p>${inner}${raw('<i>ok</i>')}</p>`.toString(), '<p><b>a&lt;b</b><i>ok</i></p>');
  });
  it('joins arrays and drops null, undefined and false', () => {
    assert.equal(html`${[1, 2, html`<br>`]}${null}${undefined}${false}`.toString(), '12<br>');
  });
  it('escapeHtml leaves plain text alone', () => {
    assert.equal(escapeHtml('plain text 123'), 'plain text 123');
  });
});
