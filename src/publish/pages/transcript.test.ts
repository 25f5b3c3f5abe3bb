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
