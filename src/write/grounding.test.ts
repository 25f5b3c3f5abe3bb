import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { splitPassages } from '../sources/passages.js';
import { readSources } from '../sources/read.js';
import { figuresIn, supports, ungroundedFigures, type Figure } from './grounding.js';

const brief = (figures: Figure[]) => figures.map((f) => [f.text, f.kind, f.value ?? f.key]);

describe('figuresIn', () => {
  const cases: [string, [string, Figure['kind'], number | string][]][] = [
    ['It has four hundred and five billion parameters.', [['four hundred and five billion', 'number', 405e9]]],
    ['about fifteen point six trillion tokens', [['fifteen point six trillion', 'number', 15.6e12]]],
    ['It saw 15.6T tokens, or 15.6 trillion.', [['15.6T', 'number', 15.6e12], ['15.6 trillion', 'number', 15.6e12]]],
    ['thirty-eight percent, 38%, 38 per cent', [['thirty-eight percent', 'percent', 38], ['38%', 'percent', 38], ['38 per cent', 'percent', 38]]],
    ['In twenty twenty-two, and in 2022.', [['twenty twenty-two', 'year', 2022], ['2022', 'year', 2022]]],
    ['sixteen thousand GPUs, 16,000 GPUs, 16K GPUs', [['sixteen thousand', 'number', 16e3], ['16,000', 'number', 16e3], ['16K', 'number', 16e3]]],
    ['eighty gigabytes, 80 GB, 80GB', [['eighty gigabytes', 'size', 80e9], ['80 GB', 'size', 80e9], ['80GB', 'size', 80e9]]],
    ['a 70B model, a seventy-billion-parameter model', [['70B', 'number', 70e9], ['seventy-billion', 'number', 70e9]]],
    ['two percent, seven billion, four bits', [['two percent', 'percent', 2], ['seven billion', 'number', 7e9], ['four bits', 'size', 4]]],
    ['GPT-4 and GPT-four, H100s, FlashAttention, LLaMA', [['GPT-4', 'name', 'gpt4'], ['GPT-four', 'name', 'gpt4'], ['H100s', 'name', 'h100'], ['FlashAttention', 'name', 'flashattention'], ['LLaMA', 'name', 'llama']]],
    ["Meta's Llama three paper and Llama three point one", [['Llama three', 'name', 'llama3'], ['Llama three point one', 'name', 'llama3.1']]],
    ['It was Llama 3 405B.', [['Llama 3', 'name', 'llama3'], ['405B', 'number', 405e9]]],
  ];
  for (const [text, expected] of cases) {
    it(`finds ${expected.map((e) => `"${e[0]}"`).join(', ')} in "${text}"`, () => assert.deepEqual(brief(figuresIn(text)), expected));
  }

  const none = [
    'Three stages, one objective, ten steps and zero loss.',
    'The first run and the twenty-fifth, a third of the data, two thirds, half the cost.',
    'A hundred times, a thousand ways, a million reasons.',
    'Thousands of GPUs, tens of billions, hundreds of runs, the nineteen nineties.',
    'Hoffmann said it two years later. Gopher three times over.',
    'The GPU, the CPU and MMLU are jargon, not names; so are Chinchilla and Stanford.',
    'It is the 1st and the 21st.',
  ];
  for (const text of none) it(`finds nothing in "${text}"`, () => assert.deepEqual(brief(figuresIn(text)), []));
});

describe('supports', () => {
  it('accepts a source value that rounds or truncates to the figure at the precision said', () => {
    assert.ok(supports(30.84e6, { value: 31e6, precision: 1e6 }));
    assert.ok(supports(15.6e12, { value: 15e12, precision: 1e12 }));
    assert.ok(supports(15.6e12, { value: 16e12, precision: 1e12 }));
    assert.ok(supports(16_384, { value: 16e3, precision: 1e3 }));
    assert.ok(supports(5.76e23, { value: 5.8e23, precision: 1e22 }));
  });

  it('refuses a value that is further off, even for a round figure', () => {
    assert.ok(!supports(1.4e12, { value: 2.1e12, precision: 1e11 }));
    assert.ok(!supports(15.2e12, { value: 15.6e12, precision: 1e11 }));
    assert.ok(!supports(65e9, { value: 70e9, precision: 10e9 }));
    assert.ok(!supports(43, { value: 40, precision: 10 }));
    assert.ok(!supports(2021, { value: 2022, precision: 1 }));
  });
});

