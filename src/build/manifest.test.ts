import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixtureSeries } from '../publish/pages/fixture.js';
import { buildManifest, parseManifest, recordedFiles, type Manifest } from './manifest.js';

/** A fixture series whose first episode cites a user's document kept under a long local path. */
function built() {
  const series = fixtureSeries({ seconds: 41.23456 });
  series.episodes[0]!.episode.sources = [
    { title: 'Lecture notes', file: 'sources/01-notes.txt', address: '/home/ada/Documents/lecture notes.pdf' },
    { title: 'A primer', url: 'https://example.com/primer' },
  ];
  return series;
}

describe('the series manifest', () => {
  const text = buildManifest(built(), (id) => id.length * 10, ['sampling/index.html', 'feed.xml', 'feed.xml']);
  const manifest = JSON.parse(text) as Manifest;

  it('describes the series and points at its artwork and feed', () => {
    assert.deepEqual(manifest.series, {
      slug: 'sound-basics',
      title: 'Sound & Compression',
      topic: 'digital audio',
      description: 'How sound becomes numbers, and how MP3 makes those numbers small without the ear noticing.',
      episodeCount: 3,
      artwork: 'artwork/cover-0123456789-600.png',
      feed: 'feed.xml',
    });
    assert.ok(text.endsWith('}\n'), 'one line per field and a final newline, as an editor would save it');
  });

  it('lists each episode with its page, audio, transcripts and sources', () => {
    const [first, , third] = manifest.episodes;
    assert.deepEqual(first, {
      number: 1,
      id: 'sampling',
      title: 'Sampling',
      subtitle: 'turning sound into numbers',
      summary: 'A microphone gives a wave; a computer needs numbers. Sampling measures the wave thousands of times a second.',
      published: '2026-05-01',
      words: 80,
      durationSeconds: 41.235,
      page: 'sampling/',
      audio: 'audio/01-sampling-0123456789.mp3',
      bytes: 320_000,
      transcripts: { vtt: 'transcripts/01-sampling.vtt', json: 'transcripts/01-sampling.json' },
      // A document is named by its file name, never by the folder it sat in on the author's machine.
      sources: [{ title: 'Lecture notes', address: 'lecture notes.pdf' }, { title: 'A primer', url: 'https://example.com/primer' }],
    });
    assert.equal('subtitle' in third!, false, 'an episode without a subtitle has no subtitle field');
  });

  it('records every file once, in order, itself included', () => {
    assert.deepEqual(manifest.files, ['episodes.json', 'feed.xml', 'sampling/index.html']);
  });

  it('reads back what it wrote, and nothing that is not a manifest', () => {
    assert.deepEqual(parseManifest(text), manifest);
    for (const bad of ['', '{"series":', 'null', '[]', '{}', '{"series":{}}', '{"series":{"slug":"x"}}', '{"series":{"slug":"x"},"episodes":{}}']) {
      assert.equal(parseManifest(bad), undefined, bad);
    }
    assert.ok(parseManifest('{"series":{"slug":"x"},"episodes":[]}'));
  });
});

describe('the files a manifest recorded', () => {
  const legacy = (episodes: unknown[]) => ({ series: { slug: 'x', artwork: 'artwork/cover.png' }, episodes }) as unknown as Manifest;

  it('are the files it lists, when it lists them', () => {
    const manifest = { ...legacy([]), files: ['episodes.json', 'audio/01-a-0123456789.mp3', 'a/b.c/d_e-f.html'] };
    assert.deepEqual(recordedFiles(manifest), manifest.files);
  });

  it('never include a path that leaves the series folder or is not a plain relative path', () => {
    const unsafe = ['../outside.txt', 'audio/../../outside.txt', '/etc/passwd', './feed.xml', 'audio/', '', 'a//b', '.hidden', 'a b.txt', 'audio/.', 7];
    const manifest = { ...legacy([]), files: ['feed.xml', ...unsafe] } as unknown as Manifest;
    assert.deepEqual(recordedFiles(manifest), ['feed.xml']);
  });

  it('are read from the episodes and artwork of a manifest from before the list', () => {
    const manifest = legacy([
      { page: 'one/', audio: 'audio/one.mp3', transcripts: { vtt: 'transcripts/one.vtt', json: 'transcripts/one.json' } },
      { page: 'two/', audio: 'audio/two.mp3' },
    ]);
    assert.deepEqual(recordedFiles(manifest), [
      'artwork/cover.png',
      'audio/one.mp3',
      'transcripts/one.vtt',
      'transcripts/one.json',
      'one/index.html',
      'audio/two.mp3',
      'two/index.html',
    ]);
  });
});
