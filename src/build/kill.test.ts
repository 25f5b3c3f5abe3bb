/**
 * A build killed at any moment leaves nothing half-written, and nothing that names what is not
 * there yet. Timers rarely land a kill inside a write, so the kill is injected: the CLI runs with
 * NINETY_FAULT=kill-at-write:N and stops itself with SIGKILL halfway through its Nth file write,
 * for N = 1, 2, 3… until a build gets through. Each run starts from what the last one left, as
 * after a real crash, and every state a kill leaves is checked.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { writeTinySeries } from '../testkit/series.js';
import type { Manifest } from './manifest.js';

const cli = fileURLToPath(new URL('../../bin/ninety.js', import.meta.url));

/** Runs a build that kills itself in its Nth write; resolves with how it ended. */
function buildKilledAtWrite(seriesDir: string, outDir: string, n: number): Promise<'finished' | 'killed'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'build', seriesDir, '--out', outDir, '--jobs', '2'], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NINETY_FAULT: `kill-at-write:${n}` },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve('finished');
      else reject(new Error(`build ${n} failed with ${code}: ${stderr}`));
    });
  });
}

/**
 * Every file at a final path (temporary files and the lock aside), with its hash. A cache entry
 * file records how long speaking took, so it differs between runs: it is checked whole by parsing.
 */
async function snapshot(outDir: string): Promise<Map<string, string>> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = new Map<string, string>();
  for (const entry of entries) {
    const path = join(entry.parentPath ?? entry.path, entry.name);
    const name = relative(outDir, path);
    if (!entry.isFile() || name.includes('.ninety-tmp-') || name.startsWith('.ninety-build.')) continue;
    const bytes = await readFile(path);
    if (/^\.ninety-cache\/.*[0-9a-f]{32}\.json$/.test(name)) {
      assert.doesNotThrow(() => JSON.parse(bytes.toString('utf8')), `${name} is not whole`);
      continue;
    }
    files.set(name, createHash('sha256').update(bytes).digest('hex'));
  }
  return files;
}

/** What a reader (a podcast app, a browser) may rely on at any moment: what is named, exists. */
async function assertNothingDangles(outDir: string, files: Map<string, string>, n: number): Promise<void> {
  for (const name of files.keys()) {
    if (name.endsWith('episodes.json')) {
      const manifest = JSON.parse(await readFile(join(outDir, name), 'utf8')) as Manifest;
      for (const path of manifest.files) {
        assert.ok(files.has(`${manifest.series.slug}/${path}`), `after kill ${n}: the manifest names ${path}, which is missing`);
      }
    }
    if (name.endsWith('feed.xml') || name.endsWith('.html')) {
      const text = await readFile(join(outDir, name), 'utf8');
      for (const [, audio] of text.matchAll(/(?:url|src|href)="(?:[^"]*\/)?(audio\/[^"]+\.mp3)"/g)) {
        const slug = name.split('/')[0]!;
        assert.ok(files.has(`${slug}/${audio}`), `after kill ${n}: ${name} names ${audio}, which is missing`);
      }
    }
  }
}

describe('a build killed in the middle of any write', () => {
  it('never leaves a partial file at a final path, never names missing audio, and the next build completes', async (t) => {
    const seriesDir = await writeTinySeries(undefined, 3);
    const outDir = await mkdtemp(join(tmpdir(), 'ninety-kill-'));
    try {
      const states: { n: number; files: Map<string, string> }[] = [];
      let n = 1;
      for (; n < 400; n++) {
        const ended = await buildKilledAtWrite(seriesDir, outDir, n);
        if (ended === 'finished') break;
        const files = await snapshot(outDir);
        await assertNothingDangles(outDir, files, n);
        states.push({ n, files });
      }
      assert.ok(n < 400, 'a build got through');
      t.diagnostic(`killed in ${states.length} different writes before a build got through`);
      assert.ok(states.length >= 20, `only ${states.length} kills: the fault was not injected into every write`);
      // The content never changed, so every file seen at a final path must be the finished one.
      const finished = await snapshot(outDir);
      for (const { n: kill, files } of states) {
        for (const [name, hash] of files) {
          if (finished.has(name)) assert.equal(hash, finished.get(name), `after kill ${kill}: ${name} is not whole`);
        }
      }
      const manifest = JSON.parse(await readFile(join(outDir, 'tiny-test', 'episodes.json'), 'utf8')) as Manifest;
      assert.equal(manifest.episodes.length, 3);
      const entries = await readdir(outDir, { recursive: true });
      assert.deepEqual(entries.filter((p) => p.includes('.ninety-tmp-')), [], 'temporary files of killed builds are cleaned up');
    } finally {
      await rm(seriesDir, { recursive: true, force: true });
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
