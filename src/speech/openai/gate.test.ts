import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createGate, sleep } from './gate.js';

describe('server gate', () => {
  it('never lets more than `concurrency` tasks run at once, newcomers included', async () => {
    const gate = createGate(2);
    let running = 0;
    let peak = 0;
    const task = async () => {
      peak = Math.max(peak, ++running);
      await sleep(5);
      running--;
    };
    const first = Array.from({ length: 5 }, () => gate.run(task));
    await sleep(7);
    await Promise.all([...first, ...Array.from({ length: 5 }, () => gate.run(task))]);
    assert.equal(peak, 2);
  });

  it('holds every request back while the server asked for a pause', async () => {
    const gate = createGate(4);
    gate.pause(60);
    const started = performance.now();
    await gate.clear();
    assert.ok(performance.now() - started >= 55);
    let passed = false;
    void gate.clear().then(() => (passed = true));
    await new Promise<void>((resolve) => setImmediate(resolve));
    assert.ok(passed, 'no pause once it is over');
  });
});
