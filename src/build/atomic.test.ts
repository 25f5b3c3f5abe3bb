import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, open, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { processIsAlive, removeStaleTempFiles, tempOwner, writeIfChanged, writeStages } from './atomic.js';

/** The pid of a process that has certainly exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('atomic output', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ninety-atomic-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('puts every file of a stage at its final name before any file of the next stage', async () => {
    const journal: string[] = [];
    const stage = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({ path: `${prefix}/${i}.txt`, contents: `${prefix} ${i} `.repeat(1000 * (n - i)) }));
    await writeStages(dir, [stage('media', 6), stage('pages', 4), [{ path: 'manifest.json', contents: '{}' }]], (path) =>
      journal.push(path.slice(dir.length + 1)),
    );
    assert.equal(journal.length, 11);
    const lastMedia = Math.max(...journal.map((p, i) => (p.startsWith('media/') ? i : -1)));
    const firstPage = journal.findIndex((p) => p.startsWith('pages/'));
    assert.ok(lastMedia < firstPage, `journal: ${journal.join(', ')}`);
    assert.equal(journal.at(-1), 'manifest.json');
    assert.equal(await readFile(join(dir, 'pages', '3.txt'), 'utf8'), 'pages 3 '.repeat(1000));
  });

  it('flushes each file before its rename, and each folder after its renames, before the next stage', async () => {
    const events: string[] = [];
    // Every flush, by the path its descriptor points at (read back through /proc).
    const probe = await open(join(dir, 'probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { sync(this: { fd: number }): Promise<void> };
    await probe.close();
    const sync = proto.sync;
    proto.sync = async function (this: { fd: number }) {
      events.push(`sync ${await readlink(`/proc/self/fd/${this.fd}`)}`);
      return sync.call(this);
    };
    try {
      await writeStages(
        join(dir, 'durable'),
        [
          [{ path: 'audio/a.mp3', contents: 'a' }, { path: 'transcripts/a.vtt', contents: 'WEBVTT' }],
          [{ path: 'feed.xml', contents: '<rss/>' }],
        ],
        (path) => events.push(`final ${path}`),
      );
    } finally {
      proto.sync = sync;
    }
    const at = (event: string) => events.indexOf(event);
    const finals = events.filter((e) => e.startsWith('final ')).map((e) => e.slice(6));
    assert.equal(finals.length, 3);
    for (const path of finals) {
      const flushed = events.findIndex((e) => e.startsWith(`sync ${path}.ninety-tmp-`));
      assert.ok(flushed >= 0 && flushed < at(`final ${path}`), `${path} was not flushed before its rename: ${events.join(' | ')}`);
      assert.ok(at(`sync ${dirname(path)}`) > at(`final ${path}`), `the folder of ${path} was not flushed after it`);
    }
    const feed = join(dir, 'durable', 'feed.xml');
    for (const folder of ['audio', 'transcripts']) {
      assert.ok(at(`sync ${join(dir, 'durable', folder)}`) < at(`final ${feed}`), `${folder}/ was flushed only after the next stage began`);
    }
  });

  it('does not rewrite a file whose bytes are unchanged', async () => {
    const path = join(dir, 'same.txt');
    assert.equal(await writeIfChanged(path, 'one'), true);
    const seen: string[] = [];
    assert.equal(await writeIfChanged(path, 'one', (p) => seen.push(p)), false);
    assert.equal(await writeIfChanged(path, 'two', (p) => seen.push(p)), true);
    assert.deepEqual(seen, [path]);
    assert.equal(await readFile(path, 'utf8'), 'two');
  });

  it('removes temporary files of processes that are gone, and only those', async () => {
    const gone = deadPid();
    assert.equal(processIsAlive(gone), false);
    const mine = `page.html.ninety-tmp-${process.pid}-aaaa0000`;
    const orphan = `page.html.ninety-tmp-${gone}-bbbb1111`;
    const sub = join(dir, 'temps', 'audio');
    await rm(join(dir, 'temps'), { recursive: true, force: true });
    await writeStages(sub, [[{ path: 'keep.mp3', contents: 'x' }]]);
    await Promise.all([mine, orphan].map((name) => writeFile(join(sub, name), 'partial')));
    await removeStaleTempFiles(join(dir, 'temps'));
    assert.deepEqual((await readdir(sub)).sort(), ['keep.mp3', mine].sort());
  });

  it('reads the owning process from a temporary name', () => {
    assert.equal(tempOwner('feed.xml.ninety-tmp-4242-0a1b2c3d'), 4242);
    assert.equal(tempOwner('feed.xml'), undefined);
    assert.equal(processIsAlive(process.pid), true);
    assert.equal(processIsAlive(undefined), false);
  });
});
