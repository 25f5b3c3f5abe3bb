import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { cdata, el, escapeAttribute, escapeText, optional, renderXml } from './xml.js';

describe('xml writer', () => {
  it('renders nested elements with attributes, escaped text and empty tags', () => {
    const xml = renderXml(
      el('a', { x: 'say "hi" & <go>', n: 3, skipped: undefined }, [el('b', {}, 'Tom & Jerry <3'), el('c', { k: 'v' })]),
    );
    assert.equal(
      xml,
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<a x="say &quot;hi&quot; &amp; &lt;go&gt;" n="3">\n  <b>Tom &amp; Jerry &lt;3</b>\n  <c k="v"/>\n</a>\n',
    );
    assert.equal(XMLValidator.validate(xml), true);
  });

  it('splits "]]>" so CDATA text survives exactly', () => {
    const text = 'a ]]> b ]]]]> c <p>&amp;</p>';
    const xml = renderXml(el('d', {}, { cdata: text }));
    assert.equal(XMLValidator.validate(xml), true);
    assert.equal(new XMLParser().parse(xml).d, text);
    assert.equal(cdata(']]>'), '<![CDATA[]]]]><![CDATA[>]]>');
  });

  it('drops characters XML 1.0 cannot carry', () => {
    assert.equal(escapeText('a\u0000b\u0007c\uFFFEd'), 'abcd');
    assert.equal(escapeText('tab\tnew\nline'), 'tab\tnew\nline');
    assert.equal(escapeAttribute('a\nb'), 'a&#10;b');
  });

  it('leaves out optional elements without a value', () => {
    assert.deepEqual(optional('x', undefined), []);
    assert.deepEqual(optional('x', ''), []);
    assert.deepEqual(optional('x', 5), [el('x', {}, '5')]);
  });
});
