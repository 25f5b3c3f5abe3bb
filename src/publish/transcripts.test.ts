import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TimedSentence } from './model.js';
import {
  formatVttTime,
  parseVtt,
  parseVttTime,
  renderTranscriptJson,
  renderVtt,
  sentencesToCues,
  splitSentence,
} from './transcripts.js';

const LONG =
  'Freezing the original model weights and training small rank-decomposed adapter matrices, ' +
  'LoRA cuts fine-tuning compute by ten to a hundred times, and the quality loss is usually minimal.';

function sentence(text: string, start: number, end: number, paragraph = 0): TimedSentence {
  return { text, start, end, paragraph };
}

describe('splitSentence', () => {
  it('keeps a short sentence whole', () => {
    assert.deepEqual(splitSentence('LoRA is cheap.'), ['LoRA is cheap.']);
  });

  it('cuts a long sentence into pieces of at most 65 characters that join back to the sentence', () => {
    const pieces = splitSentence(LONG);
    assert.ok(pieces.length >= 3, `expected several pieces, got ${pieces.length}`);
    for (const piece of pieces) assert.ok(piece.length <= 65, `too long: "${piece}" (${piece.length})`);
    assert.equal(pieces.join(' '), LONG);
  });

  it('prefers to break after a comma', () => {
    const pieces = splitSentence(LONG);
    assert.ok(pieces.some((piece) => piece.endsWith('matrices,')), JSON.stringify(pieces));
    assert.ok(pieces.some((piece) => piece.endsWith('times,')), JSON.stringify(pieces));
  });

  it('prefers to break before a conjunction when there is no punctuation', () => {
    const text =
      'Every GPU holds a full copy of the model weights in memory and processes a different mini-batch of data';
    const pieces = splitSentence(text);
    assert.equal(pieces.length, 2);
    assert.ok(pieces[1]!.startsWith('and '), `second piece: "${pieces[1]}"`);
  });

  it('keeps a single word longer than the limit whole', () => {
    const word = 'Pneumonoultramicroscopicsilicovolcanoconiosis-related-hyper-long-compound';
    const pieces = splitSentence(`A ${word} appears here.`, 30);
    assert.ok(pieces.includes(word), JSON.stringify(pieces));
    assert.equal(pieces.join(' '), `A ${word} appears here.`);
  });

  it('collapses line breaks and repeated spaces inside a sentence', () => {
    assert.deepEqual(splitSentence('  One\n  two   three. '), ['One two three.']);
  });

  it('respects a custom limit', () => {
    for (const piece of splitSentence(LONG, 40)) assert.ok(piece.length <= 40, piece);
  });
});

describe('sentencesToCues', () => {
  it('gives each piece a share of the sentence time in proportion to its characters', () => {
    const cues = sentencesToCues([sentence(LONG, 10, 20, 2)]);
    assert.ok(cues.length >= 3);
    assert.equal(cues[0]!.start, 10);
    assert.equal(cues.at(-1)!.end, 20);
    const totalChars = cues.reduce((sum, cue) => sum + cue.text.length, 0);
    for (const cue of cues) {
      const expected = (10 * cue.text.length) / totalChars;
      assert.ok(Math.abs(cue.end - cue.start - expected) < 0.002, `${cue.text}: ${cue.end - cue.start} vs ${expected}`);
      assert.equal(cue.paragraph, 2);
    }
  });

  it('keeps cues in order without gaps inside a sentence and without overlaps', () => {
    const cues = sentencesToCues([
      sentence('First sentence.', 0, 1.5),
      sentence(LONG, 1.85, 9.2),
      sentence('Last one.', 9.5, 10.4, 1),
    ]);
    for (let i = 1; i < cues.length; i++) {
      assert.ok(cues[i]!.start >= cues[i - 1]!.end, `cue ${i} starts before cue ${i - 1} ends`);
      assert.ok(cues[i]!.end >= cues[i]!.start);
    }
    assert.equal(cues[0]!.text, 'First sentence.');
    assert.equal(cues.at(-1)!.text, 'Last one.');
    assert.equal(cues.at(-1)!.paragraph, 1);
    const middle = cues.slice(1, -1);
    for (let i = 1; i < middle.length; i++) assert.equal(middle[i]!.start, middle[i - 1]!.end);
    assert.equal(middle.map((cue) => cue.text).join(' '), LONG);
  });

  it('clamps a sentence that starts before the previous one ended', () => {
    const cues = sentencesToCues([sentence('One.', 0, 2.0004), sentence('Two.', 1.9, 3)]);
    assert.ok(cues[1]!.start >= cues[0]!.end);
  });

  it('skips empty sentences', () => {
    assert.equal(sentencesToCues([sentence('  ', 0, 1), sentence('Yes.', 1, 2)]).length, 1);
  });
});

describe('renderVtt', () => {
  it('writes the header, HH:MM:SS.mmm timings and a blank line between cues', () => {
    const vtt = renderVtt([
      { start: 0, end: 1.5, text: 'Hello.', paragraph: 0 },
      { start: 3661.0456, end: 3662, text: 'Later.', paragraph: 0 },
    ]);
    assert.equal(
      vtt,
      'WEBVTT\n\n00:00:00.000 --> 00:00:01.500\nHello.\n\n01:01:01.046 --> 01:01:02.000\nLater.\n',
    );
  });

  it('escapes &, < and > and keeps each cue on one line', () => {
    const vtt = renderVtt([{ start: 0, end: 1, text: 'Q&A: <b>x</b> --> y\nz', paragraph: 0 }]);
    assert.ok(vtt.includes('Q&amp;A: &lt;b&gt;x&lt;/b&gt; --&gt; y z\n'), vtt);
  });

  it('round-trips through parseVtt', () => {
    const cues = sentencesToCues([sentence('Tom & Jerry <3 "quotes".', 0.25, 2), sentence(LONG, 2.3, 12)]);
    const parsed = parseVtt(renderVtt(cues));
    assert.deepEqual(
      parsed,
      cues.map(({ start, end, text }) => ({ start, end, text })),
    );
  });
});

