import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engineContract } from './engine.contract.js';
import { createEngine } from './engine.js';
import { createFliteEngine, FLITE_MAX_CHARS } from './flite.js';

engineContract('flite (built-in)', createFliteEngine, 'rms');

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
});
