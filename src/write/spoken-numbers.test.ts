import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cardinalToWords, numberToWords, yearToWords } from '../speech/normalise/numbers.js';
import { readNumberWords } from './spoken-numbers.js';

const words = (text: string) => text.split(/[\s-]+/);

describe('readNumberWords', () => {
  const cases: [string, number, number, number][] = [
    // said, value, precision, words used
    ['seventy billion parameters', 70e9, 10e9, 2],
    ['four hundred and five billion', 405e9, 1e9, 5],
    ['fifteen point six trillion tokens', 15.6e12, 1e11, 4],
    ['one point four trillion', 1.4e12, 1e11, 4],
    ['sixteen thousand GPUs', 16_000, 1_000, 2],
    ['thirty-eight percent', 38, 1, 2],
    ['one hundred and ninety-one million', 191e6, 1e6, 6],
    ['two million three hundred thousand', 2.3e6, 1e5, 5],
    ['ninety-nine point three', 99.3, 0.1, 4],
    ['three point one four', 3.14, 0.01, 4],
    ['seven hundred and eighty', 780, 10, 4],
    ['one thousand and one', 1001, 1, 4],
    ['forty', 40, 10, 1],
  ];
  for (const [said, value, precision, used] of cases) {
    it(`reads "${said}" as ${value}, said to the nearest ${precision}`, () => {
      const reading = readNumberWords(words(said));
      assert.ok(reading);
      assert.ok(Math.abs(reading.value - value) < value * 1e-12, `${reading.value}`);
      assert.ok(Math.abs(reading.precision - precision) < precision * 1e-9, `${reading.precision}`);
      assert.equal(reading.used, used);
    });
  }

  it('reads years said in pairs', () => {
    for (const [said, year] of [['twenty twenty-two', 2022], ['nineteen ninety-nine', 1999], ['twenty oh five', 2005], ['twenty ten', 2010]] as const) {
      assert.deepEqual({ ...readNumberWords(words(said)) }, { value: year, precision: 1, used: words(said).length, year: true, leadingScale: false });
    }
    assert.equal(readNumberWords(words('nineteen hundred'))?.year, false);
    assert.equal(readNumberWords(words('twenty twenty billion'))?.value, 20, 'a scale makes it a count');
  });

  it('stops where the number stops', () => {
    assert.equal(readNumberWords(words('five six'))?.used, 1);
    assert.equal(readNumberWords(words('seventy and eighty'))?.used, 1);
    assert.equal(readNumberWords(words('thousand million'))?.used, 1);
    assert.equal(readNumberWords(words('three point'))?.used, 1);
    assert.equal(readNumberWords(words('tokens')), undefined);
  });

  it('marks a number that opens with a bare scale, as in "a hundred"', () => {
    assert.equal(readNumberWords(words('hundred'))?.leadingScale, true);
    assert.equal(readNumberWords(words('million'))?.leadingScale, true);
    assert.equal(readNumberWords(words('one million'))?.leadingScale, false);
  });

  it('reads back every number the narrator says, from 0 to 1,000,000 in steps', () => {
    for (let n = 0; n <= 1_000_000; n += n < 2_000 ? 1 : 997) {
      const said = cardinalToWords(String(n));
      assert.equal(readNumberWords(words(said))?.value, n, said);
    }
  });

  it('reads back decimals and years as the narrator says them', () => {
    for (const text of ['1.4', '15.6', '0.5', '99.3', '405.25']) assert.equal(readNumberWords(words(numberToWords(text)))?.value, Number(text));
    for (let year = 1900; year <= 2099; year++) assert.equal(readNumberWords(words(yearToWords(year)))?.value, year, yearToWords(year));
  });
});
