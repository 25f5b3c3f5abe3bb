import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { debounce, progressUpdate, type Snapshot } from './progress-view.js';

const snap = (kind: string, state: string): Snapshot => ({ job: { id: '1', kind, state, done: 0, total: 0, text: '', number: null }, outline: [], episodes: [] });

describe('studio progress view', () => {
  it('reloads once the outline it was waiting for is written', () => {
    assert.equal(progressUpdate({ state: 'running', kind: 'write-outline' }, snap('write-outline', 'done')).reload, true);
  });

  it('does not reload for a job that had already ended when the page loaded, nor for scripts (they stream in)', () => {
    assert.equal(progressUpdate({ state: 'done', kind: 'write-outline' }, snap('write-outline', 'done')).reload, false);
    assert.equal(progressUpdate({ state: 'running', kind: 'write-scripts' }, snap('write-scripts', 'done')).reload, false);
  });

  it('shows the bar while a job waits or runs', () => {
    assert.equal(progressUpdate({ state: 'none', kind: '' }, snap('voice-series', 'queued')).busy, true);
    assert.equal(progressUpdate({ state: 'none', kind: '' }, snap('voice-series', 'failed')).busy, false);
  });

  it('runs a debounced task once, and at once when flushed', async () => {
    let runs = 0;
    const later = debounce(() => runs++, 20);
    later.call();
    later.call();
    later.flush();
    assert.equal(runs, 1);
    later.flush();
    assert.equal(runs, 1);
    later.call();
    await new Promise((r) => setTimeout(r, 40));
    assert.equal(runs, 2);
  });
});
