import assert from 'node:assert/strict';
import { mkdtemp, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { nodeFileSystem, type FileSystem } from './file-system.js';
import { FileChangedError, OpenFiles, type FileVersion } from './open-files.js';

/** The real file system, counting opens and closes. */
function counting(): { fs: FileSystem; opens: () => number; closed: number[] } {
  let opens = 0;
  const closed: number[] = [];
  const fs: FileSystem = {
    ...nodeFileSystem,
    open: (path, done) => {
      opens += 1;
      nodeFileSystem.open(path, done);
    },
    close: (fd, done) => {
      closed.push(fd);
      nodeFileSystem.close(fd, done);
    },
  };
  return { fs, opens: () => opens, closed };
}

async function versionOf(path: string): Promise<FileVersion> {
  const st = await stat(path);
  return { path, dev: st.dev, ino: st.ino, size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs };
}

describe('OpenFiles', () => {
  let dir: string;

  before(async () => {
    dir = await realpath(await mkdtemp(join(tmpdir(), 'ninety-open-files-')));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('opens a file version once and hands the same descriptor to every reader', async () => {
    const path = join(dir, 'a.mp3');
    await writeFile(path, 'audio');
    const { fs, opens } = counting();
    const files = new OpenFiles(fs, 8);
    const version = await versionOf(path);
    const [first, second] = await Promise.all([files.acquire(version), files.acquire(version)]);
    const third = await files.acquire(version);
    assert.equal(opens(), 1);
    assert.ok(first === second && second === third);
    for (const file of [first, second, third]) files.release(file);
  });

  it('closes a retired descriptor only once its last reader has let go', async () => {
    const path = join(dir, 'b.mp3');
    await writeFile(path, 'audio');
    const { fs, closed } = counting();
    const files = new OpenFiles(fs, 8);
    const version = await versionOf(path);
    const reading = await files.acquire(version);
    files.retire(version);
    assert.deepEqual(closed, [], 'closed under a reader');
    files.release(reading);
    assert.deepEqual(closed, [reading.fd]);
  });

  it('opens afresh after a version is retired', async () => {
    const path = join(dir, 'c.mp3');
    await writeFile(path, 'audio');
    const { fs, opens } = counting();
    const files = new OpenFiles(fs, 8);
    const version = await versionOf(path);
    files.release(await files.acquire(version));
    files.retire(version);
    files.release(await files.acquire(version));
    assert.equal(opens(), 2);
  });

  it('refuses to open a file that is no longer the version that was looked up', async () => {
    const path = join(dir, 'd.mp3');
    await writeFile(path, 'old audio');
    const old = await versionOf(path);
    await writeFile(join(dir, 'd.new'), 'new audio, longer');
    await rename(join(dir, 'd.new'), path);
    const { fs, closed } = counting();
    await assert.rejects(Promise.resolve(new OpenFiles(fs, 8).acquire(old)), FileChangedError);
    assert.equal(closed.length, 1, 'the descriptor of the other version stayed open');
  });

  it('keeps at most max idle descriptors, closing the least recently used', async () => {
    const { fs, closed } = counting();
    const files = new OpenFiles(fs, 2);
    const fds: number[] = [];
    for (const name of ['e1', 'e2', 'e3']) {
      const path = join(dir, `${name}.mp3`);
      await writeFile(path, name);
      const file = await files.acquire(await versionOf(path));
      fds.push(file.fd);
      files.release(file);
    }
    assert.equal(files.size, 2);
    assert.deepEqual(closed, [fds[0]]);
  });
});
