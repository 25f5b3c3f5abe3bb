import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { shareEpisode, shareLink, startTimeFromUrl, wantsAutoplay, withoutOneShotParams } from './deep-link.js';

describe('startTimeFromUrl', () => {
  it('reads ?t=1:23 and #t=83', () => {
    assert.equal(startTimeFromUrl('?t=1:23', ''), 83);
    assert.equal(startTimeFromUrl('', '#t=83'), 83);
    assert.equal(startTimeFromUrl('?x=1', '#t=1:05'), 65);
  });
  it('prefers the query and ignores malformed values', () => {
    assert.equal(startTimeFromUrl('?t=10', '#t=20'), 10);
    assert.equal(startTimeFromUrl('?t=soon', '#t=20'), 20);
    assert.equal(startTimeFromUrl('?t=soon', ''), null);
    assert.equal(startTimeFromUrl('', ''), null);
  });
});

describe('wantsAutoplay', () => {
  it('is on for autoplay=1 only', () => {
    assert.equal(wantsAutoplay('?autoplay=1'), true);
    assert.equal(wantsAutoplay('?autoplay=0'), false);
    assert.equal(wantsAutoplay(''), false);
  });
});

describe('withoutOneShotParams', () => {
  it('drops autoplay and t, keeps other parameters', () => {
    assert.equal(withoutOneShotParams('https://x.test/s/e/?autoplay=1&t=1:00&ref=feed'), 'https://x.test/s/e/?ref=feed');
    assert.equal(withoutOneShotParams('https://x.test/s/e/?autoplay=1'), 'https://x.test/s/e/');
    assert.equal(withoutOneShotParams('https://x.test/s/e/#t=20'), 'https://x.test/s/e/');
    assert.equal(withoutOneShotParams('https://x.test/s/e/#notes'), 'https://x.test/s/e/#notes');
  });
});

describe('shareLink', () => {
  it('links to the current moment in readable m:ss', () => {
    assert.equal(shareLink('https://x.test/s/e/?autoplay=1', 83.7), 'https://x.test/s/e/?t=1:23');
  });
  it('gives the plain page link at the start', () => {
    assert.equal(shareLink('https://x.test/s/e/#t=4', 0), 'https://x.test/s/e/');
  });
});

describe('shareEpisode', () => {
  const data = { title: 'LoRA', url: 'https://x.test/s/e/?t=1:23' };

  it('uses the share sheet where there is one', async () => {
    const shared: unknown[] = [];
    assert.equal(await shareEpisode({ share: async (d) => void shared.push(d) }, data), 'shared');
    assert.deepEqual(shared, [{ title: 'LoRA', url: data.url }]);
  });
  it('reports a cancelled share without copying', async () => {
    const copied: string[] = [];
    const nav = {
      share: async () => {
        throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
      },
      clipboard: { writeText: async (t: string) => void copied.push(t) },
    };
    assert.equal(await shareEpisode(nav, data), 'cancelled');
    assert.deepEqual(copied, []);
  });
  it('copies the link when there is no share sheet', async () => {
    const copied: string[] = [];
    assert.equal(await shareEpisode({ clipboard: { writeText: async (t) => void copied.push(t) } }, data), 'copied');
    assert.deepEqual(copied, [data.url]);
  });
  it('reports failure when neither works', async () => {
    assert.equal(await shareEpisode({}, data), 'failed');
    const denied = { clipboard: { writeText: async () => Promise.reject(new Error('denied')) } };
    assert.equal(await shareEpisode(denied, data), 'failed');
  });
});
