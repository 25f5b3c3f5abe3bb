/**
 * The floor a cold build is measured against: every sentence through the engine and every
 * episode through the encoder, one after another, at the rates the build settled on (read back
 * from its cache). It runs in a process of its own: the engine collects garbage before every
 * call (see speech/flite.ts), so in the bench's own process, with its larger heap, each call
 * took longer and the floor came out about a tenth too high.
 *
 * @example
 *   const { engine, encoder } = await rawFloorSeconds(seriesDir, outDir); // in a fresh process
 *   node dist/bench/raw-floor.js SERIES_DIR OUT_DIR   # prints {"engine":…,"encoder":…}
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { encodeMp3 } from '../audio/mp3.js';
import { audioTask } from '../build/build.js';
import { loadSeries } from '../series/load.js';
import { createEngine, describeEngine } from '../speech/engines.js';

export interface RawSeconds {
  engine: number;
  encoder: number;
}

/** The floor, measured in a fresh Node process. */
export async function rawFloorSeconds(seriesDir: string, outDir: string): Promise<RawSeconds> {
  const script = fileURLToPath(import.meta.url);
  const { stdout } = await promisify(execFile)(process.execPath, [script, seriesDir, outDir]);
  return JSON.parse(stdout) as RawSeconds;
}

async function measure(seriesDir: string, outDir: string): Promise<RawSeconds> {
  const content = await loadSeries(seriesDir);
  const info = describeEngine(content.series.voice.engine);
  const engine = await createEngine(content.series.voice.engine);
  let engineSeconds = 0;
  let encoderSeconds = 0;
  for (const episode of content.episodes) {
    const task = audioTask(content, episode, info);
    const meta = JSON.parse(
      await readFile(join(outDir, '.ninety-cache', content.series.slug, `${task.key}.json`), 'utf8'),
    ) as { stretch: number };
    const parts: Float32Array[] = [];
    let sampleRate = 16000;
    let started = performance.now();
    for (const sentence of task.sentences) {
      const pcm = await engine.synthesize(sentence.spoken, { voice: content.series.voice.voice, stretch: meta.stretch });
      parts.push(pcm.samples);
      sampleRate = pcm.sampleRate;
    }
    engineSeconds += (performance.now() - started) / 1000;
    const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (all.set(p, at), at + p.length), 0);
    started = performance.now();
    await encodeMp3(all, sampleRate);
    encoderSeconds += (performance.now() - started) / 1000;
  }
  return { engine: engineSeconds, encoder: encoderSeconds };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [seriesDir, outDir] = process.argv.slice(2);
  if (!seriesDir || !outDir) throw new Error('usage: raw-floor.js SERIES_DIR OUT_DIR');
  process.stdout.write(`${JSON.stringify(await measure(seriesDir, outDir))}\n`);
}
