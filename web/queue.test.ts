import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { autoplayHref, createQueue } from './queue.js';

describe('autoplayHref', () => {
  it('adds autoplay=1 to relative links, keeping queries and fragments', () => {
    assert.equal(autoplayHref('../lora/'), '../lora/?autoplay=1');
    assert.equal(autoplayHref('../lora/?t=5'), '../lora/?t=5&autoplay=1');
    assert.equal(autoplayHref('../lora/#notes'), '../lora/?autoplay=1#notes');
  });
});

describe('createQueue', () => {
  it('moves to the next episode with autoplay when one ends', () => {
    const visited: string[] = [];
    const queue = createQueue({ next: '../b/', previous: '../a/', navigate: (h) => visited.push(h), autoAdvance: () => true });
    assert.equal(queue.onEnded(), true);
    assert.deepEqual(visited, ['../b/?autoplay=1']);
  });
  it('stays put when auto-advance is off or at the last episode', () => {
    const visited: string[] = [];
    const off = createQueue({ next: '../b/', navigate: (h) => visited.push(h), autoAdvance: () => false });
    const last = createQueue({ previous: '../a/', navigate: (h) => visited.push(h), autoAdvance: () => true });
    assert.equal(off.onEnded(), false);
    assert.equal(last.onEnded(), false);
    assert.equal(last.hasNext, false);
    assert.deepEqual(visited, []);
  });
  it('plays the previous and next episodes on request', () => {
    const visited: string[] = [];
    const queue = createQueue({ next: '../c/', previous: '../a/', navigate: (h) => visited.push(h), autoAdvance: () => false });
    queue.playPrevious();
    queue.playNext();
    assert.deepEqual(visited, ['../a/?autoplay=1', '../c/?autoplay=1']);
  });
});
