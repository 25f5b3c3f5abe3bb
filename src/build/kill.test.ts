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

/** Starts a build and kills it with SIGKILL after `ms`; resolves with whether it finished first. */
function buildKilledAfter(seriesDir: string, outDir: string, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'build', seriesDir, '--out', outDir, '--jobs', '2'], { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code === 0);
    });
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name));
}

/** What must hold after a kill at any moment: no final path holds a partial file. */
async function assertNothingTruncated(outDir: string): Promise<void> {
  for (const path of await filesUnder(outDir)) {
    if (path.includes('.ninety-tmp-')) continue; // temporary names are never final paths
    const name = relative(outDir, path);
    const bytes = await readFile(path);
    const hashed = /-([0-9a-f]{10})\.mp3$/.exec(name);
    if (hashed && !name.startsWith('.ninety-cache')) {
      assert.equal(createHash('sha256').update(bytes).digest('hex').slice(0, 10), hashed[1], `${name} is truncated`);
    }
    if (name.endsWith('.json')) assert.doesNotThrow(() => JSON.parse(bytes.toString('utf8')), `${name} is not whole JSON`);
    if (name.endsWith('.html')) assert.match(bytes.toString('utf8'), /<\/html>\s*$/, `${name} is cut short`);
    if (name.endsWith('episodes.json')) {
      const manifest = JSON.parse(bytes.toString('utf8')) as Manifest;
      for (const episode of manifest.episodes) {
        const audio = await readFile(join(outDir, manifest.series.slug, episode.audio));
        assert.equal(audio.length, episode.bytes, `${episode.audio} named by the manifest is complete`);
      }
    }
  }
}

describe('a build killed with SIGKILL', () => {
  it('never leaves a truncated file at a final path, and the next build completes', async () => {
    const seriesDir = await writeTinySeries(undefined, 3);
    const outDir = await mkdtemp(join(tmpdir(), 'ninety-kill-'));
    try {
      let finished = false;
      // Kill at growing moments: during start-up, speech, writing — until a build gets through.
      for (let ms = 150; !finished && ms < 60_000; ms = Math.round(ms * 1.6)) {
        finished = await buildKilledAfter(seriesDir, outDir, ms);
        await assertNothingTruncated(outDir);
      }
      assert.ok(finished, 'a build eventually completed');
      const manifest = JSON.parse(await readFile(join(outDir, 'tiny-test', 'episodes.json'), 'utf8')) as Manifest;
      assert.equal(manifest.episodes.length, 3);
      assert.deepEqual((await filesUnder(outDir)).filter((p) => p.includes('.ninety-tmp-')), [], 'temporary files cleaned up');
    } finally {
      await rm(seriesDir, { recursive: true, force: true });
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
