import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { toSpoken, unsayable } from './normalise.js';

const lexicon: Record<string, string> = {
  A100: 'ay one hundred',
  GPU: 'gee pee you',
  'GPT-3': 'gee pee tee three',
  GPT: 'gee pee tee',
  'IA³': 'eye ay three',
  LoRA: 'lora',
  pytorch: 'pie torch',
  FP8: 'eff pee eight bit',
};

/** Same seed, same strings: property tests that fail can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomText(next: () => number, alphabet: string[], length: number): string {
  let s = '';
  for (let i = 0; i < length; i += 1) s += alphabet[Math.floor(next() * alphabet.length)]!;
  return s;
}

const SAYABLE = /^[\p{L}\p{M}\s.,?!'\-:;]*$/u;

describe('toSpoken', () => {
  const cases: [string, string][] = [
    ['Meta trained a 70B model.', 'Meta trained a seventy billion model.'],
    ['A 65B-parameter model.', 'A sixty-five billion parameter model.'],
    ['It has 175B parameters.', 'It has one hundred seventy-five billion parameters.'],
    ['It saw 1.5T tokens.', 'It saw one point five trillion tokens.'],
    ['It needs 48GB.', 'It needs forty-eight gigabytes.'],
    ['It needs 48 GB.', 'It needs forty-eight gigabytes.'],
    ['Each 80GB A100 helps.', 'Each eighty gigabytes ay one hundred helps.'],
    ['It is 10-100x faster.', 'It is ten to one hundred times faster.'],
    ['It is 3x faster.', 'It is three times faster.'],
    ['It cost $50-100M+ to train.', 'It cost fifty to one hundred million dollars or more to train.'],
    ['It cost $4.6M.', 'It cost four point six million dollars.'],
    ['Only 1% of it.', 'Only one percent of it.'],
    ['Only 0.1% of it.', 'Only zero point one percent of it.'],
    ['In stages 1-3.', 'In stages one to three.'],
    ['In layers 1-20.', 'In layers one to twenty.'],
    ['In stages 1–3.', 'In stages one to three.'],
    ['In 2022.', 'In twenty twenty-two.'],
    ['In 2005.', 'In two thousand five.'],
    ['In 1999.', 'In nineteen ninety-nine.'],
    ['We used 10,000 chips.', 'We used ten thousand chips.'],
    ['The 1st and 21st runs.', 'The first and twenty-first runs.'],
    ['It grew 2.5 times.', 'It grew two point five times.'],
    ['Use 4-bit or 8-bit weights.', 'Use four bit or eight bit weights.'],
    ['Train in bf16 or fp16.', 'Train in bee eff sixteen or eff pee sixteen.'],
    ['Train in FP8.', 'Train in eff pee eight bit.'],
    ['Train in fp8.', 'Train in eff pee eight.'],
    ['A rate of 1e-4.', 'A rate of one times ten to the minus four.'],
    ['R&D matters.', 'R and D matters.'],
    ['Half, or 50%, of it.', 'Half, or fifty percent, of it.'],
    ['C++ is fast.', 'C plus plus is fast.'],
    ['A 2×2 grid.', 'A two times two grid.'],
    ['About ~70B.', 'About about seventy billion.'],
    ['Fine-tune and/or prompt.', 'Fine-tune and or prompt.'],
    ['Input/output matters.', 'Input or output matters.'],
    ['GPT vs BERT.', 'gee pee tee versus BERT.'],
    ['GPT vs. BERT.', 'gee pee tee versus BERT.'],
    ['Many, e.g. adapters.', 'Many, for example adapters.'],
    ['Adapters, i.e. small layers.', 'Adapters, that is small layers.'],
    ['Data, code, etc.', 'Data, code, et cetera.'],
    ['Adapters (small ones) help.', 'Adapters small ones help.'],
    ['Adapters [small ones] help.', 'Adapters small ones help.'],
    ['It was big — really big.', 'It was big, really big.'],
    ['It was big – really big.', 'It was big, really big.'],
    ['IA³ scales activations.', 'eye ay three scales activations.'],
    ['Volume grows as x³.', 'Volume grows as x cubed.'],
    ['GPT-3 was big.', 'gee pee tee three was big.'],
    ['GPT-3.5 was bigger.', 'gee pee tee three point five was bigger.'],
    ['Eight GPUs ran it.', 'Eight gee pee yous ran it.'],
    ['PyTorch runs it.', 'pie torch runs it.'],
    ['LoRA adapters.', 'lora adapters.'],
    ['“Quoted” words.', 'Quoted words.'],
    ['Is it 2x?', 'Is it two times?'],
    ['Wow!', 'Wow!'],
  ];
  for (const [written, spoken] of cases) {
    it(`says "${written}" as "${spoken}"`, () => assert.equal(toSpoken(written, lexicon), spoken));
  }

  it('leaves a plain sentence exactly as written', () => {
    const sentence = "Chinchilla saw one point four trillion tokens, and it's better: really; isn't it?";
    assert.equal(toSpoken(sentence, lexicon), sentence);
  });

  it('never leaves a digit, whatever mix of digits, letters and symbols it is given', () => {
    const next = random(42);
    const alphabet = [...'0123456789'.repeat(3), ...'aBxkMTGs e.,-–/%+$€£:^#²³₂()'];
    for (let i = 0; i < 1500; i += 1) {
      const text = randomText(next, alphabet, 1 + Math.floor(next() * 24));
      assert.doesNotMatch(toSpoken(text, lexicon), /[0-9]/, JSON.stringify(text));
    }
  });

  it('says every symbol it knows with letters and light punctuation only', () => {
    const next = random(7);
    const alphabet = [
      ...'abcXYZ 0123456789.,?!:;-'.split(''),
      ...'&%+×~≈/=<>≤≥±→@°§^#|•·*_\\()[]{}—–…"“”‘’´`²³¹⁴⁻₂½¾'.split(''),
      '$5', '€5', '£5', 'e.g.', 'i.e.', 'etc.', 'vs.', 'U.S.',
    ];
    for (let i = 0; i < 1500; i += 1) {
      const text = randomText(next, alphabet, 1 + Math.floor(next() * 20));
      assert.match(toSpoken(text, {}), SAYABLE, JSON.stringify(text));
    }
  });

  it('has no space before punctuation and no doubled spaces', () => {
    const next = random(3);
    const alphabet = [...'ab 12 ,.;:!?()—–…&%'.split('')];
    for (let i = 0; i < 2000; i += 1) {
      const spoken = toSpoken(randomText(next, alphabet, 1 + Math.floor(next() * 20)), {});
      assert.doesNotMatch(spoken, / [,.;:!?]| {2}|^ | $/, JSON.stringify(spoken));
    }
  });

  it('gives the same spoken form when run on its own output', () => {
    const samples = [
      'Meta trained a 70B model on 1.5T tokens in 2022 for $4.6M.',
      'It is 10-100x faster (about 3x), e.g. in stages 1-3.',
      'Use bf16 & 4-bit weights — or FP8.',
    ];
    for (const s of samples) {
      const once = toSpoken(s, lexicon);
      assert.equal(toSpoken(once, lexicon), once, s);
    }
  });
});

describe('unsayable', () => {
  it('reports all-capital jargon with no lexicon entry and says how to fix it', () => {
    const [finding] = unsayable('We sharded it with FSDP.', lexicon);
    assert.deepEqual(finding, {
      index: 19,
      token: 'FSDP',
      reason: 'add "FSDP" to lexicon.yaml with how to say it (for letters one by one: "FSDP: eff ess dee pee")',
    });
  });

  it('reports words with capitals inside them', () => {
    const tokens = unsayable('DeepSpeed, QLoRA, iPhone and vLLM.', lexicon).map((f) => f.token);
    assert.deepEqual(tokens, ['DeepSpeed', 'QLoRA', 'iPhone', 'vLLM']);
  });

  it('accepts ordinary capitalised words', () => {
    assert.deepEqual(unsayable('The Chinchilla paper from Microsoft and Google. I agree.', lexicon), []);
  });

  it('accepts jargon that the lexicon covers, including lower-case entries and acronym plurals', () => {
    assert.deepEqual(unsayable('LoRA on GPUs with PyTorch and GPT-3 on an A100 with IA³.', lexicon), []);
  });

  it('suggests the singular for a plural acronym', () => {
    const [finding] = unsayable('Four TPUs.', lexicon);
    assert.equal(finding?.token, 'TPUs');
    assert.match(finding?.reason ?? '', /add "TPU" to lexicon\.yaml/);
  });

  it('does not report numbers, units and names with digits that are said in full', () => {
    assert.deepEqual(unsayable('A 70B model at 312 TFLOPS on 48GB, in bf16 on an H100, 3x faster in 2022.', lexicon), []);
  });

  it('reports a unit written without a number as jargon', () => {
    assert.deepEqual(
      unsayable('Measured in TFLOPS.', lexicon).map((f) => f.token),
      ['TFLOPS'],
    );
  });

  it('reports symbols the voice cannot say, at their place in the written text', () => {
    assert.deepEqual(unsayable('The sum ∑ of it', lexicon), [
      {
        index: 8,
        token: '∑',
        reason: 'the voice cannot say "∑": write it in words, or add the term that contains it to lexicon.yaml',
      },
    ]);
  });

  it('reports each token once, in order of position', () => {
    const findings = unsayable('FSDP ∑ FSDP and ZeRO ∑', lexicon);
    assert.deepEqual(
      findings.map((f) => [f.index, f.token]),
      [
        [0, 'FSDP'],
        [5, '∑'],
        [16, 'ZeRO'],
      ],
    );
  });

  it('finds nothing in empty text', () => {
    assert.deepEqual(unsayable('', lexicon), []);
  });
});
