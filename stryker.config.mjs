// Mutation testing of the server and the core of the build: `npm run mutate`.
// Reports: reports/mutation/mutation.json and .html; the scores are also printed at the end.
// Every file of src/build/ and the kill test too: `npm run mutate:full` (stryker.full.config.mjs).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'tap',
  plugins: ['@stryker-mutator/tap-runner'],
  // Each mutant of src/build/ costs a run of the build test, which speaks audio (15 s or more), so
  // this covers the files that hold the build's promises about its output: the orchestration, the
  // speech cache and its key, atomic writes, the output lock and the removal of stale files.
  mutate: [
    'src/serve/**/*.ts',
    'src/build/build.ts',
    'src/build/cache.ts',
    'src/build/atomic.ts',
    'src/build/outputs.ts',
    'src/build/manifest.ts',
    'src/build/lock.ts',
    'src/build/toolchain.ts',
    '!src/**/*.test.ts',
  ],
  // The sources are TypeScript; the tests run on what tsc writes to dist/. Instrumented files carry
  // `// @ts-nocheck`, so they compile.
  buildCommand: 'npm run compile',
  ignorePatterns: ['/dist', '/out', '/bench-results', '.ninety-cache', '/reports'],
  // node:test prints TAP when its output is not a terminal: each compiled test file is one test,
  // and a mutant runs only the test files that reach it.
  tap: {
    // The kill test (a CLI build killed again and again, ~30 s) is left to stryker.full.config.mjs.
    testFiles: [
      'dist/build/build.test.js',
      'dist/build/integrity.test.js',
      'dist/build/cache.test.js',
      'dist/build/atomic.test.js',
      'dist/build/lock.test.js',
      'dist/build/outputs.test.js',
      'dist/build/manifest.test.js',
      'dist/build/toolchain.test.js',
      'dist/serve/*.test.js',
    ],
    // Temporary files and coverage from child processes (speech workers, the CLI): see the file.
    nodeArgs: ['--require', './mutation/test-process.cjs', '--require', '{{hookFile}}'],
    forceBail: true,
  },
  coverageAnalysis: 'perTest',
  // The build test speaks audio in worker processes and takes ~15 s; leave room for a busy machine.
  concurrency: 2,
  timeoutFactor: 2.5,
  timeoutMS: 10000,
  reporters: ['clear-text', 'json', 'html', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 80, low: 60, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
