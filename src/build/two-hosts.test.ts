/**
 * The two-host example (`examples/two-hosts/`) built end to end with the real Flite voices and
 * checked the way a listener meets it: each turn in its host's voice (told apart by pitch in the
 * finished MP3), the hosts equally loud and equally paced, `ninety verify` clean, and the hosts
 * named in the WebVTT and JSON transcripts, the feed and the episode page.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { decodeMp3, type DecodedMp3 } from '../audio/decode.js';
import { loudnessMeter } from '../audio/ebur128.js';
import { parseVtt, type ParsedCue } from '../publish/transcripts.js';
import { dialogueSentences } from '../series/dialogue.js';
import { loadSeries } from '../series/load.js';
import type { SeriesContent } from '../series/schema.js';
import { toSpoken } from '../speech/normalise.js';
import { medianPitch } from '../testkit/pitch.js';
import { buildSeries, type BuildReport } from './build.js';
import type { Manifest } from './manifest.js';
import { verifySeries } from './verify.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/two-hosts/', import.meta.url));
const quiet = { start: () => undefined, episodeDone: () => undefined, note: () => undefined, finish: () => undefined };

interface Segment {
  speaker: string;
  startTime: number;
  endTime: number;
  body: string;
}

/** Consecutive segments of one speaker: the turns of the conversation. */
function turns(segments: readonly Segment[]): { speaker: string; spans: { start: number; end: number }[] }[] {
  const out: { speaker: string; spans: { start: number; end: number }[] }[] = [];
  for (const s of segments) {
    const span = { start: s.startTime, end: s.endTime };
    if (out.at(-1)?.speaker === s.speaker) out.at(-1)!.spans.push(span);
    else out.push({ speaker: s.speaker, spans: [span] });
  }
  return out;
}

function slice(audio: DecodedMp3, spans: readonly { start: number; end: number }[]): Float32Array {
  const parts = spans.map((s) =>
    audio.samples.subarray(Math.round(s.start * audio.sampleRate), Math.round(s.end * audio.sampleRate)),
  );
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => (out.set(p, at), at + p.length), 0);
  return out;
}

