// The server alone (`npm run mutate:serve`): every file of src/serve/ against the server's own
// tests, which speak no audio, for feedback on the server without the build's hour.
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  mutate: ['src/serve/**/*.ts', '!src/**/*.test.ts', '!src/**/*.fixture.ts'],
  // Only the server is mutated, so the browser scripts need not be compiled.
  buildCommand: 'tsc -p tsconfig.json',
  tap: {
    ...base.tap,
    // A mutant runs the files that reach it in this order and stops at the first failure: the quick
    // tests of pure modules first, so most mutants there die in a second, not after the servers' tests.
    testFiles: ['dist/serve/{conditional,containment,encoding,error-log,policy,range,request-path}.test.js', 'dist/serve/*.test.js'],
  },
  // One mutant at a time: the server's tests open many sockets and measure time.
  concurrency: 1,
  jsonReporter: { fileName: 'reports/mutation-serve/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation-serve/mutation.html' },
};
