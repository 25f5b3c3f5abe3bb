/**
 * Transcripts: timed sentences → caption cues → WebVTT and the Podcasting 2.0 JSON transcript.
 *
 * A cue is one sentence, or one piece of a long sentence: captions longer than about 65
 * characters wrap badly on phones and in podcast apps, so long sentences are cut at word
 * boundaries, preferring natural pauses (after , ; : or before a conjunction), and each piece
 * gets a share of the sentence's time in proportion to its length.
 *
 * In a dialogue every cue carries its speaker: a WebVTT voice span (`<v Ada>…</v>`) and the JSON
 * segment's `speaker`. The script's speaker labels never appear in the text.
 *
 * @example
 * const cues = sentencesToCues(timedSentences);
 * const vtt = renderVtt(cues);
 * const json = renderTranscriptJson(cues, series.author);
 */
import type { Cue, TimedSentence } from './model.js';

/** Words before which a break reads naturally. */
const CONJUNCTIONS = new Set([
  'and',
  'but',
  'or',
  'nor',
  'so',
  'yet',
  'because',
  'while',
  'whereas',
  'although',
  'though',
  'which',
  'that',
  'when',
  'where',
  'if',
  'unless',
  'until',
  'then',
  'with',
  'without',
]);

/** Split timed sentences into caption cues of at most `maxChars` characters where words allow. */
export function sentencesToCues(sentences: TimedSentence[], maxChars = 65): Cue[] {
  const cues: Cue[] = [];
  // The audio stage measures each sentence on its own; clamp so rounding there never makes cues overlap.
  let previousEnd = 0;
  for (const sentence of sentences) {
    const text = normaliseSpace(sentence.text);
    if (text === '') continue;
    const start = Math.max(sentence.start, previousEnd);
    const end = Math.max(sentence.end, start);
    const pieces = splitSentence(text, maxChars);
    const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
    let done = 0;
    let pieceStart = roundMs(start);
    for (const [index, piece] of pieces.entries()) {
      done += piece.length;
      const pieceEnd = index === pieces.length - 1 ? roundMs(end) : roundMs(start + ((end - start) * done) / total);
      cues.push({
        start: pieceStart,
        end: pieceEnd,
        text: piece,
        paragraph: sentence.paragraph,
        ...(sentence.speaker !== undefined ? { speaker: sentence.speaker } : {}),
      });
      pieceStart = pieceEnd;
    }
    previousEnd = end;
  }
  return cues;
}

/**
 * Cut one sentence into pieces of at most `maxChars` characters (a single longer word stays whole).
 * Joining the pieces with single spaces gives back the sentence.
 */
export function splitSentence(text: string, maxChars = 65): string[] {
  const sentence = normaliseSpace(text);
  if (sentence.length <= maxChars) return sentence === '' ? [] : [sentence];
  const words = sentence.split(' ');
  const n = words.length;
  // best[i]: cheapest way to set words[0..i); choice[i]: where its last piece starts.
  const best: number[] = new Array<number>(n + 1).fill(Infinity);
  const choice: number[] = new Array<number>(n + 1).fill(0);
  best[0] = 0;
  for (let j = 1; j <= n; j++) {
    let length = -1;
    for (let i = j - 1; i >= 0; i--) {
      length += words[i]!.length + 1;
      if (length > maxChars && i < j - 1) break;
      const cost = best[i]! + pieceCost(words, i, j, length, maxChars);
      if (cost < best[j]!) {
        best[j] = cost;
        choice[j] = i;
      }
    }
  }
  const pieces: string[] = [];
  for (let j = n; j > 0; j = choice[j]!) pieces.unshift(words.slice(choice[j]!, j).join(' '));
  return pieces;
}

/**
 * Fewer pieces first, then pieces that end at a pause, then even lengths; very short pieces
 * flash by too fast to read, so they cost extra.
 */
function pieceCost(words: string[], from: number, to: number, length: number, maxChars: number): number {
  const slack = (maxChars - Math.min(length, maxChars)) / maxChars;
  let cost = 100 + 40 * slack * slack;
  if (to - from < 3 || length < 16) cost += 60;
  if (to < words.length) cost += breakCost(words[to - 1]!, words[to]!);
  return cost;
}

