import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineContract } from './engine.contract.js';
import { createEngine, describeEngine, engineStatus } from './engines.js';
import { createFliteEngine, FLITE_MAX_CHARS, FLITE_VOICES } from './flite.js';

for (const voice of FLITE_VOICES) engineContract(`flite ${voice} (built-in)`, createFliteEngine, voice);

describe('flite engine', () => {
  it('refuses input long enough to crash the WASI build instead of crashing the process', async () => {
    const engine = await createFliteEngine();
    const text = 'word '.repeat(FLITE_MAX_CHARS);
    await assert.rejects(engine.synthesize(text, { voice: 'rms', stretch: 1 }), /too long/);
  });

  it('reads a sentence that starts with a dash as text, not as a command-line flag', async () => {
    const engine = await createFliteEngine();
    const pcm = await engine.synthesize('-voice awb is not a flag here.', { voice: 'rms', stretch: 1 });
    assert.ok(pcm.samples.length / pcm.sampleRate > 1);
  });

  it('is found by name through the engine registry', async () => {
    const engine = await createEngine('flite');
    assert.equal(engine.name, 'flite');
    await assert.rejects(createEngine('nope'), /unknown speech engine "nope".*flite/);
  });

  it('has a measured pace, a language and a description for every voice', () => {
    const info = describeEngine('flite');
    for (const voice of FLITE_VOICES) {
      const pace = info.secondsPerLetter[voice];
      assert.ok(pace !== undefined && pace > 0.05 && pace < 0.12, `${voice}: ${pace}`);
      assert.match(info.languages[voice]?.join() ?? '', /^en-/);
      assert.ok(info.about?.[voice]);
    }
  });

  it('is usable offline with nothing to configure', async () => {
    assert.deepEqual(await engineStatus('flite'), { usable: true, detail: 'nothing to set up' });
  });
});
