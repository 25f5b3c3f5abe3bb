import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { speakSymbols, tidySpoken } from './symbols.js';

function say(text: string): string {
  return tidySpoken(speakSymbols(text));
}

describe('speakSymbols', () => {
  const cases: [string, string][] = [
    ['R&D', 'R and D'],
    ['Q & A', 'Q and A'],
    ['a % sign', 'a percent sign'],
    ['C++', 'C plus plus'],
    ['one + two', 'one plus two'],
    ['two × three', 'two times three'],
    ['~ten', 'about ten'],
    ['≈ten', 'about ten'],
    ['and/or', 'and or'],
    ['input/output', 'input or output'],
    ['tokens/s', 'tokens per second'],
    ['ten dollars/hour', 'ten dollars per hour'],
    ['cost/token', 'cost per token'],
    ['a = b', 'a equals b'],
    ['a < b > c', 'a less than b more than c'],
    ['a ≤ b ≥ c', 'a at most b at least c'],
    ['plus ± minus', 'plus plus or minus minus'],
    ['A → B', 'A to B'],
    ['user@host', 'user at host'],
    ['adapters (small ones) help', 'adapters small ones help'],
    ['[see below] and {this}', 'see below and this'],
    ['model(s)', 'models'],
    ['big — really big', 'big, really big'],
    ['big—really big', 'big, really big'],
    ['big – really big', 'big, really big'],
    ['big - really big', 'big, really big'],
    ['big -- really', 'big, really'],
    ['Kaplan–Chinchilla', 'Kaplan-Chinchilla'],
    ['wait… what', 'wait, what'],
    ['wait... what', 'wait, what'],
    ['and so…', 'and so.'],
    ['he said “hello” and "bye"', 'he said hello and bye'],
    ['it’s the models’ turn', "it's the models' turn"],
    ["the 'quoted' word", 'the quoted word'],
    ['**bold** and _this_', 'bold and this'],
    ['a | b • c', 'a, b, c'],
    ['¾ of it', 'three quarters of it'],
  ];
  for (const [text, expected] of cases) {
    it(`says "${text}" as "${expected}"`, () => assert.equal(say(text), expected));
  }

  it('leaves symbols it has no words for, so the lint can report them', () => {
    assert.equal(say('sum ∑ here'), 'sum ∑ here');
  });
});

describe('tidySpoken', () => {
  const cases: [string, string][] = [
    ['  too   many  spaces ', 'too many spaces'],
    ['word , next', 'word, next'],
    ['a,, b', 'a, b'],
    ['a, , b', 'a, b'],
    ['end,.', 'end.'],
    ['end.,', 'end.'],
    [', leading', 'leading'],
    ['trailing,', 'trailing.'],
    ['a,b', 'a, b'],
  ];
  for (const [text, expected] of cases) {
    it(`tidies "${text}" to "${expected}"`, () => assert.equal(tidySpoken(text), expected));
  }
});
