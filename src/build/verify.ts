/**
 * `ninety verify`: checks a built series the way a listener's app would meet it. Every MP3 is
 * decoded by an independent decoder and measured (mono, 44.1 kHz, length within the target,
 * −16 ± 1 LUFS, true peak ≤ −1 dBTP, bytes and content hash as the manifest says); every WebVTT
 * transcript is parsed (cues in order, text joined equals the script, last cue near the end; in a
 * dialogue, the cues' voice spans follow the script's turns).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeMp3 } from '../audio/decode.js';
import { loudnessMeter } from '../audio/ebur128.js';
import { parseVtt } from '../publish/transcripts.js';
import { dialogueSentences, scriptText } from '../series/dialogue.js';
import type { SeriesContent } from '../series/schema.js';
import { parseManifest } from './manifest.js';

export interface VerifiedEpisode {
  number: number;
  seconds: number;
  lufs: number;
  truePeakDb: number;
  cues: number;
  problems: string[];
}

export const LOUDNESS = { target: -16, tolerance: 1, truePeakCeiling: -1 };
/** The last cue may end this long before the audio does (the tail of silence). */
const LAST_CUE_SLACK_SECONDS = 1.5;

export async function verifySeries(content: SeriesContent, outDir: string): Promise<VerifiedEpisode[]> {
  const seriesOut = join(outDir, content.series.slug);
  const manifestPath = join(seriesOut, 'episodes.json');
  const manifest = parseManifest(await readFile(manifestPath, 'utf8').catch(() => ''));
  if (!manifest) throw new Error(`${manifestPath} is missing or unreadable: run "ninety build" first`);
  const meter = await loudnessMeter();
  const { targetSeconds, toleranceSeconds } = content.series;
  const results: VerifiedEpisode[] = [];

  for (const episode of content.episodes) {
    const entry = manifest.episodes.find((e) => e.id === episode.id);
    const problems: string[] = [];
    const result: VerifiedEpisode = { number: episode.number, seconds: 0, lufs: NaN, truePeakDb: NaN, cues: 0, problems };
    results.push(result);
    if (!entry) {
      problems.push('not in episodes.json: build again');
      continue;
    }
    const heading = episode.subtitle ? `${episode.title} — ${episode.subtitle}` : episode.title;
    const built = entry.subtitle ? `${entry.title} — ${entry.subtitle}` : entry.title;
    if (heading !== built) problems.push(`heading "${built}" differs from the content "${heading}"`);

    const bytes = await readFile(join(seriesOut, entry.audio)).catch(() => undefined);
    if (!bytes) {
      problems.push(`${entry.audio} is missing`);
      continue;
    }
    if (bytes.length !== entry.bytes) problems.push(`${entry.audio} has ${bytes.length} bytes, the manifest says ${entry.bytes}`);
    const hash = /-([0-9a-f]+)\.mp3$/.exec(entry.audio)?.[1];
    if (hash && !createHash('sha256').update(bytes).digest('hex').startsWith(hash)) {
      problems.push(`${entry.audio} does not match the hash in its name`);
    }
    const audio = await decodeMp3(bytes);
    result.seconds = audio.seconds;
    if (audio.errors > 0) problems.push(`${audio.errors} decoding errors`);
    if (audio.channels !== 1) problems.push(`${audio.channels} channels, expected mono`);
    if (audio.sampleRate !== 44100) problems.push(`${audio.sampleRate} Hz, expected 44100`);
    if (Math.abs(audio.seconds - targetSeconds) > toleranceSeconds) {
      problems.push(`${audio.seconds.toFixed(1)} s, outside ${targetSeconds} ± ${toleranceSeconds} s`);
    }
    result.lufs = meter.integrated(audio.samples, audio.sampleRate);
    result.truePeakDb = meter.truePeakDb(audio.samples, audio.sampleRate);
    if (!(Math.abs(result.lufs - LOUDNESS.target) <= LOUDNESS.tolerance)) {
      problems.push(`${result.lufs.toFixed(1)} LUFS, outside ${LOUDNESS.target} ± ${LOUDNESS.tolerance}`);
    }
    if (!(result.truePeakDb <= LOUDNESS.truePeakCeiling)) {
      problems.push(`true peak ${result.truePeakDb.toFixed(1)} dBTP, above ${LOUDNESS.truePeakCeiling}`);
    }

    let cues;
    try {
      cues = parseVtt(await readFile(join(seriesOut, entry.transcripts.vtt), 'utf8'));
    } catch (error) {
      problems.push(`${entry.transcripts.vtt}: ${(error as Error).message}`);
      continue;
    }
    result.cues = cues.length;
    if (cues.some((cue, i) => cue.end < cue.start || (i > 0 && cue.start < cues[i - 1]!.end - 1e-6))) {
      problems.push('transcript cues are out of order or overlap');
    }
    const { hosts } = content.series;
    const script = scriptText(episode.script, hosts).replace(/\s+/g, ' ').trim();
    if (cues.map((c) => c.text).join(' ') !== script) problems.push('transcript text does not join back to the script');
    if (hosts) {
      const turns = dialogueSentences(episode.script, hosts).map((s) => hosts[s.speaker!]!.name);
      if (turnOrder(cues.map((c) => c.speaker)).join('|') !== turnOrder(turns).join('|')) {
        problems.push("transcript speakers (the cues' <v> voice spans) do not follow the script's turns");
      }
    }
    const last = cues.at(-1);
    if (!last || audio.seconds - last.end > LAST_CUE_SLACK_SECONDS || last.end > audio.seconds + 0.05) {
      problems.push(`last cue ends at ${last?.end.toFixed(2)} s, audio at ${audio.seconds.toFixed(2)} s`);
    }
  }
  return results;
}

/** Speakers in order of their turns: runs of one speaker collapsed. */
function turnOrder(speakers: readonly (string | undefined)[]): string[] {
  return speakers.filter((s, i) => i === 0 || s !== speakers[i - 1]).map((s) => s ?? '(no speaker)');
}
