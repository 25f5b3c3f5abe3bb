import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  cardinalToWords,
  digitsToWords,
  numberToWords,
  ordinalToWords,
  pairsToWords,
  pluralOfWords,
  yearToWords,
} from './numbers.js';

describe('cardinalToWords', () => {
  const cases: [string, string][] = [
    ['0', 'zero'],
    ['7', 'seven'],
    ['13', 'thirteen'],
    ['20', 'twenty'],
    ['48', 'forty-eight'],
    ['100', 'one hundred'],
    ['101', 'one hundred one'],
    ['175', 'one hundred seventy-five'],
    ['1000', 'one thousand'],
    ['10,000', 'ten thousand'],
    ['16,000', 'sixteen thousand'],
    ['1,000,001', 'one million one'],
    ['405000000000', 'four hundred five billion'],
    ['15600000000000', 'fifteen trillion six hundred billion'],
    ['2000000000000000', 'two quadrillion'],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${input} as "${expected}"`, () => assert.equal(cardinalToWords(input), expected));
  }

  it('reads a number with a leading zero digit by digit', () => {
    assert.equal(cardinalToWords('007'), 'zero zero seven');
  });

  it('reads a run longer than the quadrillions digit by digit', () => {
    assert.equal(cardinalToWords('1234567890123456789'), digitsToWords('1234567890123456789'));
  });

  it('rejects text that is not an integer', () => {
    assert.throws(() => cardinalToWords('1.5'));
    assert.throws(() => cardinalToWords('abc'));
  });
});

describe('numberToWords', () => {
  const cases: [string, string][] = [
    ['2.5', 'two point five'],
    ['0.1', 'zero point one'],
    ['3.14', 'three point one four'],
    ['1.05', 'one point zero five'],
    ['.5', 'point five'],
    ['-4', 'minus four'],
    ['−0.5', 'minus zero point five'],
    ['+3', 'plus three'],
    ['1,234.5', 'one thousand two hundred thirty-four point five'],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${input} as "${expected}"`, () => assert.equal(numberToWords(input), expected));
  }

  it('rejects a bare sign or dot', () => {
    assert.throws(() => numberToWords('-'));
    assert.throws(() => numberToWords('.'));
  });
});

describe('yearToWords', () => {
  const cases: [number, string][] = [
    [2022, 'twenty twenty-two'],
    [2005, 'two thousand five'],
    [2000, 'two thousand'],
    [2010, 'twenty ten'],
    [1999, 'nineteen ninety-nine'],
    [1905, 'nineteen oh five'],
    [1900, 'nineteen hundred'],
    [1066, 'ten sixty-six'],
    [800, 'eight hundred'],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${input} as "${expected}"`, () => assert.equal(yearToWords(input), expected));
  }
});

describe('pairsToWords', () => {
  it('reads product numbers in pairs', () => {
    assert.equal(pairsToWords(4090), 'forty ninety');
    assert.equal(pairsToWords(1080), 'ten eighty');
  });
});

describe('ordinalToWords', () => {
  const cases: [string, string][] = [
    ['1', 'first'],
    ['2', 'second'],
    ['3', 'third'],
    ['4', 'fourth'],
    ['5', 'fifth'],
    ['8', 'eighth'],
    ['9', 'ninth'],
    ['12', 'twelfth'],
    ['20', 'twentieth'],
    ['21', 'twenty-first'],
    ['100', 'one hundredth'],
    ['1000000', 'one millionth'],
  ];
  for (const [input, expected] of cases) {
    it(`reads ${input} as "${expected}"`, () => assert.equal(ordinalToWords(input), expected));
  }
});

describe('pluralOfWords', () => {
  it('makes decades plural', () => {
    assert.equal(pluralOfWords('nineteen ninety'), 'nineteen nineties');
    assert.equal(pluralOfWords('twenty ten'), 'twenty tens');
    assert.equal(pluralOfWords('nineteen hundred'), 'nineteen hundreds');
  });
});

describe('number words', () => {
  it('never contain a digit for any integer up to ten thousand', () => {
    for (let n = 0; n <= 10_000; n += 1) {
      assert.doesNotMatch(cardinalToWords(String(n)), /\d/, String(n));
      assert.doesNotMatch(ordinalToWords(String(n)), /\d/, String(n));
    }
  });
});
