// The core of the build against its fast tests only (no build test, which speaks a whole series
// for every mutant): `npx stryker run stryker.unit.config.mjs --mutate src/build/atomic.ts`.
// Minutes per file rather than an hour, for quick feedback while working on the build's core.
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  mutate: [
    'src/build/atomic.ts',
    'src/build/cache.ts',
    'src/build/outputs.ts',
    'src/build/manifest.ts',
    'src/build/lock.ts',
    'src/build/toolchain.ts',
  ],
  tap: {
    ...base.tap,
    testFiles: [
      'dist/build/atomic.test.js',
      'dist/build/cache.test.js',
      'dist/build/lock.test.js',
      'dist/build/integrity.test.js',
    ],
  },
  concurrency: 1,
  jsonReporter: { fileName: 'reports/mutation-unit/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation-unit/mutation.html' },
};
