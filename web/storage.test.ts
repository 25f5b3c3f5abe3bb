import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  episodeKey,
  openStore,
  readNumber,
  readProgress,
  readString,
  throttledSaver,
  writePreference,
  writeProgress,
  type KeyValueStore,
} from './storage.js';

function mapStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const throwing: KeyValueStore = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {
    throw new Error('SecurityError');
  },
};

describe('episode progress', () => {
  it('round-trips position, duration and played state under a per-episode key', () => {
    const backing = mapStore();
    const store = openStore(() => backing);
    writeProgress(store, 'ai-training', 'lora', { position: 42.123, duration: 90, played: false, updated: 5 });
    assert.ok(backing.data.has(episodeKey('ai-training', 'lora')));
    assert.deepEqual(readProgress(store, 'ai-training', 'lora'), { position: 42.1, duration: 90, played: false, updated: 5 });
  });
  it('returns null for missing or corrupt entries', () => {
    const backing = mapStore();
    backing.data.set(episodeKey('s', 'bad'), '{not json');
    const store = openStore(() => backing);
    assert.equal(readProgress(store, 's', 'none'), null);
    assert.equal(readProgress(store, 's', 'bad'), null);
  });
  it('replaces invalid numbers with safe defaults', () => {
    const backing = mapStore();
    backing.data.set(episodeKey('s', 'e'), JSON.stringify({ position: 'x', duration: -3, played: 'yes' }));
    assert.deepEqual(readProgress(openStore(() => backing), 's', 'e'), { position: 0, duration: 0, played: false, updated: 0 });
  });
});

describe('openStore', () => {
  it('keeps working in memory when localStorage throws', () => {
    const store = openStore(() => throwing);
    writePreference(store, 'speed', 1.5);
    assert.equal(readNumber(store, 'speed'), 1.5);
  });
  it('keeps working when localStorage cannot even be reached', () => {
    const store = openStore(() => {
      throw new Error('SecurityError');
    });
    writePreference(store, 'autoadvance', false);
    assert.equal(readString(store, 'autoadvance'), 'false');
    store.removeItem('ninety:pref:autoadvance');
    assert.equal(readString(store, 'autoadvance'), null);
  });
  it('reads a non-numeric preference as missing', () => {
    const backing = mapStore();
    backing.data.set('ninety:pref:speed', 'fast');
    assert.equal(readNumber(openStore(() => backing), 'speed'), null);
  });
});

describe('throttledSaver', () => {
  function fakeTimers() {
    const pending = new Map<number, () => void>();
    let next = 1;
    return {
      pending,
      setTimeout: (fn: () => void) => {
        pending.set(next, fn);
        return next++;
      },
      clearTimeout: (h: unknown) => void pending.delete(h as number),
      fire() {
        const all = [...pending.entries()];
        pending.clear();
        for (const [, fn] of all) fn();
      },
    };
  }

  it('writes once per window however often it is scheduled', () => {
    const timers = fakeTimers();
    let saves = 0;
    const saver = throttledSaver(() => saves++, 1000, timers);
    for (let i = 0; i < 10; i++) saver.schedule();
    assert.equal(saves, 0);
    assert.equal(timers.pending.size, 1);
    timers.fire();
    assert.equal(saves, 1);
    saver.schedule();
    timers.fire();
    assert.equal(saves, 2);
  });
  it('flush writes at once and cancels the pending write', () => {
    const timers = fakeTimers();
    let saves = 0;
    const saver = throttledSaver(() => saves++, 1000, timers);
    saver.schedule();
    saver.flush();
    assert.equal(saves, 1);
    assert.equal(timers.pending.size, 0);
  });
});
