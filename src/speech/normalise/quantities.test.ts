import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { speakMixedToken, speakNumbers } from './quantities.js';

describe('speakNumbers', () => {
  const cases: [string, string][] = [
    // Scales and units.
    ['a 70B model', 'a seventy billion model'],
    ['a 65B-parameter model', 'a sixty-five billion parameter model'],
    ['175B parameters', 'one hundred seventy-five billion parameters'],
    ['1.5T tokens', 'one point five trillion tokens'],
    ['a 128K context', 'a one hundred twenty-eight thousand context'],
    ['48GB of memory', 'forty-eight gigabytes of memory'],
    ['48 GB of memory', 'forty-eight gigabytes of memory'],
    ['1 GB', 'one gigabyte'],
    ['an 80GB A100', 'an eighty gigabyte ay one hundred'],
    ['the 80GB A100', 'the eighty gigabytes ay one hundred'],
    ['an 80GB-card', 'an eighty gigabyte card'],
    ['312 TFLOPS', 'three hundred twelve teraflops'],
    ['3.35 TB/s', 'three point three five terabytes per second'],
    ['a 5nm chip', 'a five nanometer chip'],
    ['took 90s', 'took ninety seconds'],
    // Multiples and ranges.
    ['3x faster', 'three times faster'],
    ['2.5× faster', 'two point five times faster'],
    ['10-100x faster', 'ten to one hundred times faster'],
    ['stages 1-3', 'stages one to three'],
    ['layers 1-20', 'layers one to twenty'],
    ['stages 1–3', 'stages one to three'],
    ['pages 10 – 20', 'pages ten to twenty'],
    ['from 2017-2020', 'from twenty seventeen to twenty twenty'],
    ['1-2% of data', 'one to two percent of data'],
    // Money.
    ['$50-100M+', 'fifty to one hundred million dollars or more'],
    ['$4.6M', 'four point six million dollars'],
    ['$1', 'one dollar'],
    ['$1M', 'one million dollars'],
    ['$4.99', 'four dollars and ninety-nine cents'],
    ['$0.50', 'fifty cents'],
    ['€2.5B', 'two point five billion euros'],
    ['£1.01', 'one pound and one penny'],
    ['$5M to $10M', 'five million dollars to ten million dollars'],
    // Percent and signs.
    ['1%', 'one percent'],
    ['0.1%', 'zero point one percent'],
    ['50 %', 'fifty percent'],
    ['10+ years', 'ten or more years'],
    ['a change of -0.5', 'a change of minus zero point five'],
    ['a change of −3', 'a change of minus three'],
    ['up +5%', 'up plus five percent'],
    // Years and plain numbers.
    ['in 2022', 'in twenty twenty-two'],
    ['in 2005', 'in two thousand five'],
    ['in 1999', 'in nineteen ninety-nine'],
    ['2024 study', 'twenty twenty-four study'],
    ['2048 tokens', 'two thousand forty-eight tokens'],
    ['1024 dimensions', 'one thousand twenty-four dimensions'],
    ['since 2048', 'since twenty forty-eight'],
    ['10,000 GPUs', 'ten thousand GPUs'],
    ['1,000,000 steps', 'one million steps'],
    ['2.5 points', 'two point five points'],
    ['007', 'zero zero seven'],
    // Ordinals, decades, hyphenated modifiers.
    ['the 1st run', 'the first run'],
    ['the 21st run', 'the twenty-first run'],
    ['the 3rd and 12th', 'the third and twelfth'],
    ['19th-century', 'nineteenth century'],
    ['4-bit weights', 'four bit weights'],
    ['8-bit', 'eight bit'],
    ['the 1990s', 'the nineteen nineties'],
    ['the 2020s', 'the twenty twenties'],
    ["the '90s", 'the nineties'],
    ['the 80s', 'the eighties'],
    ['the 2000s', 'the two thousands'],
    // Powers of ten.
    ['1e-4', 'one times ten to the minus four'],
    ['3.8e25', 'three point eight times ten to the twenty-five'],
    ['10^23', 'ten to the twenty-three'],
    ['10²³', 'ten to the twenty-three'],
    ['10⁻⁴', 'ten to the minus four'],
    ['x² and y³', 'x squared and y cubed'],
    ['CO₂', 'CO two'],
    // Versions, dates, times, ratios, fractions.
    ['v1.2', 'version one point two'],
    ['v2', 'version two'],
    ['1.2.3', 'one point two point three'],
    ['v0.10.1', 'version zero point ten point one'],
    ['on 2026-05-04', 'on May fourth, twenty twenty-six'],
    ['at 10:30', 'at ten thirty'],
    ['at 9:05am', 'at nine oh five ay em'],
    ['at 10:00', "at ten o'clock"],
    ['16:9', 'sixteen to nine'],
    ['1/2', 'one half'],
    ['3/4', 'three quarters'],
    ['2/3', 'two thirds'],
    ['9/10', 'nine tenths'],
    ['7/100', 'seven out of one hundred'],
    ['24/7', 'twenty-four seven'],
    ['#1', 'number one'],
    // Names with digits.
    ['bf16', 'bee eff sixteen'],
    ['fp16', 'eff pee sixteen'],
    ['FP8', 'eff pee eight'],
    ['int8', 'int eight'],
    ['A100', 'ay one hundred'],
    ['H100s', 'aitch one hundreds'],
    ['GPT-4', 'GPT four'],
    ['GPT-4o', 'GPT four oh'],
    ['GPT-3.5-turbo', 'GPT three point five turbo'],
    ['Llama-3-8B', 'Llama three eight billion'],
    ['Llama-2-70B', 'Llama two seventy billion'],
    ['Qwen2.5', 'Qwen two point five'],
    ['top-5 accuracy', 'top five accuracy'],
    ['COVID-19', 'COVID nineteen'],
    ['a 1024x1024 image', 'a ten twenty-four by ten twenty-four image'],
    ['RTX4090', 'ar tee ex forty ninety'],
    ['a 3D model', 'a three dee model'],
    ['5pm', 'five pee em'],
  ];
  for (const [text, expected] of cases) {
    it(`says "${text}" as "${expected}"`, () => assert.equal(speakNumbers(text), expected));
  }

  it('leaves text without digits unchanged', () => {
    const text = 'Chinchilla saw one point four trillion tokens — & more.';
    assert.equal(speakNumbers(text), text);
  });

  it('leaves no digit behind in awkward shapes', () => {
    const awkward = [
      '1,2,3', '5/4/2026', 'x86-64', '3-4-5', '1..2', '12:34:56', '0x1F', '1.2.3.4.5', '99999999999999999999',
      '$', '$.5', '1e', 'e5', '1.', '.1.', '１２', '3-', '-', 'A1B2C3', '10^', '^2', '½',
    ];
    for (const text of awkward) assert.doesNotMatch(speakNumbers(text), /[0-9]/, text);
  });
});

describe('speakMixedToken', () => {
  it('reads x between numbers as "by" and after one number as "times"', () => {
    assert.equal(speakMixedToken('3x3'), 'three by three');
    assert.equal(speakMixedToken('8x'), 'eight times');
  });
});
