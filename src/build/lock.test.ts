import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as pause } from 'node:timers/promises';
import { deadPid } from '../testkit/process.js';
import { OutputLockedError } from './errors.js';
import { LOCK_NAME, lockOutput } from './lock.js';

const OWNER_NAME = '.ninety-build.owner';

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
    await pause(600);
    assert.deepEqual((await readdir(dir)).sort(), [LOCK_NAME, OWNER_NAME], 'the lock and its holder sit in the folder itself');
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
    const gone = deadPid();
    await mkdir(join(dir, LOCK_NAME));
    await writeFile(join(dir, OWNER_NAME), JSON.stringify({ pid: gone, host: hostname() }));
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

  it('waits for a holder on another machine, naming it, though no such process runs here', async () => {
    const folder = await mkdtemp(join(dir, 'elsewhere-'));
    const gone = deadPid();
    await mkdir(join(folder, LOCK_NAME));
    await writeFile(join(folder, OWNER_NAME), JSON.stringify({ pid: gone, host: 'elsewhere.example' }));
    await assert.rejects(lockOutput(folder, () => undefined, 300), {
      name: 'OutputLockedError',
      message: `another build (process ${gone} on elsewhere.example) is still writing into ${folder}; wait for it to finish, or build into another folder with --out`,
    });
  });

  it('waits for a holder that recorded no owner, or one it cannot read, without naming a process', async () => {
    for (const owner of [undefined, 'not json', '{}', '{"pid":"7","host":"h"}', '{"pid":7}']) {
      const folder = await mkdtemp(join(dir, 'unknown-'));
      await mkdir(join(folder, LOCK_NAME));
      if (owner !== undefined) await writeFile(join(folder, OWNER_NAME), owner);
      await assert.rejects(lockOutput(folder, () => undefined, 250), {
        message: `another build is still writing into ${folder}; wait for it to finish, or build into another folder with --out`,
      });
    }
  });

  it('reports at once a failure that is not another build', async () => {
    const folder = await mkdtemp(join(dir, 'broken-'));
    await mkdir(join(folder, OWNER_NAME));
    await assert.rejects(lockOutput(folder, () => undefined, 2_000), { code: 'EISDIR' });
    // …and lets go of the lock it took: the folder is free for the next build.
    await rm(join(folder, OWNER_NAME), { recursive: true });
    const release = await lockOutput(folder, () => assert.fail('nothing should be holding the folder'), 0);
    await release();
  });

  it('warns when its lock is taken away while held, and still lets go cleanly', async () => {
    const folder = await mkdtemp(join(dir, 'lost-'));
    const lines: string[] = [];
    const release = await lockOutput(folder, (line) => lines.push(line));
    await rm(join(folder, LOCK_NAME), { recursive: true });
    await rm(join(folder, OWNER_NAME));
    // The lock is refreshed every 5 s; the refresh is what finds it gone.
    for (let waited = 0; lines.length === 0 && waited < 15_000; waited += 100) await pause(100);
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, new RegExp(`^warning: the lock on ${folder} was lost \\(.+\\); another build may be writing there$`));
    await release();
  });
});
