import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, open, readdir, readFile, readlink, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { deadPid } from '../testkit/process.js';
import { processIsAlive, removeStaleTempFiles, syncFolder, tempHost, tempOwner, THIS_HOST, writeFileAtomic, writeIfChanged, writeStages } from './atomic.js';

/** Every flush `run` makes, by the path its descriptor points at (read back through /proc), with its own notes between. */
async function flushLog(run: (note: (event: string) => void) => Promise<unknown>): Promise<string[]> {
  const events: string[] = [];
  const probe = await open(tmpdir(), 'r');
  const proto = Object.getPrototypeOf(probe) as { sync(this: { fd: number }): Promise<void> };
  await probe.close();
  const sync = proto.sync;
  proto.sync = async function (this: { fd: number }) {
    events.push(`sync ${await readlink(`/proc/self/fd/${this.fd}`)}`);
    return sync.call(this);
  };
  try {
    await run((event) => events.push(event));
  } finally {
    proto.sync = sync;
  }
  return events;
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
    const events = await flushLog((note) =>
      writeStages(
        join(dir, 'durable'),
        [
          [{ path: 'audio/a.mp3', contents: 'a' }, { path: 'transcripts/a.vtt', contents: 'WEBVTT' }],
          [{ path: 'feed.xml', contents: '<rss/>' }],
        ],
        (path) => note(`final ${path}`),
      ),
    );
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

  it('flushes nothing for a stage whose files are all unchanged', async () => {
    const stage = [{ path: 'same/a.txt', contents: 'a' }];
    await writeStages(dir, [stage]);
    assert.deepEqual(await flushLog(() => writeStages(dir, [stage])), []);
  });

  it('flushes a file written on its own, then its folder once it has its name', async () => {
    const path = join(dir, 'alone', 'entry.json');
    const events = await flushLog((note) => writeFileAtomic(path, '{}', { observe: () => note('final') }));
    assert.equal(events.length, 3, events.join(' | '));
    assert.match(events[0]!, new RegExp(`^sync .*/alone/entry\\.json\\.ninety-tmp-\\d+-[0-9a-f]{8}-${THIS_HOST}$`));
    assert.deepEqual(events.slice(1), [`sync ${join(dir, 'alone')}`, 'final']);
  });

  it('closes every file and folder it opens', async () => {
    const open = async () => (await readdir('/proc/self/fd')).length;
    const before = await open();
    await writeFileAtomic(join(dir, 'fds', 'one.txt'), 'one');
    await writeStages(join(dir, 'fds'), [[{ path: 'two.txt', contents: 'two' }], [{ path: 'three.txt', contents: 'three' }]]);
    await syncFolder(join(dir, 'fds'));
    assert.equal(await open(), before);
  });

  it('leaves no temporary file when the rename fails, and reports why', async () => {
    const target = join(dir, 'taken');
    await mkdir(join(target, 'inside'), { recursive: true });
    await assert.rejects(writeFileAtomic(target, 'x'), (error: NodeJS.ErrnoException) => error.syscall === 'rename');
    assert.deepEqual(await readdir(dir).then((names) => names.filter((n) => n.startsWith('taken'))), ['taken']);
  });

  it('reports the failure to create the file, not a failure to clean up after it', async () => {
    // procfs lets no one create a file, root included.
    await assert.rejects(writeFileAtomic('/proc/ninety-cannot-be-here', 'x'), (error: NodeJS.ErrnoException) => error.syscall === 'open');
  });

  it('leaves half a file under its temporary name, never at the final one, when killed mid-write', async () => {
    const target = join(dir, 'killed', 'feed.xml');
    const child = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `import { writeFileAtomic } from ${JSON.stringify(new URL('./atomic.js', import.meta.url).href)};
        await writeFileAtomic(${JSON.stringify(target)}, 'x'.repeat(1000));`],
      { env: { ...process.env, NINETY_FAULT: 'kill-at-write:1' }, encoding: 'utf8' },
    );
    assert.equal(child.signal, 'SIGKILL', child.stderr);
    const names = await readdir(dirname(target));
    assert.deepEqual(names.map((n) => n.replace(/\d+-[0-9a-f]{8}-[0-9a-f]{8}$/, '…')), ['feed.xml.ninety-tmp-…']);
    assert.equal(tempOwner(names[0]!), child.pid);
    assert.equal((await readFile(join(dirname(target), names[0]!), 'utf8')).length, 500);
    await removeStaleTempFiles(dir);
    assert.deepEqual(await readdir(dirname(target)), []);
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

  it('writes bytes given in parts as one file, counts their length together, and compares them whole', async () => {
    const hashed = join(dir, 'audio-02-parts-0123456789.mp3');
    const parts = [Buffer.from('ID3'), Buffer.from('audio')];
    assert.equal(await writeIfChanged(hashed, parts), true);
    assert.equal(await readFile(hashed, 'utf8'), 'ID3audio');
    assert.equal(await writeIfChanged(hashed, [Buffer.from('ID3'), Buffer.from('AUDIO')]), false, 'a hashed name of that length');
    assert.equal(await writeIfChanged(hashed, [Buffer.from('ID3'), Buffer.from('audio!')]), true, 'one byte longer');
    assert.equal(await readFile(hashed, 'utf8'), 'ID3audio!');
    const plain = join(dir, 'parts.bin');
    await writeFileAtomic(plain, [Buffer.from('ab'), Buffer.from('cd')]);
    assert.equal(await readFile(plain, 'utf8'), 'abcd');
    assert.equal(await writeIfChanged(plain, [Buffer.from('a'), Buffer.from('bcd')]), false, 'the same bytes, parted elsewhere');
    assert.equal(await writeIfChanged(plain, [Buffer.from('ab'), Buffer.from('cD')]), true, 'same length, other bytes');
    assert.equal(await readFile(plain, 'utf8'), 'abcD');
  });

  it('trusts a content-hashed audio name of the right size without reading it, and nothing else', async () => {
    const hashed = join(dir, 'audio-01-intro-0123456789.mp3');
    await writeFile(hashed, 'aaaa');
    assert.equal(await writeIfChanged(hashed, 'bbbb'), false, 'same hash in the name, same size: the same audio');
    assert.equal(await writeIfChanged(hashed, 'bbbbb'), true, 'another size is other audio');
    assert.equal(await readFile(hashed, 'utf8'), 'bbbbb');
    for (const name of ['cover.mp3', 'intro-0123456789.mp3.txt', 'intro-012345678.mp3', 'intro-0123456789a.mp3', 'intro-ghijklmnop.mp3', 'intro0123456789a.mp3']) {
      const path = join(dir, name);
      await writeFile(path, 'aaaa');
      assert.equal(await writeIfChanged(path, 'bbbb'), true, name);
      assert.equal(await readFile(path, 'utf8'), 'bbbb', name);
    }
  });

  it('removes temporary files of processes that are gone, and only those: another machine\'s only once a day old', async () => {
    const gone = deadPid();
    assert.equal(processIsAlive(gone), false);
    const mine = `page.html.ninety-tmp-${process.pid}-aaaa0000-${THIS_HOST}`;
    const orphan = `page.html.ninety-tmp-${gone}-bbbb1111-${THIS_HOST}`;
    const older = `page.html.ninety-tmp-${gone}-cccc2222`; // named before names carried the machine
    // Another machine's pid means nothing here: its file is kept while that build may be writing it,
    // and removed once no write could still be under way.
    const away = `page.html.ninety-tmp-${gone}-dddd3333-0badf00d`;
    const awayLongAgo = `page.html.ninety-tmp-${gone}-eeee4444-0badf00d`;
    const sub = join(dir, 'temps', 'audio');
    await rm(join(dir, 'temps'), { recursive: true, force: true });
    await writeStages(sub, [[{ path: 'keep.mp3', contents: 'x' }]]);
    await Promise.all([mine, orphan, older, away, awayLongAgo].map((name) => writeFile(join(sub, name), 'partial')));
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60_000);
    await utimes(join(sub, awayLongAgo), twoDaysAgo, twoDaysAgo);
    await removeStaleTempFiles(join(dir, 'temps'));
    assert.deepEqual((await readdir(sub)).sort(), ['keep.mp3', mine, away].sort());
    await removeStaleTempFiles(join(dir, 'no such folder'));
  });

  it('reads the owning process and its machine from a temporary name', () => {
    assert.equal(tempOwner('feed.xml.ninety-tmp-4242-0a1b2c3d'), 4242);
    assert.equal(tempOwner('feed.xml.ninety-tmp-4242-0a1b2c3d-0badf00d'), 4242);
    assert.equal(tempHost('feed.xml.ninety-tmp-4242-0a1b2c3d-0badf00d'), '0badf00d');
    assert.equal(tempHost('feed.xml.ninety-tmp-4242-0a1b2c3d'), undefined);
    assert.equal(tempOwner('feed.xml'), undefined);
    assert.equal(tempOwner('feed-ninety-tmp-4242-0a1b2c3d'), undefined, 'only the mark the writer uses');
  });

  it('tells a running process from one that is gone or is not a process at all', () => {
    assert.equal(processIsAlive(process.pid), true);
    assert.equal(processIsAlive(deadPid()), false);
    // 0 and -1 would signal a whole process group or every process, and so always seem alive.
    for (const pid of [undefined, 0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2]) assert.equal(processIsAlive(pid), false, String(pid));
  });

  it('counts a process of another user as running, though it may not be signalled', () => {
    // The answer the system gives about another user's process (tests may run as root, who gets none).
    const kill = process.kill;
    process.kill = () => {
      throw Object.assign(new Error('kill EPERM'), { code: 'EPERM' });
    };
    try {
      assert.equal(processIsAlive(4242), true);
    } finally {
      process.kill = kill;
    }
  });
});
