import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OutputLockedError } from './errors.js';
import { LOCK_NAME, lockOutput } from './lock.js';

describe('the output lock', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ninety-lock-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('makes a second holder wait, says so once, and lets it in when the first lets go', async () => {
    const lines: string[] = [];
    const releaseFirst = await lockOutput(dir, (line) => lines.push(`first: ${line}`));
    const order: string[] = [];
    const second = lockOutput(dir, (line) => lines.push(line)).then((release) => {
      order.push('second');
      return release;
    });
    await new Promise((resolve) => setTimeout(resolve, 600));
    order.push('first done');
    await releaseFirst();
    const releaseSecond = await second;
    assert.deepEqual(order, ['first done', 'second']);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, new RegExp(`Another build \\(process ${process.pid}\\) is writing into .*; waiting`));
    await releaseSecond();
    assert.deepEqual(await readdir(dir), [], 'nothing left behind');
  });

  it('takes over at once from a holder that was killed', async () => {
    const gone = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    await mkdir(join(dir, LOCK_NAME));
    await writeFile(join(dir, '.ninety-build.owner'), JSON.stringify({ pid: gone, host: hostname() }));
    const lines: string[] = [];
    const release = await lockOutput(dir, (line) => lines.push(line), 5_000);
    assert.deepEqual(lines, []);
    await release();
  });

  it('gives up after the wait with a message that says what to do', async () => {
    const release = await lockOutput(dir, () => undefined);
    await assert.rejects(lockOutput(dir, () => undefined, 300), (error: Error) => {
      assert.ok(error instanceof OutputLockedError);
      assert.match(error.message, /another build \(process \d+\) is still writing into .*--out/);
      return true;
    });
    await release();
  });
});