function breakCost(before: string, after: string): number {
  if (/[,;:]["'”’)\]]?$/.test(before) || /[—–]$/.test(before) || after === '—' || after === '–') return 0;
  if (CONJUNCTIONS.has(after.toLowerCase().replace(/^["'“‘(]/, ''))) return 8;
  return 30;
}

/** WebVTT with one line of text per cue; a dialogue's cues in their speaker's voice span. */
export function renderVtt(cues: Cue[]): string {
  const blocks = cues.map((cue) => {
    const text = escapeVtt(normaliseSpace(cue.text));
    const line = cue.speaker !== undefined ? `<v ${escapeVtt(normaliseSpace(cue.speaker))}>${text}</v>` : text;
    return `${formatVttTime(cue.start)} --> ${formatVttTime(cue.end)}\n${line}`;
  });
  return ['WEBVTT', ...blocks].join('\n\n') + '\n';
}

/**
 * The Podcasting 2.0 JSON transcript; `speaker` is each cue's host in a dialogue, else the given
 * voice (the series author, or "Narrator").
 */
export function renderTranscriptJson(cues: Cue[], speaker = 'Narrator'): string {
  const segments = cues.map((cue) => ({
    speaker: cue.speaker ?? speaker,
    startTime: roundMs(cue.start),
    endTime: roundMs(cue.end),
    body: normaliseSpace(cue.text),
  }));
  return JSON.stringify({ version: '1.0.0', segments }, null, 2) + '\n';
}

/** `HH:MM:SS.mmm`, the full WebVTT timestamp form (hours always present). */
export function formatVttTime(seconds: number): string {
  const totalMs = Math.max(0, Math.round(seconds * 1000));
  const ms = totalMs % 1000;
  const totalSeconds = Math.floor(totalMs / 1000);
  const s = totalSeconds % 60;
  const m = Math.floor(totalSeconds / 60) % 60;
  const h = Math.floor(totalSeconds / 3600);
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(ms, 3)}`;
}

export interface ParsedCue {
  start: number;
  end: number;
  text: string;
  /** The name in the cue's first voice span (`<v Ada>`), when it has one. */
  speaker?: string;
}

/**
 * Read the cues of a WebVTT file: timings, plain text (tags removed, entities decoded) and the
 * speaker of a voice span.
 * Throws on a missing header or a malformed timing line, which is what the build's checks want.
 */
export function parseVtt(text: string): ParsedCue[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) throw new Error('not a WebVTT file: the first line must be WEBVTT');
  const cues: ParsedCue[] = [];
  let i = 1;
  while (i < lines.length) {
    const block: string[] = [];
    while (i < lines.length && lines[i] !== '') block.push(lines[i++]!);
    while (i < lines.length && lines[i] === '') i++;
    const timingIndex = block.findIndex((line) => line.includes('-->'));
    if (timingIndex < 0) continue; // header metadata, NOTE, STYLE or REGION block
    const match = /^(\S+)[ \t]+-->[ \t]+(\S+)/.exec(block[timingIndex]!);
    const start = match ? parseVttTime(match[1]!) : NaN;
    const end = match ? parseVttTime(match[2]!) : NaN;
    if (Number.isNaN(start) || Number.isNaN(end)) throw new Error(`bad WebVTT timing line: ${block[timingIndex]}`);
    const payload = block.slice(timingIndex + 1);
    const voice = /<v(?:\.[^\s>]*)?[ \t]+([^>]+)>/.exec(payload.join('\n'))?.[1];
    cues.push({
      start,
      end,
      text: payload.map(unescapeVtt).join('\n'),
      ...(voice !== undefined ? { speaker: unescapeVtt(voice.trim()) } : {}),
    });
  }
  return cues;
}

/** Seconds from `HH:MM:SS.mmm` or `MM:SS.mmm`; NaN when malformed. */
export function parseVttTime(value: string): number {
  const match = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/.exec(value);
  if (!match) return NaN;
  const [, h = '0', m = '0', s = '0', ms = '0'] = match;
  return Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(ms) / 1000;
}

function escapeVtt(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescapeVtt(text: string): string {
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&lrm;/g, '\u200e')
    .replace(/&rlm;/g, '\u200f')
    .replace(/&amp;/g, '&');
}

/** Collapses ordinary whitespace only: a no-break space is the writer's way to keep words together. */
function normaliseSpace(text: string): string {
  return text.replace(/[ \t\r\n\f\v]+/g, ' ').replace(/^ | $/g, '');
}

function roundMs(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
