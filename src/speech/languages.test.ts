import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeEngine } from './engines.js';
import { checkVoiceLanguage, checkVoiceName, languageName, normalisationNote, speaksLanguage } from './languages.js';
import { spokenForm, toSpoken } from './normalise.js';

const flite = describeEngine('flite');
const openai = describeEngine('openai', { NINETY_TTS_BASE_URL: 'http://localhost:8880/v1' });

describe('voice languages', () => {
  it('lets a voice speak its language in any region, by the primary language', () => {
    assert.ok(speaksLanguage(['en-US'], 'en'));
    assert.ok(speaksLanguage(['en-US'], 'en-GB'));
    assert.ok(speaksLanguage(['*'], 'ja'));
    assert.ok(!speaksLanguage(['en-US'], 'de'));
  });

  it('accepts every Flite voice for an English series', () => {
    for (const voice of flite.voices) {
      assert.equal(checkVoiceLanguage(flite, voice, 'en'), undefined);
      assert.equal(checkVoiceLanguage(flite, voice, 'en-AU'), undefined);
    }
  });

  it('refuses a Flite voice for a German series, saying what to change', () => {
    assert.equal(
      checkVoiceLanguage(flite, 'rms', 'de'),
      'flite voice "rms" speaks English (en-US), not German (de): none of flite\'s voices does: choose an engine ' +
        'whose voices speak it (engine: openai with a speech server that has a German voice), or correct language in series.yaml',
    );
  });

  it('leaves the language of a speech server voice to the server', () => {
    assert.equal(checkVoiceLanguage(openai, 'alloy', 'fr'), undefined);
    assert.equal(checkVoiceLanguage(openai, 'af_bella', 'ja'), undefined);
  });

  it('knows the voices of a closed engine, and takes any name for a server', () => {
    assert.equal(checkVoiceName(flite, 'slt'), undefined);
    assert.match(checkVoiceName(flite, 'alloy') ?? '', /unknown voice "alloy" for engine flite — choose one of rms, slt, awb, kal, kal16/);
    assert.equal(checkVoiceName(openai, 'af_bella'), undefined);
  });

  it('names languages in English', () => {
    assert.equal(languageName('de'), 'German');
    assert.equal(languageName('en-US'), 'English');
  });
});

describe('normalisation by language', () => {
  const lexicon = { GPU: 'gee pee you' };

  it('normalises English exactly as before', () => {
    const sentence = 'A GPU at 70B parameters costs $5M, 10x more.';
    assert.equal(spokenForm(sentence, lexicon, 'en'), toSpoken(sentence, lexicon));
    assert.equal(spokenForm(sentence, lexicon, 'en-GB'), toSpoken(sentence, lexicon));
  });

  it('sends other languages as written, with only the lexicon applied', () => {
    assert.equal(spokenForm('Eine GPU kostet  5 € — 70B Parameter.', lexicon, 'de'), 'Eine gee pee you kostet 5 € — 70B Parameter.');
  });

  it('says so for a series that is not in English, and only then', () => {
    assert.equal(normalisationNote('en-US'), undefined);
    assert.match(normalisationNote('fr') ?? '', /for English only: scripts in French \(fr\) go to the voice as written/);
  });
});
