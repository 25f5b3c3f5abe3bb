/**
 * Runs the compiled tests with Node's test runner, the same way on Node 20, 22 and 24.
 *
 * `node --test dir/` searches a directory on Node 20 but takes it as a file pattern from
 * Node 21 on, so the test files are found here and named one by one. The tests run under
 * the node that runs this script, and its exit code is this script's exit code.
 *
 * Arguments choose what runs (all of dist/ by default); options go to the test runner:
 *
 * @example
 *   npm test                                      # every test in dist/
 *   npm test -- dist/serve                        # a folder (src/serve means the same)
 *   npm test -- src/serve/range.test.ts           # one file, by its source or compiled path
 *   npm test -- range keep-alive                  # files whose path contains a word
 *   npm test -- --test-name-pattern "byte range"  # node --test options pass through
 *
 * NINETY_SKIP_BROWSER=1 leaves out the Chromium tests (*.browser.test.js): CI runs them on one
 * Node.js only, since the page scripts run in the browser, not in Node.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const DIST = join(ROOT, 'dist');
const TEST_FILE = /\.test\.js$/;
const DEFAULT_OPTIONS = ['--test-concurrency=2'];
// Runner options that take their value as the next argument when written without "=".
const TAKES_VALUE = new Set([
  '--test-name-pattern',
  '--test-skip-pattern',
  '--test-reporter',
  '--test-reporter-destination',
  '--test-concurrency',
  '--test-timeout',
  '--test-shard',
  '--test-coverage-include',
  '--test-coverage-exclude',
  '--import',
  '--require',
  '-r',
  '--conditions',
  '-C',
]);

/** Every test file under a directory, in a stable order. */
function testsUnder(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...testsUnder(path));
    else if (TEST_FILE.test(entry.name)) found.push(path);
  }
  return found.sort();
}

/** A source path (src/… .ts, web/… .ts) named by its compiled place in dist/. */
function compiledPath(arg) {
  const path = resolve(arg);
  const inside = (folder) => {
    const rel = relative(join(ROOT, folder), path);
    return rel.startsWith('..') || isAbsolute(rel) ? undefined : rel;
  };
  const fromSrc = inside('src');
  if (fromSrc !== undefined) return join(DIST, fromSrc).replace(/\.ts$/, '.js');
  const fromWeb = inside('web');
  if (fromWeb !== undefined) return join(DIST, 'web', fromWeb).replace(/\.ts$/, '.js');
  return path;
}

function parse(args) {
  const options = [];
  const selectors = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.startsWith('-')) {
      options.push(arg);
      if (TAKES_VALUE.has(arg) && i + 1 < args.length) options.push(args[++i]);
    } else {
      selectors.push(arg);
    }
  }
  return { options, selectors };
}

/** The files a selector names: a folder, a file, or a word in the path of a test file. */
function select(selector, all) {
  const path = compiledPath(selector);
  if (existsSync(path)) return statSync(path).isDirectory() ? testsUnder(path) : [path];
  if (selector.includes('/') || selector.endsWith('.ts') || selector.endsWith('.js')) return [];
  return all.filter((file) => relative(DIST, file).includes(selector));
}

function main() {
  if (!existsSync(DIST)) {
    console.error('dist/ is missing: run `npm run compile` first (npm test does it for you).');
    return 1;
  }
  const { options, selectors } = parse(process.argv.slice(2));
  const skipBrowser = process.env.NINETY_SKIP_BROWSER === '1';
  const all = testsUnder(DIST).filter((file) => !(skipBrowser && file.endsWith('.browser.test.js')));
  const files = new Set();
  for (const selector of selectors.length > 0 ? selectors : [DIST]) {
    const chosen = select(selector, all).filter((file) => !(skipBrowser && file.endsWith('.browser.test.js')));
    if (chosen.length === 0) {
      console.error(`No test files match "${selector}" (looked for *.test.js in ${relative(ROOT, DIST)}/).`);
      return 1;
    }
    for (const file of chosen) files.add(file);
  }
  const defaults = DEFAULT_OPTIONS.filter(
    (option) => !options.some((given) => given.split('=')[0] === option.split('=')[0]),
  );
  const child = spawn(process.execPath, ['--test', ...defaults, ...options, ...files], { stdio: 'inherit' });
  // Ctrl-C reaches the child through the terminal; wait for it to report and exit.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return new Promise((done) => {
    child.on('exit', (code, signal) => done(code ?? 128 + (constants.signals[signal] ?? 0)));
  });
}

process.exitCode = await main();
