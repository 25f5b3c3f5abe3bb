// Every file of src/build/ and src/serve/, and the kill test too (`npm run mutate:full`).
// On two cores this takes hours: the build test speaks audio for each mutant it covers.
import base from './stryker.config.mjs';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  mutate: ['src/build/**/*.ts', 'src/serve/**/*.ts', '!src/**/*.test.ts'],
  tap: { ...base.tap, testFiles: ['dist/build/*.test.js', 'dist/serve/*.test.js'] },
  jsonReporter: { fileName: 'reports/mutation-full/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation-full/mutation.html' },
};
