/**
 * EBU R128 / ITU-R BS.1770 loudness and true peak, from the `ebur128-wasm` package (the Rust
 * `ebur128` crate compiled to WebAssembly).
 *
 * Why this loader: the package ships glue for bundlers only (it imports its `.wasm` file as an ES
 * module, which Node 20 cannot do without a flag). The WebAssembly module itself is all we need:
 * each export takes a sample rate and a float array the module allocates and then owns.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface Ebur128Exports {
  memory: { buffer: ArrayBuffer };
  __wbindgen_malloc(bytes: number): number;
  ebur128_integrated_mono(sampleRate: number, pointer: number, length: number): number;
  ebur128_true_peak_mono(sampleRate: number, pointer: number, length: number): number;
}

const require = createRequire(import.meta.url);
let loaded: Promise<Ebur128Exports> | undefined;

function load(): Promise<Ebur128Exports> {
  loaded ??= (async () => {
    const path = require.resolve('ebur128-wasm/ebur128_wasm_bg.wasm');
    const module = await WebAssembly.compile(readFileSync(path));
    const panic = () => {
      throw new Error('loudness meter failed inside ebur128-wasm');
    };
    // The imports only serve Rust's panic hook (error object, stack, console.error).
    const instance = await WebAssembly.instantiate(module, {
      './ebur128_wasm_bg.js': {
        __wbg_new_693216e109162396: panic,
        __wbg_stack_0ddaca5d1abfb52f: panic,
        __wbg_error_09919627ac0992f5: panic,
        __wbindgen_object_drop_ref: () => undefined,
      },
    });
    return instance.exports as unknown as Ebur128Exports;
  })();
  return loaded;
}

function call(
  wasm: Ebur128Exports,
  fn: (sampleRate: number, pointer: number, length: number) => number,
  sampleRate: number,
  samples: Float32Array,
): number {
  const pointer = wasm.__wbindgen_malloc(samples.length * 4);
  new Float32Array(wasm.memory.buffer, pointer, samples.length).set(samples);
  return fn(sampleRate, pointer, samples.length);
}

export interface LoudnessMeter {
  /** Integrated loudness in LUFS (−Infinity for silence). */
  integrated(samples: Float32Array, sampleRate: number): number;
  /** True peak in dBTP (4× oversampled, per BS.1770). */
  truePeakDb(samples: Float32Array, sampleRate: number): number;
}

export async function loudnessMeter(): Promise<LoudnessMeter> {
  const wasm = await load();
  return {
    integrated: (samples, sampleRate) => call(wasm, wasm.ebur128_integrated_mono, sampleRate, samples),
    truePeakDb: (samples, sampleRate) => call(wasm, wasm.ebur128_true_peak_mono, sampleRate, samples),
  };
}