describe('parseVtt', () => {
  it('reads the speaker of a voice span with classes, or one left open', () => {
    const text = 'WEBVTT\n\n00:00.000 --> 00:01.000\n<v.loud Mary Ann>Hi</v>\n\n00:01.000 --> 00:02.000\n<v Ben &amp; Co>Yo\n';
    assert.deepEqual(
      parseVtt(text).map((c) => [c.speaker, c.text]),
      [
        ['Mary Ann', 'Hi'],
        ['Ben & Co', 'Yo'],
      ],
    );
  });

  it('reads cues with identifiers, settings, NOTE blocks and MM:SS timings', () => {
    const text =
      '\uFEFFWEBVTT - a title\nKind: captions\n\nNOTE made by hand\n\nintro\n00:01.000 --> 00:02.500 align:start\n<v Narrator>Hi &amp; bye</v>\nsecond line\n\n00:00:03.000 --> 00:00:04.000\nNext\n';
    assert.deepEqual(parseVtt(text), [
      { start: 1, end: 2.5, text: 'Hi & bye\nsecond line', speaker: 'Narrator' },
      { start: 3, end: 4, text: 'Next' },
    ]);
  });

  it('rejects a file without the WEBVTT header', () => {
    assert.throws(() => parseVtt('00:00:00.000 --> 00:00:01.000\nHi\n'), /WEBVTT/);
  });

  it('rejects a malformed timing line', () => {
    assert.throws(() => parseVtt('WEBVTT\n\n0:0:1 --> 00:00:02.000\nHi\n'), /bad WebVTT timing/);
  });
});

describe('VTT time helpers', () => {
  it('formats and parses timestamps', () => {
    assert.equal(formatVttTime(89.9996), '00:01:30.000');
    assert.equal(formatVttTime(-1), '00:00:00.000');
    assert.equal(parseVttTime('00:01:30.250'), 90.25);
    assert.equal(parseVttTime('01:30.250'), 90.25);
    assert.ok(Number.isNaN(parseVttTime('1:30')));
  });
});

describe('transcripts of a dialogue', () => {
  const turns = sentencesToCues([
    { text: 'Remember the adverts?', start: 0.25, end: 1.5, paragraph: 0, speaker: 'Ada' },
    { text: LONG, start: 1.9, end: 12, paragraph: 1, speaker: 'Ben' },
    { text: 'Exactly <so>.', start: 12.4, end: 13, paragraph: 2, speaker: 'Ada' },
  ]);

  it('keeps each sentence\'s speaker on every cue it is cut into', () => {
    assert.ok(turns.length > 3);
    assert.deepEqual([...new Set(turns.filter((c) => c.paragraph === 1).map((c) => c.speaker))], ['Ben']);
  });

  it('wraps every cue in a WebVTT voice span of its speaker', () => {
    const vtt = renderVtt(turns);
    assert.ok(vtt.includes('00:00:00.250 --> 00:00:01.500\n<v Ada>Remember the adverts?</v>\n'), vtt);
    assert.ok(vtt.includes('<v Ada>Exactly &lt;so&gt;.</v>'));
    assert.equal(vtt.match(/<v Ben>/g)?.length, turns.filter((c) => c.speaker === 'Ben').length);
  });

  it('reads the speakers back, with cue text free of any label', () => {
    const parsed = parseVtt(renderVtt(turns));
    assert.deepEqual(
      parsed,
      turns.map(({ start, end, text, speaker }) => ({ start, end, text, speaker })),
    );
    assert.ok(parsed.every((c) => !/^(Ada|Ben):|<v/.test(c.text)));
  });

  it('names each segment\'s host as its speaker in the JSON transcript', () => {
    const json = JSON.parse(renderTranscriptJson(turns, 'Ninety'));
    assert.deepEqual(
      json.segments.map((s: { speaker: string }) => s.speaker),
      turns.map((c) => c.speaker),
    );
  });

  it('leaves the transcripts of one voice as they were: no voice spans, the one speaker', () => {
    const cues = sentencesToCues([sentence('Hello.', 0, 1)]);
    assert.equal(renderVtt(cues), 'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nHello.\n');
    assert.equal(JSON.parse(renderTranscriptJson(cues, 'Ninety')).segments[0].speaker, 'Ninety');
    assert.deepEqual(Object.keys(cues[0]!).sort(), ['end', 'paragraph', 'start', 'text']);
  });
});

describe('renderTranscriptJson', () => {
  it('writes the Podcasting 2.0 transcript form with the given speaker', () => {
    const json = JSON.parse(
      renderTranscriptJson([{ start: 0, end: 1.23456, text: 'Hi <there> & you', paragraph: 0 }], 'Ada Lovelace'),
    );
    assert.deepEqual(json, {
      version: '1.0.0',
      segments: [{ speaker: 'Ada Lovelace', startTime: 0, endTime: 1.235, body: 'Hi <there> & you' }],
    });
  });

  it('names the speaker Narrator by default', () => {
    const json = JSON.parse(renderTranscriptJson([{ start: 0, end: 1, text: 'x', paragraph: 0 }]));
    assert.equal(json.segments[0].speaker, 'Narrator');
  });
});
