import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { nodeFileSystem, type FileSystem } from './file-system.js';
import { createHandler } from './handler.js';
import { fetchRaw, listen } from './loopback.fixture.js';

/** An error as node:fs makes them. */
function fsError(code: string, syscall: string, path: string | number): NodeJS.ErrnoException {
  const text = code === 'EACCES' ? 'permission denied' : code === 'EIO' ? 'i/o error' : code;
  return Object.assign(new Error(`${code}: ${text}, ${syscall} '${path}'`), { code, syscall, path: String(path) });
}

/** Can this process still read a file after chmod 000? Root can, so there the error is injected. */
async function lockOut(path: string): Promise<boolean> {
  await chmod(path, 0o000);
  try {
    await readFile(path);
    return false;
  } catch {
    return true;
  }
}

describe('failures', () => {
  let base: string;
  let root: string;
  const logged: string[] = [];
  let server: { url: string; close(): Promise<void> };
  /** Paths whose open fails with EACCES, stat with EACCES, read with EIO, stat with EIO. */
  const locked = new Set<string>();
  const lockedFolders = new Set<string>();
  const broken = new Set<string>();
  const unstatable = new Set<string>();
  /** Descriptors of files whose reads fail, and after how many bytes. */
  const failingFds = new Map<number, number>();
  let chmodLocks = false;

  before(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'ninety-failures-')));
    root = join(base, 'out');
    await mkdir(join(root, 's', 'audio'), { recursive: true });
    await mkdir(join(root, 's', 'private'), { recursive: true });
    await mkdir(join(base, 'outside', 'private'), { recursive: true });
    for (const name of ['locked-0123abcd.mp3', 'broken-0123abcd.mp3', 'cut-0123abcd.mp3']) {
      await writeFile(join(root, 's', 'audio', name), Buffer.alloc(600 * 1024, 1));
    }
    await writeFile(join(root, 's', 'locked.html'), '<!doctype html><title>Locked</title>');
    await writeFile(join(root, 's', 'broken.html'), '<!doctype html><title>Broken</title>');
    await writeFile(join(root, 's', 'private', 'notes.txt'), 'notes');
    await writeFile(join(base, 'outside', 'private', 'secret.txt'), 'TOP SECRET');
    await symlink(join(base, 'outside', 'private'), join(root, 's', 'elsewhere'));

    chmodLocks = (await lockOut(join(root, 's', 'audio', 'locked-0123abcd.mp3'))) && (await lockOut(join(root, 's', 'locked.html')));
    if (!chmodLocks) {
      locked.add(join(root, 's', 'audio', 'locked-0123abcd.mp3'));
      locked.add(join(root, 's', 'locked.html'));
    }
    // Folders: as root, chmod cannot lock them either, so stat is made to fail inside them.
    await chmod(join(root, 's', 'private'), 0o000);
    await chmod(join(base, 'outside', 'private'), 0o000);
    lockedFolders.add(join(root, 's', 'private'));
    lockedFolders.add(join(base, 'outside', 'private'));
    broken.add(join(root, 's', 'audio', 'broken-0123abcd.mp3'));
    broken.add(join(root, 's', 'broken.html'));
    unstatable.add(join(root, 's', 'unstatable.html'));

    const inLockedFolder = (path: string): boolean => [...lockedFolders].some((dir) => path.startsWith(`${dir}/`));
    const fs: FileSystem = {
      ...nodeFileSystem,
      stat: (path, done) => {
        if (unstatable.has(path)) return done(fsError('EIO', 'stat', path), undefined as never);
        if (inLockedFolder(path) || inLockedFolder(path.replace(join(root, 's', 'elsewhere'), join(base, 'outside', 'private')))) {
          return done(fsError('EACCES', 'stat', path), undefined as never);
        }
        nodeFileSystem.stat(path, done);
      },
      open: (path, done) => {
        if (locked.has(path)) return done(fsError('EACCES', 'open', path), -1);
        nodeFileSystem.open(path, (err, fd) => {
          if (!err && broken.has(path)) failingFds.set(fd, 0);
          if (!err && path.endsWith('cut-0123abcd.mp3')) failingFds.set(fd, 256 * 1024);
          done(err, fd);
        });
      },
      read: (fd, buffer, offset, length, position, done) => {
        const after = failingFds.get(fd);
        if (after !== undefined && position + length > after) return done(fsError('EIO', 'read', fd), 0);
        nodeFileSystem.read(fd, buffer, offset, length, position, done);
      },
    };
    server = await listen(createHandler(root, { fs, log: (line) => logged.push(line) }));
  });

  after(async () => {
    await server.close();
    await chmod(join(root, 's', 'private'), 0o755);
    await chmod(join(base, 'outside', 'private'), 0o755);
    await rm(base, { recursive: true, force: true });
  });

  beforeEach(() => {
    logged.length = 0;
  });

  const lineFor = (method: string, path: string): string | undefined => logged.find((line) => line.includes(` ${method} ${path}:`));

  it('answers 403, not 404, for a published file the server may not read, and logs it', async () => {
    for (const path of ['/s/audio/locked-0123abcd.mp3', '/s/locked.html']) {
      const r = await fetchRaw(server.url, path);
      assert.equal(r.status, 403, path);
      assert.match(lineFor('GET', path) ?? '', /^ninety serve: 403 GET \S+: EACCES/, path);
    }
  });

  it('answers 403 to a range or HEAD request for a file the server may not read', async () => {
    const path = '/s/audio/locked-0123abcd.mp3';
    assert.equal((await fetchRaw(server.url, path, { headers: { Range: 'bytes=0-1' } })).status, 403);
    assert.equal((await fetchRaw(server.url, path, { method: 'HEAD' })).status, 403);
  });

  it('answers 403 for a file in a folder of the root the server may not enter', async () => {
    const r = await fetchRaw(server.url, '/s/private/notes.txt');
    assert.equal(r.status, 403);
    assert.match(lineFor('GET', '/s/private/notes.txt') ?? '', /^ninety serve: 403 GET \/s\/private\/notes\.txt: EACCES/);
  });

  it('answers 404, not 403, through a link to a locked folder outside the root', async () => {
    const r = await fetchRaw(server.url, '/s/elsewhere/secret.txt');
    assert.equal(r.status, 404);
    assert.ok(!r.body.toString().includes('TOP SECRET'));
  });

  it('answers 500 when a read fails and logs method, path and error code', async () => {
    for (const path of ['/s/audio/broken-0123abcd.mp3', '/s/broken.html']) {
      const r = await fetchRaw(server.url, path, { headers: { Range: 'bytes=0-99' } });
      assert.equal(r.status, 500, path);
      assert.match(lineFor('GET', path) ?? '', /^ninety serve: 500 GET \S+: EIO: i\/o error, read/, path);
    }
  });

  it('answers 500, not 404, when a stat fails for a reason other than a missing file', async () => {
    const r = await fetchRaw(server.url, '/s/unstatable.html');
    assert.equal(r.status, 500);
    assert.match(lineFor('GET', '/s/unstatable.html') ?? '', /500 GET \/s\/unstatable\.html: EIO/);
  });

  it('adds the stack to the log line only when NINETY_DEBUG is set', async () => {
    const saved = process.env.NINETY_DEBUG;
    try {
      delete process.env.NINETY_DEBUG;
      await fetchRaw(server.url, '/s/broken.html');
      assert.doesNotMatch(logged.join('\n'), /\n\s+at /);
      process.env.NINETY_DEBUG = '1';
      await fetchRaw(server.url, '/s/broken.html');
      assert.match(logged[1] ?? '', /^ninety serve: 500 GET \/s\/broken\.html: EIO[^\n]*\nError: EIO[^\n]*\n\s+at /);
    } finally {
      if (saved === undefined) delete process.env.NINETY_DEBUG;
      else process.env.NINETY_DEBUG = saved;
    }
  });

  it('cuts a download short and logs why when a read fails after the status line was sent', async () => {
    const r = await fetchRaw(server.url, '/s/audio/cut-0123abcd.mp3');
    assert.equal(r.status, 200);
    assert.equal(r.cutShort, true);
    assert.ok(r.body.length < 600 * 1024);
    assert.match(lineFor('GET', '/s/audio/cut-0123abcd.mp3') ?? '', /response cut short GET \S+: EIO/);
  });

  it('does not log requests for files that do not exist', async () => {
    assert.equal((await fetchRaw(server.url, '/s/nothing-here.mp3')).status, 404);
    assert.deepEqual(logged, []);
  });

  it('writes its log lines to standard error unless told otherwise', async () => {
    const fs: FileSystem = { ...nodeFileSystem, stat: (path, done) => done(fsError('EIO', 'stat', path), undefined as never) };
    const quiet = await listen(createHandler(root, { fs }));
    const written: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string | Uint8Array) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      assert.equal((await fetchRaw(quiet.url, '/s/locked.html')).status, 500);
    } finally {
      process.stderr.write = write;
      await quiet.close();
    }
    assert.match(written.join(''), /^ninety serve: 500 GET \/s\/locked\.html: EIO/m);
  });
});
