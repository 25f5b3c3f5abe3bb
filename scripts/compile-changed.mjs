/**
 * Before `npm start`: brings dist/ up to date by transpiling only the TypeScript files that
 * changed since the last compile, so a start with nothing changed costs milliseconds instead of
 * a full type-check. Type-checking stays in `npm test` and CI (`npm run compile`, full tsc).
 *
 * With no record of a previous compile (a fresh clone), it runs the full compile instead.
 *
 *   node scripts/compile-changed.mjs          # transpile what changed (or compile all)
 *   node scripts/compile-changed.mjs --record # after a full tsc: remember the sources as compiled
 *
 * Plain JavaScript on purpose: it runs before anything is compiled.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const RECORD = join(root, 'dist', '.sources.json');
/** Each source tree, where its output goes, and whether it ships source maps (as the tsconfigs say). */
const TREES = [
  { src: join(root, 'src'), out: join(root, 'dist'), sourceMap: true, project: 'tsconfig.json' },
  { src: join(root, 'web'), out: join(root, 'dist', 'web'), sourceMap: false, project: 'web/tsconfig.json' },
];

function sources() {
  const found = {};
  for (const tree of TREES) {
    for (const name of readdirSync(tree.src, { recursive: true, encoding: 'utf8' })) {
      if (!name.endsWith('.ts') || name.endsWith('.d.ts')) continue;
      const path = join(tree.src, name);
      const info = statSync(path);
      found[relative(root, path)] = `${info.size}:${info.mtimeMs}`;
    }
  }
  return found;
}

function readRecord() {
  try {
    return JSON.parse(readFileSync(RECORD, 'utf8'));
  } catch {
    return undefined;
  }
}

function record(current) {
  mkdirSync(dirname(RECORD), { recursive: true });
  writeFileSync(RECORD, JSON.stringify(current));
}

function outputFor(file) {
  const tree = TREES.find((t) => join(root, file).startsWith(`${t.src}/`));
  const js = join(tree.out, relative(tree.src, join(root, file))).replace(/\.ts$/, '.js');
  return { tree, js };
}

function fullCompile() {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  for (const tree of TREES) execFileSync(process.execPath, [tsc, '-p', join(root, tree.project)], { stdio: 'inherit' });
}

const current = sources();
const previous = readRecord();
if (process.argv.includes('--record')) {
  record(current);
} else if (!previous) {
  fullCompile();
  record(current);
} else {
  const changed = Object.keys(current).filter((file) => previous[file] !== current[file]);
  const removed = Object.keys(previous).filter((file) => !(file in current));
  for (const file of removed) {
    const { js } = outputFor(file);
    rmSync(js, { force: true });
    rmSync(`${js}.map`, { force: true });
  }
  if (changed.length > 0) {
    // Loaded only when there is something to do: TypeScript itself takes a moment to load.
    const ts = createRequire(import.meta.url)('typescript');
    const options = new Map();
    const optionsOf = (tree) => {
      if (!options.has(tree)) {
        const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} };
        const parsed = ts.getParsedCommandLineOfConfigFile(join(root, tree.project), {}, host).options;
        // One file alone cannot tell NodeNext it is ESM (package.json "type" says so): say it.
        options.set(tree, { ...parsed, module: ts.ModuleKind.ES2022 });
      }
      return options.get(tree);
    };
    for (const file of changed) {
      const { tree, js } = outputFor(file);
      const output = ts.transpileModule(readFileSync(join(root, file), 'utf8'), {
        compilerOptions: optionsOf(tree),
        fileName: join(root, file),
      });
      mkdirSync(dirname(js), { recursive: true });
      writeFileSync(js, output.outputText);
      if (tree.sourceMap && output.sourceMapText) writeFileSync(`${js}.map`, output.sourceMapText);
    }
    process.stderr.write(`Transpiled ${changed.length} changed file${changed.length === 1 ? '' : 's'} (type-checking runs in npm test).\n`);
  }
  record(current);
}
