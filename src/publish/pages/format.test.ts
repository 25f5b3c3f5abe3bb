import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countEpisodes, episodeHeading, formatClock, formatDate, hostOf, seriesLine, spokenDuration, documentName } from './format.js';

describe('page formats', () => {
  it('writes the series line as on the seed page', () => {
    assert.equal(seriesLine(21, 90, 'ai training'), '21 episodes — 90-second audio overviews on ai training');
    assert.equal(countEpisodes(1), '1 episode');
  });
  it('joins title and subtitle with an em dash, or shows the title alone', () => {
    assert.equal(episodeHeading({ title: 'LoRA', subtitle: 'low-rank adaptation' }), 'LoRA — low-rank adaptation');
    assert.equal(episodeHeading({ title: 'LoRA' }), 'LoRA');
  });
  it('rounds durations to whole seconds on the clock', () => {
    assert.equal(formatClock(89.6), '1:30');
    assert.equal(formatClock(3725), '1:02:05');
    assert.equal(spokenDuration(91), '1 minute 31 seconds');
    assert.equal(spokenDuration(42), '42 seconds');
  });
  it('writes dates as "4 May 2026" and leaves odd values as given', () => {
    assert.equal(formatDate('2026-05-04'), '4 May 2026');
    assert.equal(formatDate('2026-13-04'), '2026-13-04');
    assert.equal(formatDate('soon'), 'soon');
  });
  it('shows the host of a source link without www', () => {
    assert.equal(hostOf('https://www.arxiv.org/abs/1'), 'arxiv.org');
    assert.equal(hostOf('not a url'), 'not a url');
  });
});

describe('documentName', () => {
  it('keeps only the file name of a document given by path, on any system', () => {
    assert.equal(documentName('/home/ada/private/notes/chinchilla.pdf'), 'chinchilla.pdf');
    assert.equal(documentName('C:\\Users\\ada\\notes.md'), 'notes.md');
    assert.equal(documentName('notes.md'), 'notes.md');
  });
});