describe('the two-host example, built with the real voices', { timeout: 600_000 }, () => {
  let outDir: string;
  let content: SeriesContent;
  let report: BuildReport;
  let manifest: Manifest;
  let seriesOut: string;
  let audio: DecodedMp3;
  let segments: Segment[];
  let cues: ParsedCue[];

  before(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'ninety-two-hosts-'));
    content = await loadSeries(EXAMPLE);
    report = await buildSeries({ seriesDir: EXAMPLE, outDir, progress: quiet, jobs: 2 });
    seriesOut = join(outDir, content.series.slug);
    manifest = JSON.parse(await readFile(join(seriesOut, 'episodes.json'), 'utf8')) as Manifest;
    const episode = manifest.episodes[0]!;
    audio = await decodeMp3(await readFile(join(seriesOut, episode.audio)));
    segments = (JSON.parse(await readFile(join(seriesOut, episode.transcripts.json), 'utf8')) as { segments: Segment[] }).segments;
    cues = parseVtt(await readFile(join(seriesOut, episode.transcripts.vtt), 'utf8'));
  });
  after(() => rm(outDir, { recursive: true, force: true }));

  it('passes ninety verify: length, loudness, true peak, transcript text and speakers', async () => {
    const results = await verifySeries(content, outDir);
    assert.deepEqual(results.map((r) => r.problems), content.episodes.map(() => []));
    // …and verify notices a transcript whose voices do not follow the turns.
    const path = join(seriesOut, manifest.episodes[0]!.transcripts.vtt);
    const vtt = await readFile(path, 'utf8');
    await writeFile(path, vtt.replace(/<v (Ada|Ben)>/g, (_, who: string) => `<v ${who === 'Ada' ? 'Ben' : 'Ada'}>`));
    const swapped = await verifySeries(content, outDir);
    await writeFile(path, vtt);
    assert.deepEqual(swapped[0]!.problems, ["transcript speakers (the cues' <v> voice spans) do not follow the script's turns"]);
  });

  it('speaks every turn in its host\'s voice: Ada\'s slt well above Ben\'s rms in pitch, turn by turn', () => {
    const pitches = turns(segments).map((t) => ({ speaker: t.speaker, hz: medianPitch(audio.samples, audio.sampleRate, t.spans) }));
    assert.ok(pitches.length >= 6, `${pitches.length} turns`);
    for (const { speaker, hz } of pitches) {
      // Flite's slt speaks around 170 Hz, rms around 100 Hz.
      if (speaker === 'Ada') assert.ok(hz > 140, `an Ada turn at ${hz.toFixed(0)} Hz: ${JSON.stringify(pitches)}`);
      else assert.ok(hz < 130, `a Ben turn at ${hz.toFixed(0)} Hz: ${JSON.stringify(pitches)}`);
    }
  });

  it('brings the hosts to one loudness: within half a LU of each other in the MP3 (slt is some 5 LU louder as spoken)', async () => {
    const meter = await loudnessMeter();
    const lufs = ['Ada', 'Ben'].map((who) => {
      const spans = segments.filter((s) => s.speaker === who).map((s) => ({ start: s.startTime, end: s.endTime }));
      return meter.integrated(slice(audio, spans), audio.sampleRate);
    });
    assert.ok(Math.abs(lufs[0]! - lufs[1]!) < 0.5, `Ada ${lufs[0]} LUFS, Ben ${lufs[1]} LUFS`);
  });

  it('brings the hosts to one pace: seconds per spoken letter within 5% (their voices differ by 11%)', () => {
    const sentences = dialogueSentences(content.episodes[0]!.script, content.series.hosts);
    // Sentence timings come back from the VTT cues, joined per sentence in order.
    const pace = (speaker: number) => {
      let letters = 0;
      let seconds = 0;
      let cue = 0;
      for (const s of sentences) {
        const first = cues[cue]!;
        let text = first.text;
        let end = first.end;
        while (text.length < s.text.length) {
          cue++;
          text += ` ${cues[cue]!.text}`;
          end = cues[cue]!.end;
        }
        assert.equal(text, s.text);
        if (s.speaker === speaker) {
          letters += toSpoken(s.text, content.lexicon).replace(/[^a-z]/gi, '').length;
          seconds += end - first.start;
        }
        cue++;
      }
      return seconds / letters;
    };
    const [ada, ben] = [pace(0), pace(1)];
    assert.ok(Math.abs(ada / ben - 1) < 0.05, `Ada ${ada.toFixed(4)} s a letter, Ben ${ben.toFixed(4)}`);
    assert.match(report.rows[0]!.rate, /^×\d\.\d\d\/\d\.\d\d$/, 'the report gives each host\'s stretch');
  });

  it('names the speaker of every cue with a <v> span and of every JSON segment, never in the text', async () => {
    const vtt = await readFile(join(seriesOut, manifest.episodes[0]!.transcripts.vtt), 'utf8');
    assert.ok(vtt.includes('<v Ada>') && vtt.includes('<v Ben>'));
    assert.deepEqual([...new Set(cues.map((c) => c.speaker))].sort(), ['Ada', 'Ben']);
    assert.deepEqual([...new Set(segments.map((s) => s.speaker))].sort(), ['Ada', 'Ben']);
    assert.equal(segments.length, cues.length);
    assert.ok(cues.every((c) => !/\b(Ada|Ben):/.test(c.text)));
    assert.equal(cues[0]!.speaker, 'Ada');
  });

  it('credits both hosts in the feed and names them on the episode page', async () => {
    const feed = await readFile(join(seriesOut, 'feed.xml'), 'utf8');
    assert.ok(feed.includes('<podcast:person role="host">Ada</podcast:person>'));
    assert.ok(feed.includes('<podcast:person role="host">Ben</podcast:person>'));
    const page = await readFile(join(seriesOut, manifest.episodes[0]!.page, 'index.html'), 'utf8');
    assert.match(page, /<span class="hosts">With Ada and Ben<\/span>/);
    const named = [...page.matchAll(/<span class="speaker">(\w+)</g)].map((m) => m[1]);
    assert.equal(named.length, turns(segments).length);
    assert.deepEqual(named, turns(segments).map((t) => t.speaker));
  });
});
