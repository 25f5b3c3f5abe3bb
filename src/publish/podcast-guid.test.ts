import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { episodeGuid, normaliseFeedUrl, podcastGuid, uuidV5 } from './podcast-guid.js';

describe('podcastGuid', () => {
  it('matches the spec vector for podnews.net/rss', () => {
    assert.equal(podcastGuid('podnews.net/rss'), '9b024349-ccf0-5f69-a609-6b82873eab3c');
  });

  it('matches the spec vector for mp3s.nashownotes.com/pc20rss.xml', () => {
    assert.equal(podcastGuid('mp3s.nashownotes.com/pc20rss.xml'), '917393e3-1b1e-5cef-ace4-edaa54e1f810');
  });

  it('ignores the scheme and trailing slashes', () => {
    assert.equal(podcastGuid('https://podnews.net/rss/'), '9b024349-ccf0-5f69-a609-6b82873eab3c');
    assert.equal(podcastGuid('http://podnews.net/rss//'), '9b024349-ccf0-5f69-a609-6b82873eab3c');
    assert.equal(
      podcastGuid('https://mp3s.nashownotes.com/pc20rss.xml/'),
      '917393e3-1b1e-5cef-ace4-edaa54e1f810',
    );
  });

  it('gives different feeds different guids', () => {
    assert.notEqual(podcastGuid('example.com/a/feed.xml'), podcastGuid('example.com/b/feed.xml'));
  });
});

describe('normaliseFeedUrl', () => {
  it('keeps the path and query but drops scheme and trailing slashes', () => {
    assert.equal(normaliseFeedUrl('https://example.com/x/feed.xml?a=1'), 'example.com/x/feed.xml?a=1');
    assert.equal(normaliseFeedUrl('http://localhost:4321/ai-training/'), 'localhost:4321/ai-training');
  });
});

describe('uuidV5', () => {
  it('matches the RFC 9562 example for www.example.com in the DNS namespace', () => {
    assert.equal(
      uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'),
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('rejects a namespace that is not a UUID', () => {
    assert.throws(() => uuidV5('x', 'not-a-uuid'), /not a UUID/);
  });
});

describe('episodeGuid', () => {
  it('depends only on the series slug and the episode id', () => {
    assert.equal(episodeGuid('ai-training', 'lora'), 'ninety:ai-training:lora');
    assert.notEqual(episodeGuid('ai-training', 'lora'), episodeGuid('ai-training', 'qlora'));
  });
});
