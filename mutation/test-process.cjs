'use strict';
/**
 * Preloaded into each test process during mutation testing (`npm run mutate`), before the test
 * runner's own hook so that its exit handler runs first.
 *
 * Temporary files. A mutant that fails a test stops the test file at once, before its `after`
 * hooks remove their temporary folders. Each test process therefore gets its own temporary
 * folder inside the sandbox (which is deleted when the run ends), inherited by its children.
 *
 * Coverage from child processes. Some tests do their work in child processes: the build forks
 * speech workers, the kill test runs the CLI. Those children run the instrumented code (the active
 * mutant reaches them through the environment), but only the test process reports which mutants
 * its tests reach, so code that runs only in a child would count as covered by no test and never
 * be tried. During the initial run that measures coverage, every descendant writes what it reached
 * to a shared folder when it exits, and the test process adds it to its own coverage before that
 * is reported.
 */
const fs = require('node:fs');
const path = require('node:path');

const MARK = 'NINETY_MUTATION_TEST_PROCESS';
const namespace = process.env.STRYKER_NAMESPACE || '__stryker__';
const dryRun = process.env.STRYKER_DRY_RUN === 'true';

function add(into, counts) {
  for (const [id, hits] of Object.entries(counts || {})) into[id] = (into[id] || 0) + hits;
}

const inherited = process.env[MARK];
if (inherited === undefined) {
  // The test process: a temporary folder of its own, and this module handed on to every descendant.
  const folder = path.join(process.cwd(), '.mutation-tmp', String(process.pid));
  const coverageFolder = path.join(folder, 'coverage');
  fs.mkdirSync(coverageFolder, { recursive: true });
  process.env[MARK] = folder;
  process.env.TMPDIR = folder;
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS || ''} --require ${JSON.stringify(__filename)}`.trim();
  process.on('exit', () => {
    if (dryRun) {
      const ns = globalThis[namespace] || (globalThis[namespace] = {});
      const coverage = ns.mutantCoverage || (ns.mutantCoverage = { static: {}, perTest: {} });
      coverage.static = coverage.static || {};
      for (const name of fs.readdirSync(coverageFolder)) {
        if (!name.endsWith('.json')) continue;
        try {
          const child = JSON.parse(fs.readFileSync(path.join(coverageFolder, name), 'utf8'));
          add(coverage.static, child.static);
          for (const counts of Object.values(child.perTest || {})) add(coverage.static, counts);
        } catch {
          // A child killed while writing leaves an unreadable file; only its coverage is lost.
        }
      }
    }
    fs.rmSync(folder, { recursive: true, force: true });
    try {
      fs.rmdirSync(path.dirname(folder));
    } catch {
      // Other test processes still use it.
    }
  });
} else if (dryRun) {
  // A descendant: report what it reached, written whole under a temporary name first.
  process.on('exit', () => {
    const coverage = globalThis[namespace] && globalThis[namespace].mutantCoverage;
    if (!coverage) return;
    try {
      const file = path.join(inherited, 'coverage', `${process.pid}.json`);
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(coverage));
      fs.renameSync(`${file}.tmp`, file);
    } catch {
      // The test process has already finished and removed the folder.
    }
  });
}
