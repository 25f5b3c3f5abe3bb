import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeEngine } from '../speech/engines.js';
import { seriesSchema, type Series } from './schema.js';
import { seriesVoices, voicePace, voiceProblems } from './voices.js';

const base = {
  slug: 'talk',
  title: 'Talk',
  topic: 'talk',
  description: 'Two voices.',
  author: 'Ninety',
  owner: { name: 'Ninety', email: 'n@example.com' },
  language: 'en',
  category: 'Technology',
  explicit: false,
};
const series = (extra: object): Series => seriesSchema.parse({ ...base, ...extra });
const hosts = (ada: object, ben: object = { voice: 'rms' }) => ({ hosts: [{ name: 'Ada', ...ada }, { name: 'Ben', ...ben }] });

describe('seriesVoices', () => {
  it('is the one voice of a series without hosts', () => {
    assert.deepEqual(seriesVoices(series({})), [
      { engine: 'flite', voice: 'rms', field: 'voice.voice', engineField: 'voice.engine' },
    ]);
  });
  it('gives each host its voice, on the series engine unless it names its own', () => {
    const voices = seriesVoices(series(hosts({ voice: 'slt', engine: 'flite' })));
    assert.deepEqual(
      voices.map((v) => [v.name, v.engine, v.voice, v.field, v.engineField]),
      [
        ['Ada', 'flite', 'slt', 'hosts.0.voice', 'hosts.0.engine'],
        ['Ben', 'flite', 'rms', 'hosts.1.voice', 'voice.engine'],
      ],
    );
  });
});

describe('voiceProblems', () => {
  const file = 'talk/series.yaml';

  it('accepts hosts whose voices their engine has', () => {
    assert.deepEqual(voiceProblems(series(hosts({ voice: 'slt' })), file), []);
  });

  it('refuses a host voice the engine does not have, naming the host field and the voices there are', () => {
    const [problem, ...more] = voiceProblems(series(hosts({ voice: 'robot' })), file);
    assert.equal(more.length, 0);
    assert.deepEqual([problem!.file, problem!.field], [file, 'hosts.0.voice']);
    assert.equal(problem!.message, 'unknown voice "robot" for engine flite — choose one of rms, slt, awb, kal, kal16');
  });

  it('refuses an engine a host names that does not exist, on that host', () => {
    const [problem] = voiceProblems(series(hosts({ voice: 'slt' }, { voice: 'rms', engine: 'espeak' })), file);
    assert.equal(problem!.field, 'hosts.1.engine');
    assert.match(problem!.message, /unknown speech engine "espeak"; available: flite/);
  });

  it('refuses a language the voices cannot speak, once, naming the language field', () => {
    const problems = voiceProblems(series({ ...hosts({ voice: 'slt' }), language: 'fr' }), file);
    assert.deepEqual(problems.map((p) => p.field), ['language']);
    assert.match(problems[0]!.message, /French/);
    assert.deepEqual(voiceProblems(series({ language: 'en-GB' }), file), []);
  });

  it('accepts any voice name on a speech server, which judges it itself', () => {
    assert.deepEqual(voiceProblems(series({ voice: { engine: 'openai', voice: 'af_bella' } }), file), []);
  });

  it('still checks the series voice, which stays the default beside the hosts', () => {
    const [problem] = voiceProblems(series({ ...hosts({ voice: 'slt' }), voice: { voice: 'robot' } }), file);
    assert.equal(problem!.field, 'voice.voice');
  });
});

describe('voicePace', () => {
  it('is the engine\'s measured pace for the voice, and the default for an engine it cannot know', () => {
    assert.equal(voicePace({ engine: 'flite', voice: 'slt' }), describeEngine('flite').secondsPerLetter.slt);
    assert.equal(voicePace({ engine: 'nowhere', voice: 'x' }), 0.08);
  });
});
