import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Cue } from '../model.js';
import { groupParagraphs, renderTranscript } from './transcript.js';

const cues: Cue[] = [
  { start: 0, end: 2.5, text: 'First sentence.', paragraph: 0 },
  { start: 2.5, end: 5.1234, text: 'Second <one> & more.', paragraph: 0 },
  { start: 65.5, end: 70, text: 'New paragraph.', paragraph: 1 },
];

describe('groupParagraphs', () => {
  it('groups consecutive cues of one paragraph in time order', () => {
    const groups = groupParagraphs([cues[2]!, cues[0]!, cues[1]!]);
    assert.deepEqual(
      groups.map((g) => g.map((c) => c.text)),
      [['First sentence.', 'Second <one> & more.'], ['New paragraph.']],
    );
  });
  it('returns nothing for no cues', () => {
    assert.deepEqual(groupParagraphs([]), []);
  });
});

describe('renderTranscript', () => {
  const out = renderTranscript(cues).toString();
  it('makes one paragraph per script paragraph', () => {
    assert.equal(out.match(/<p>/g)?.length, 2);
  });
  it('wraps each cue in a span with its start and end', () => {
    assert.match(out, /<span class="cue" data-start="2.5" data-end="5.123">Second &lt;one&gt; &amp; more.<\/span>/);
  });
  it('opens each paragraph with a ?t= link to its start', () => {
    assert.match(out, /<a class="stamp" href="\?t=1:05" data-seek="65.5"><span class="visually-hidden">Play from <\/span>1:05<\/a>/);
  });
});

describe('renderTranscript of a dialogue', () => {
  const turns: Cue[] = [
    { start: 0, end: 2, text: 'Remember the adverts?', paragraph: 0, speaker: 'Ada' },
    { start: 2.5, end: 4, text: 'The meters.', paragraph: 1, speaker: 'Ben' },
    { start: 4, end: 5, text: 'Peaks, not loudness.', paragraph: 1, speaker: 'Ben' },
    { start: 5.5, end: 7, text: 'And more.', paragraph: 2, speaker: 'Ben' },
    { start: 7.5, end: 9, text: 'Exactly.', paragraph: 3, speaker: 'Ada' },
  ];
  const out = renderTranscript(turns, ['Ada', 'Ben']).toString();
  const paragraphs = out.match(/<p[^>]*>.*?<\/p>/g) ?? [];

  it('marks each paragraph as a turn of its host, with a class per host', () => {
    assert.deepEqual(
      paragraphs.map((p) => /<p class="([^"]*)" data-speaker="([^"]*)"/.exec(p)?.slice(1)),
      [
        ['turn host-1', 'Ada'],
        ['turn host-2', 'Ben'],
        ['turn host-2 same-speaker', 'Ben'],
        ['turn host-1', 'Ada'],
      ],
    );
  });

  it('names the host wherever the speaker changes, outside the cues', () => {
    const names = paragraphs.map((p) => /<span class="speaker">([^<]*)</.exec(p)?.[1]);
    assert.deepEqual(names, ['Ada', 'Ben', undefined, 'Ada']);
    assert.ok(!/<span class="cue"[^>]*>[^<]*(Ada|Ben)/.test(out), 'a name inside a cue would be searched and highlighted');
  });

  it('keeps every cue a seekable span with its times, in order', () => {
    const starts = [...out.matchAll(/<span class="cue" data-start="([^"]+)"/g)].map((m) => Number(m[1]));
    assert.deepEqual(starts, [0, 2.5, 4, 5.5, 7.5]);
  });

  it('renders one voice without turns or names', () => {
    const single = renderTranscript(cues).toString();
    assert.ok(!single.includes('turn') && !single.includes('speaker'));
  });
});
