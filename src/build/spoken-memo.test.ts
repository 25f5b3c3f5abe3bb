import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { spokenForm } from '../speech/normalise.js';
import { SpokenMemo } from './spoken-memo.js';

const lexicon = { GPU: 'gee pee you' };
const sentences = ['A GPU did 312 TFLOPS in 2020.', 'It cost $1.5M, or 3x more.'];

describe('the memo of spoken forms', () => {
  let dir: string;
  const file = () => join(dir, 'spoken-forms.json');
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ninety-spoken-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives what the normaliser gives, and keeps it for the next build', async () => {
    const memo = await SpokenMemo.load(dir, lexicon, 'en');
    assert.deepEqual(sentences.map((s) => memo.spoken(s)), sentences.map((s) => spokenForm(s, lexicon, 'en')));
    await memo.save();
    const stored = JSON.parse(await readFile(file(), 'utf8')) as { forms: Record<string, string> };
    assert.deepEqual(Object.keys(stored.forms), sentences);
  });

  it('reads the kept forms back rather than normalising again, and writes nothing when nothing is new', async () => {
    // A form only the file could give shows where the answer came from.
    const stored = JSON.parse(await readFile(file(), 'utf8')) as { forms: Record<string, string> };
    stored.forms[sentences[0]!] = 'read from the file';
    await writeFile(file(), JSON.stringify(stored));
    const before = (await stat(file())).mtimeMs;
    const memo = await SpokenMemo.load(dir, lexicon, 'en');
    assert.equal(memo.spoken(sentences[0]!), 'read from the file');
    memo.spoken(sentences[1]!);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await memo.save();
    assert.equal((await stat(file())).mtimeMs, before);
  });

  it('starts afresh for another lexicon or language, and from a damaged file', async () => {
    for (const [words, language] of [[{ GPU: 'graphics chip' }, 'en'], [lexicon, 'en-GB']] as const) {
      const memo = await SpokenMemo.load(dir, words, language);
      assert.equal(memo.spoken(sentences[0]!), spokenForm(sentences[0]!, words, language));
    }
    await writeFile(file(), '{"key": "');
    const memo = await SpokenMemo.load(dir, lexicon, 'en');
    assert.equal(memo.spoken(sentences[0]!), spokenForm(sentences[0]!, lexicon, 'en'));
  });

  it('keeps only the sentences the last build asked for', async () => {
    const memo = await SpokenMemo.load(dir, lexicon, 'en');
    memo.spoken(sentences[1]!);
    await memo.save();
    const stored = JSON.parse(await readFile(file(), 'utf8')) as { forms: Record<string, string> };
    assert.deepEqual(Object.keys(stored.forms), [sentences[1]]);
  });
});
