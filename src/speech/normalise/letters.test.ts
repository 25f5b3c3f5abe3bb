import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { shouldSpell, spellLetters } from './letters.js';

describe('spellLetters', () => {
  it('spells an acronym as letter names', () => {
    assert.equal(spellLetters('GPU'), 'gee pee you');
    assert.equal(spellLetters('bf'), 'bee eff');
    assert.equal(spellLetters('W'), 'double you');
  });

  it('gives every letter of the alphabet a name made only of letters and spaces', () => {
    const spelled = spellLetters('abcdefghijklmnopqrstuvwxyz');
    assert.match(spelled, /^[a-z ]+$/);
    assert.equal(spelled.split(' ').filter((w) => w !== 'double').length, 26);
  });
});

describe('shouldSpell', () => {
  const cases: [string, boolean][] = [
    ['A', true],
    ['FP', true],
    ['bf', true],
    ['GPT', true],
    ['o', true],
    ['int', false],
    ['Llama', false],
    ['Qwen', false],
    ['YOLOv', false],
  ];
  for (const [letters, expected] of cases) {
    it(`${expected ? 'spells' : 'keeps'} "${letters}"`, () => assert.equal(shouldSpell(letters), expected));
  }
});
