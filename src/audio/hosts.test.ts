import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createFliteEngine } from '../speech/flite.js';
import { trimSilence } from './assemble.js';
import { loudnessMeter, type LoudnessMeter } from './ebur128.js';
import { masterDialogue, matchedStretches, matchLoudness, rateBounds, referencePace, speakerLoudness } from './hosts.js';

const bounds = { min: 0.92, max: 1.2 };

describe('pace matching', () => {
  it('brings every host to one pace: own pace times stretch is the same for all', () => {
    const paces = [0.072, 0.081, 0.076];
    for (const rate of [0.98, 1, 1.1]) {
      const stretches = matchedStretches(paces, rate, bounds);
      const spoken = paces.map((pace, i) => pace * stretches[i]!);
      for (const s of spoken) assert.ok(Math.abs(s / spoken[0]! - 1) < 0.002, `paces ${spoken} at rate ${rate}`);
      // …and that pace is the reference pace at this rate.
      assert.ok(Math.abs(spoken[0]! - referencePace(paces) * rate) < 0.0002);
    }
  });

  it('meets in the middle: the faster voice is slowed, the slower one sped up', () => {
    const [slt, rms] = matchedStretches([0.072, 0.081], 1, bounds);
    assert.ok(slt! > 1 && rms! < 1, `${slt} ${rms}`);
    assert.ok(Math.abs(referencePace([0.072, 0.081]) - Math.sqrt(0.072 * 0.081)) < 1e-12);
  });

  it('keeps each stretch within the bounds, where matching gives way', () => {
    const [fast, slow] = matchedStretches([0.072, 0.081], 1.17, bounds);
    assert.equal(fast, 1.2);
    assert.ok(slow! < 1.2 && slow! > 1.1);
  });

  it('lets the common rate range as far as any host can still move, and no further', () => {
    const paces = [0.072, 0.081];
    const range = rateBounds(paces, bounds);
    assert.deepEqual(matchedStretches(paces, range.min, bounds), [bounds.min, bounds.min]);
    assert.deepEqual(matchedStretches(paces, range.max, bounds), [bounds.max, bounds.max]);
    const inside = matchedStretches(paces, range.min + 0.01, bounds);
    assert.ok(inside.some((s) => s > bounds.min));
  });

  it('gives a single voice the rate itself', () => {
    assert.deepEqual(matchedStretches([0.081], 1.05, bounds), [1.05]);
  });
});

describe('loudness matching with real voices', () => {
  let meter: LoudnessMeter;
  const pieces: Float32Array[] = [];
  const speakers: number[] = [];
  const rate = 16000;

  before(async () => {
    meter = await loudnessMeter();
    const engine = await createFliteEngine();
    const lines: [number, string][] = [
      [0, 'Remember when the adverts were louder than the film?'],
      [1, 'The meters lined up sound by its peaks.'],
      [0, 'Because compression lifts the quiet parts.'],
      [1, 'So the fix was to measure loudness the way an ear does.'],
    ];
    for (const [speaker, text] of lines) {
      const pcm = await engine.synthesize(text, { voice: speaker === 0 ? 'slt' : 'rms', stretch: 1 });
      pieces.push(trimSilence(pcm.samples, pcm.sampleRate));
      speakers.push(speaker);
    }
  });

  it('finds the two Flite voices several LU apart as they are synthesised, and brings them together', () => {
    const matched = matchLoudness(pieces, speakers, 2, rate, meter);
    assert.ok(Math.abs(matched.before[0]! - matched.before[1]!) > 3, `before ${matched.before}`);
    const after = [0, 1].map((h) =>
      meter.integrated(concat(matched.pieces.filter((_, i) => speakers[i] === h)), rate),
    );
    assert.ok(Math.abs(after[0]! - after[1]!) < 0.1, `after ${after}`);
    // The common level is the hosts' average: one is turned down as much as the other up.
    assert.ok(Math.abs(matched.gainsDb[0]! + matched.gainsDb[1]!) < 1e-9);
  });

  it('masters a dialogue with both hosts at one loudness in the master, with turn pauses between them', () => {
    const sentences = pieces.map((samples, i) => ({ samples, paragraph: i, speaker: speakers[i]! }));
    const pauses = { sentence: 0.35, paragraph: 0.7, turn: 0.4, lead: 0.25, tail: 0.6 };
    const { assembled, mastered, hosts } = masterDialogue(sentences, 2, rate, pauses, meter);
    assert.ok(Math.abs(mastered.lufs - -15.5) < 0.3, `master ${mastered.lufs}`);
    assert.ok(Math.abs(hosts[0]!.after - hosts[1]!.after) < 0.3, `hosts ${JSON.stringify(hosts)}`);
    const measured = speakerLoudness(mastered.samples, rate, assembled.spans, speakers, 2, meter);
    assert.deepEqual(measured, hosts.map((h) => h.after));
    const gaps = assembled.spans.slice(1).map((span, i) => span.start - assembled.spans[i]!.end);
    for (const gap of gaps) assert.ok(Math.abs(gap - 0.4) < 0.001, `gap ${gap}`);
  });
});

function concat(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}
