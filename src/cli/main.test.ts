import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { episodeFile, SERIES_YAML, writeTinySeries } from '../testkit/series.js';

const cli = fileURLToPath(new URL('../../bin/ninety.js', import.meta.url));

function ninety(args: string[], options: SpawnSyncOptions = {}) {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', ...options });
  return { code: run.status, stdout: String(run.stdout), stderr: String(run.stderr), error: run.error };
}

describe('the ninety command reports errors a user can act on', () => {
  let seriesDir: string;
  before(async () => {
    seriesDir = await writeTinySeries();
  });
  after(() => rm(seriesDir, { recursive: true, force: true }));

  it('says an unexpected error in one line, and shows where it happened with --verbose', () => {
    // An output folder inside a file: the build cannot create it.
    const plain = ninety(['build', seriesDir, '--out', '/dev/null/out']);
    assert.equal(plain.code, 1);
    assert.match(plain.stderr, /^ninety build: .*ENOTDIR.*\n\(run again with --verbose to see where it happened\)\n$/);
    assert.doesNotMatch(plain.stderr, /^\s+at /m);
    const verbose = ninety(['build', seriesDir, '--out', '/dev/null/out', '--verbose']);
    assert.equal(verbose.code, 1);
    assert.match(verbose.stderr, /^\s+at .+:\d+:\d+\)?$/m);
    const debug = ninety(['build', seriesDir, '--out', '/dev/null/out'], { env: { ...process.env, NINETY_DEBUG: '1' } });
    assert.match(debug.stderr, /^\s+at /m);
  });

  it('reports a file it may not read as a permission problem, not as missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ninety-perm-'));
    const series = await writeTinySeries(join(dir, 'series'));
    await chmod(dir, 0o755);
    await chmod(join(series, 'series.yaml'), 0o000);
    await chmod(join(series, 'episodes', '02-episode-2.md'), 0o000);
    // Root reads anything; run as an ordinary user then (spawn can drop to one when we are root).
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const run = ninety(['check', series], { ...asUser, cwd: dir });
    await rm(dir, { recursive: true, force: true });
    assert.equal(run.code, 1, `the CLI did not run as uid 65534 (is ${process.execPath} executable by every user?): ${run.error ?? run.stderr}`);
    const said = run.stdout + run.stderr;
    assert.match(said, /series\/series\.yaml: error: permission denied: give your user read access to it/);
    assert.match(said, /02-episode-2\.md: error: permission denied/);
    assert.doesNotMatch(said, /not found/);
  });
});

describe('ninety check on dialogues', () => {
  it('passes the two-host example', () => {
    const run = ninety(['check', fileURLToPath(new URL('../../examples/two-hosts', import.meta.url))]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /all good/);
  });

  it('names a label that names no host, with the file and line', async () => {
    const dir = await writeTinySeries(undefined, 1);
    await writeFile(join(dir, 'series.yaml'), `${SERIES_YAML}hosts:\n  - name: Ada\n    voice: slt\n  - name: Ben\n    voice: rms\n`);
    await writeFile(join(dir, 'episodes', '01-episode-1.md'), episodeFile(1, { script: 'Ada: Hello.\n\nCam: Hi.\n\nBen: Hey.' }));
    const run = ninety(['check', dir]);
    await rm(dir, { recursive: true, force: true });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /01-episode-1\.md:17(:\d+)?: error: "Cam:" names no host: begin the paragraph with "Ada:" or "Ben:"/);
  });

  it('names a host voice the engine does not have', async () => {
    const dir = await writeTinySeries(undefined, 1);
    await writeFile(join(dir, 'series.yaml'), `${SERIES_YAML}hosts:\n  - name: Ada\n    voice: robot\n  - name: Ben\n    voice: rms\n`);
    await writeFile(join(dir, 'episodes', '01-episode-1.md'), episodeFile(1, { script: 'Ada: Hello.\n\nBen: Hey.' }));
    const run = ninety(['check', dir]);
    await rm(dir, { recursive: true, force: true });
    assert.equal(run.code, 1);
    assert.match(run.stdout, /series\.yaml:16:12: error: unknown voice "robot" for engine flite — choose one of rms, slt/);
  });
});
