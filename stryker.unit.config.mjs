// The core of the build against its unit tests only: `npx stryker run stryker.unit.config.mjs`
// (or `--mutate src/build/atomic.ts` for one file). The build and integrity tests speak a series
// for every mutant they reach (40 s or more each on two cores); without them the six files take
// minutes rather than hours, for quick feedback while working on the build's core. What only a
// whole build shows is left to stryker.config.mjs.
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
      'dist/build/outputs.test.js',
      'dist/build/manifest.test.js',
      'dist/build/toolchain.test.js',
    ],
  },
  concurrency: 1,
  jsonReporter: { fileName: 'reports/mutation-unit/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation-unit/mutation.html' },
};
