import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countWords, scriptSentences, splitParagraphs, splitSentences } from './text.js';

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

describe('splitParagraphs', () => {
  it('splits on blank lines, trims, and drops empty paragraphs', () => {
    const script = '\n\n  First line\nstill first.  \n\n\nSecond.\n \t \nThird.\n\n';
    assert.deepEqual(splitParagraphs(script), ['First line\nstill first.', 'Second.', 'Third.']);
  });

  it('handles Windows line endings', () => {
    assert.deepEqual(splitParagraphs('One.\r\n\r\nTwo.'), ['One.', 'Two.']);
  });

  it('returns nothing for an empty or blank script', () => {
    assert.deepEqual(splitParagraphs(''), []);
    assert.deepEqual(splitParagraphs(' \n\n \n'), []);
  });
});

describe('splitSentences', () => {
  const cases: [string, string[]][] = [
    ['One. Two! Three? Four', ['One.', 'Two!', 'Three?', 'Four']],
    ['He said "stop." Then left.', ['He said "stop."', 'Then left.']],
    ['Really?" she asked.', ['Really?" she asked.']],
    ['Is it "done?" Yes.', ['Is it "done?"', 'Yes.']],
    ["It was 'fine.' Then not.", ["It was 'fine.'", 'Then not.']],
    ['Wait… Then go.', ['Wait…', 'Then go.']],
    ['Wait... Then go.', ['Wait...', 'Then go.']],
    ['It ended (finally.) Next one.', ['It ended (finally.)', 'Next one.']],
    ['It grew. 2022 was big.', ['It grew.', '2022 was big.']],
    ['It grew. “Big,” they said.', ['It grew.', '“Big,” they said.']],
    ['It grew. (Quite a lot.) Then stopped.', ['It grew.', '(Quite a lot.)', 'Then stopped.']],
    ['Ask it. iPhone sales rose.', ['Ask it.', 'iPhone sales rose.']],
    ['Models, e.g. GPT, grew.', ['Models, e.g. GPT, grew.']],
    ['Adapters, i.e. LoRA, help.', ['Adapters, i.e. LoRA, help.']],
    ['GPT vs. BERT is old.', ['GPT vs. BERT is old.']],
    ['Data, code, etc. The rest.', ['Data, code, etc. The rest.']],
    ['Ask Dr. Smith and Mr. Jones.', ['Ask Dr. Smith and Mr. Jones.']],
    ['Made in the U.S. Army labs.', ['Made in the U.S. Army labs.']],
    ['Hoffmann et al. Showed it.', ['Hoffmann et al. Showed it.']],
    ['John F. Kennedy spoke.', ['John F. Kennedy spoke.']],
    ['It grew 2.5 times. Then stopped.', ['It grew 2.5 times.', 'Then stopped.']],
    ['Use v1.2 now. Or later.', ['Use v1.2 now.', 'Or later.']],
    ['See No. 5 here.', ['See No. 5 here.']],
    ['The answer was no. Then it changed.', ['The answer was no.', 'Then it changed.']],
    ['It ends. then lower case.', ['It ends. then lower case.']],
    ['No space.Here', ['No space.Here']],
  ];
  for (const [paragraph, expected] of cases) {
    it(`splits ${JSON.stringify(paragraph)}`, () => assert.deepEqual(splitSentences(paragraph), expected));
  }

  it('collapses whitespace and line breaks inside a paragraph', () => {
    assert.deepEqual(splitSentences('  One\n two.\tThree   four.  '), ['One two.', 'Three four.']);
  });

  it('returns nothing for a blank paragraph', () => {
    assert.deepEqual(splitSentences(' \n '), []);
  });

  it('joined with single spaces, gives back the paragraph with whitespace collapsed', () => {
    const paragraphs = [
      'What does it take?  The recipe has three ingredients.\nData, compute, and one objective!',
      'Meta trained a 70B model (e.g. Llama 3) on 15.6T tokens. It cost $4.6M… Or more? "Yes." Done.',
      'In 2022, DeepMind showed it. Chinchilla had 70B parameters, i.e. fewer. U.S. labs followed. v1.2. Then 2.5x.',
      '',
      '   ',
      '. . ! ? …',
    ];
    for (const p of paragraphs) assert.equal(splitSentences(p).join(' '), collapse(p), p);
  });

  it('keeps the join property for random text made of words and sentence punctuation', () => {
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pieces = ['word', 'Word', 'e.g.', 'U.S.', '2.5', 'v1.2', '.', '!', '?', '"', '…', ' ', ' ', '\n', 'Dr.', 'A.', '3'];
    for (let i = 0; i < 2000; i += 1) {
      let p = '';
      const n = Math.floor(next() * 30);
      for (let j = 0; j < n; j += 1) p += pieces[Math.floor(next() * pieces.length)]!;
      const sentences = splitSentences(p);
      assert.equal(sentences.join(' '), collapse(p), JSON.stringify(p));
      for (const s of sentences) assert.equal(s, s.trim(), JSON.stringify(p));
      assert.ok(sentences.every((s) => s.length > 0), JSON.stringify(p));
    }
  });
});

describe('countWords', () => {
  it('counts whitespace-separated tokens', () => {
    assert.equal(countWords('  one two\nthree\tfour-five  '), 4);
    assert.equal(countWords(''), 0);
    assert.equal(countWords('   '), 0);
  });
});

describe('scriptSentences', () => {
  it('numbers sentences by their paragraph, from zero', () => {
    const script = 'First one. First two.\n\nSecond one!\n\n\nThird one? Third two.';
    assert.deepEqual(scriptSentences(script), [
      { text: 'First one.', paragraph: 0 },
      { text: 'First two.', paragraph: 0 },
      { text: 'Second one!', paragraph: 1 },
      { text: 'Third one?', paragraph: 2 },
      { text: 'Third two.', paragraph: 2 },
    ]);
  });

  it('returns nothing for an empty script', () => {
    assert.deepEqual(scriptSentences(''), []);
  });
});
