import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { speakAbbreviations } from './abbreviations.js';

describe('speakAbbreviations', () => {
  const cases: [string, string][] = [
    ['models, e.g. Llama', 'models, for example Llama'],
    ['models, e.g., Llama', 'models, for example, Llama'],
    ['adapters, i.e. small layers', 'adapters, that is small layers'],
    ['data, code, etc. and more', 'data, code, et cetera and more'],
    ['data, code, etc.', 'data, code, et cetera.'],
    ['Hoffmann et al. showed', 'Hoffmann and colleagues showed'],
    ['GPT vs BERT vs. T5', 'GPT versus BERT versus T5'],
    ['cf. the paper', 'compare the paper'],
    ['approx. ten', 'approximately ten'],
    ['w/ and w/o', 'with and without'],
    ['Dr. Smith and Mr. Jones', 'Doctor Smith and Mister Jones'],
    ['see Fig. 3 and No. 5', 'see figure 3 and number 5'],
    ['in the U.S. market', 'in the you ess market'],
    ['made in the U.K.', 'made in the you kay.'],
    ['at 5 p.m. sharp', 'at 5 pee em sharp'],
  ];
  for (const [text, expected] of cases) {
    it(`says "${text}" as "${expected}"`, () => assert.equal(speakAbbreviations(text), expected));
  }

  it('leaves words that only contain the letters alone', () => {
    const text = 'The vsync and etcetera and eggs.';
    assert.equal(speakAbbreviations(text), text);
  });

  it('does not read "No." as a number when no number follows', () => {
    assert.equal(speakAbbreviations('No. Not yet.'), 'No. Not yet.');
  });
});
