import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyLexicon, findLexiconTerms, pluralOfSpoken } from './lexicon.js';

const lexicon = {
  GPU: 'gee pee you',
  'GPT-3': 'gee pee tee three',
  GPT: 'gee pee tee',
  LoRA: 'lora',
  QLoRA: 'cue lora',
  pytorch: 'pie torch',
  'IA³': 'eye ay cubed',
  'Hugging Face': 'hugging face',
  'C++': 'see plus plus',
  OS: 'oh ess',
  Ada: 'ay da',
  ada: 'ay dee ay',
};

describe('applyLexicon', () => {
  const cases: [string, string][] = [
    ['Train on a GPU.', 'Train on a gee pee you.'],
    ['GPT-3 beat GPT.', 'gee pee tee three beat gee pee tee.'],
    ['LoRA and QLoRA', 'lora and cue lora'],
    ['PyTorch, Pytorch, PYTORCH', 'pie torch, pie torch, pie torch'],
    ['IA³ scales activations', 'eye ay cubed scales activations'],
    ['Hugging Face hosts it', 'hugging face hosts it'],
    ['written in C++.', 'written in see plus plus.'],
    ['GPU-hours', 'gee pee you-hours'],
    ["the GPU's memory", "the gee pee you's memory"],
  ];
  for (const [text, expected] of cases) {
    it(`says "${text}" as "${expected}"`, () => assert.equal(applyLexicon(text, lexicon), expected));
  }

  it('matches whole words only', () => {
    assert.equal(applyLexicon('GPUX and XGPU and LoRAs', lexicon), 'GPUX and XGPU and LoRAs');
  });

  it('is case-sensitive for terms with capitals', () => {
    assert.equal(applyLexicon('lora and gpu', lexicon), 'lora and gpu');
  });

  it('prefers the exact-case entry over the lower-case one', () => {
    assert.equal(applyLexicon('Ada and ADA', lexicon), 'ay da and ay dee ay');
  });

  it('prefers the longest term', () => {
    assert.equal(applyLexicon('GPT-3 and GPT-4', lexicon), 'gee pee tee three and gee pee tee-4');
  });

  it('does not match a version inside a longer number', () => {
    assert.equal(applyLexicon('GPT-3.5 is newer', lexicon), 'gee pee tee-3.5 is newer');
  });

  it('says the plural of an acronym entry as its spoken form plus s', () => {
    assert.equal(applyLexicon('eight GPUs', lexicon), 'eight gee pee yous');
    assert.equal(applyLexicon('two OSs', lexicon), 'two oh esses');
  });

  it('does not make plurals of entries that are not acronyms', () => {
    assert.equal(applyLexicon('LoRAs', lexicon), 'LoRAs');
  });

  it('leaves text alone with an empty lexicon', () => {
    assert.equal(applyLexicon('GPU', {}), 'GPU');
  });
});

describe('findLexiconTerms', () => {
  it('reports where each term was found, without overlaps', () => {
    assert.deepEqual(findLexiconTerms('A GPT-3 on GPUs', lexicon), [
      { start: 2, end: 7, term: 'GPT-3', spoken: 'gee pee tee three' },
      { start: 11, end: 15, term: 'GPU', spoken: 'gee pee yous' },
    ]);
  });
});

describe('pluralOfSpoken', () => {
  it('adds es after a hissing sound', () => {
    assert.equal(pluralOfSpoken('gee pee you'), 'gee pee yous');
    assert.equal(pluralOfSpoken('ex'), 'exes');
  });
});