describe('ungroundedFigures', () => {
  let passages: string[];
  before(async () => {
    const fixtures = fileURLToPath(new URL('../../src/sources/fixtures/', import.meta.url));
    const sources = await readSources(['chinchilla.md', 'chinchilla.html', 'chinchilla.pdf'], { cwd: fixtures });
    passages = splitPassages(sources, { words: 80 }).map((p) => p.text);
  });

  const grounded = [
    'In twenty twenty-two, DeepMind trained more than four hundred models, from seventy million to over sixteen billion parameters.',
    'Chinchilla had seventy billion parameters and saw one point four trillion tokens, about twenty tokens per parameter.',
    'Gopher had two hundred and eighty billion parameters and saw three hundred billion tokens.',
    'Chinchilla scored sixty-seven point five percent on MMLU and beat GPT-three, with about five point eight times ten to the twenty-third FLOPs.',
    'In 2022 Chinchilla used 1.4T tokens; GPT-3 had 175B parameters. Meta’s LLaMA saw one trillion tokens in twenty twenty-three.',
    'It is four times smaller, saw about four point seven times more data, and about sixty-eight percent on MMLU.',
  ];
  for (const script of grounded) {
    it(`finds every figure of "${script.slice(0, 60)}…" in the sources`, () => {
      assert.ok(figuresIn(script).length > 0, 'the script states figures');
      assert.deepEqual(brief(ungroundedFigures(script, passages)), []);
    });
  }

  const invented: [string, string[]][] = [
    ['Chinchilla saw two point one trillion tokens.', ['two point one trillion']],
    ['Chinchilla had sixty-five billion parameters.', ['sixty-five billion']],
    ['It scored seventy-five percent on MMLU in twenty twenty-one.', ['seventy-five percent', 'twenty twenty-one']],
    ['It used twelve thousand GPUs with eighty gigabytes each.', ['twelve thousand', 'eighty gigabytes']],
    ['Unlike GPT-four and Llama three, it used FlashAttention.', ['GPT-four', 'Llama three', 'FlashAttention']],
    ['Chinchilla saw 2.1T tokens and 45 tokens per parameter.', ['2.1T', '45']],
  ];
  for (const [script, flagged] of invented) {
    it(`flags ${flagged.map((f) => `"${f}"`).join(', ')} the sources do not state`, () => {
      assert.deepEqual(ungroundedFigures(script, passages).map((f) => f.text), flagged);
    });
  }

  it('reads a rate in TFLOPs as its number of operations', () => {
    const sources = ['roughly 400 TFLOPs sustained per H100'];
    assert.deepEqual(ungroundedFigures('about four hundred trillion operations a second', sources), []);
    assert.deepEqual(ungroundedFigures('about four hundred billion operations a second', sources).map((f) => f.text), ['four hundred billion']);
  });

  it('does not check companies written with inner capitals', () => {
    assert.deepEqual(ungroundedFigures("OpenAI's scaling work and DeepMind's replay", ['Nothing about them.']), []);
  });

  it('ends a version where the source separates it from the next number', () => {
    const sources = ['FineWeb-Edu used Llama-3-70B-Instruct; GPT-3 (175B) was larger.'];
    assert.deepEqual(ungroundedFigures('a Llama three model, bigger than GPT-three', sources), []);
    assert.deepEqual(ungroundedFigures('unlike GPT-three point five', sources).map((f) => f.text), ['GPT-three point five']);
  });

  it('matches names ignoring case, spaces and hyphens, and versions by their digits', () => {
    const sources = ['Meta released LLaMA-3.1 and Flash Attention 2, then GPT-4o came out.'];
    assert.deepEqual(ungroundedFigures('Llama three, FlashAttention and GPT-4 all count.', sources), []);
    assert.deepEqual(ungroundedFigures('Then came Llama three point two.', sources).map((f) => f.text), ['Llama three point two']);
    assert.deepEqual(ungroundedFigures('And Llama 31 is not it.', sources).map((f) => f.text), ['Llama 31']);
  });
});
