import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { countWords, splitParagraphs, splitSentences } from '../series/text.js';
import { splitPassages } from './passages.js';
import { readSources } from './read.js';
import type { SourceText } from './source.js';

function source(text: string): SourceText {
  return { title: 't', address: 't.txt', kind: 'text', text, sha256: '', bytes: text.length };
}

/** A sentence of exactly n words, tagged so every sentence is distinct. */
function sentence(tag: string, n: number): string {
  return `T${tag} ${Array.from({ length: n - 1 }, () => 'word').join(' ')}.`;
}

function paragraph(tag: string, sentences: number, words: number): string {
  return Array.from({ length: sentences }, (_, i) => sentence(`${tag}s${i}`, words)).join(' ');
}

const sentencesOf = (text: string) => splitParagraphs(text).flatMap(splitSentences);

describe('splitPassages', () => {
  it('cuts between paragraphs when passages are long enough there', () => {
    const paragraphs = Array.from({ length: 10 }, (_, i) => paragraph(`p${i}`, 5, 10)); // 50 words each
    const passages = splitPassages([source(paragraphs.join('\n\n'))]);
    assert.deepEqual(passages.map((p) => splitParagraphs(p.text).length), [3, 3, 4]);
    for (const p of passages) for (const part of splitParagraphs(p.text)) assert.ok(paragraphs.includes(part));
  });

  it('cuts a long paragraph between sentences, within the bounds', () => {
    const passages = splitPassages([source(paragraph('x', 40, 10))]);
    assert.deepEqual(passages.map((p) => countWords(p.text)), [200, 200]);
    const small = splitPassages([source(paragraph('y', 40, 10))], { words: 40 });
    for (const p of small) assert.ok(countWords(p.text) >= 30 && countWords(p.text) <= 50, p.text);
  });

  it('keeps every sentence whole, in order, exactly once', async () => {
    const sources = await readSources(['chinchilla.md', 'chinchilla.html', 'chinchilla.pdf'], {
      cwd: fileURLToPath(new URL('../../src/sources/fixtures/', import.meta.url)),
    });
    for (const words of [20, 60, 160]) {
      const passages = splitPassages(sources, { words });
      sources.forEach((s, i) => {
        const mine = passages.filter((p) => p.source === i);
        assert.deepEqual(mine.map((p) => p.index), mine.map((_, n) => n));
        assert.deepEqual(mine.flatMap((p) => sentencesOf(p.text)), sentencesOf(s.text));
      });
    }
  });

  it('gives a sentence longer than the limit a passage of its own', () => {
    const text = `${sentence('short', 150)} ${sentence('long', 260)} ${sentence('after', 10)}`;
    assert.deepEqual(splitPassages([source(text)]).map((p) => countWords(p.text)), [150, 260, 10]);
  });

  it('joins a short tail to the passage before it when that still fits', () => {
    const text = [paragraph('a', 14, 10), paragraph('b', 3, 10)].join('\n\n'); // 140 + 30
    assert.deepEqual(splitPassages([source(text)]).map((p) => countWords(p.text)), [170]);
  });

  it('never joins two sources, and numbers passages within each', () => {
    const passages = splitPassages([source('One short.'), source('Two short.')]);
    assert.deepEqual(passages, [
      { source: 0, index: 0, text: 'One short.' },
      { source: 1, index: 0, text: 'Two short.' },
    ]);
  });

  it('refuses a passage length too small to hold a sentence', () => {
    assert.throws(() => splitPassages([source('x.')], { words: 0 }), RangeError);
  });
});
