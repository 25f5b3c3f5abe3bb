import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { FileCache, type FileEntry, type Found } from './file-cache.js';
import { nodeFileSystem, type FileSystem } from './file-system.js';

describe('FileCache', () => {
  let base: string;
  let root: string;

  before(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'ninety-file-cache-')));
    root = join(base, 'root');
    await mkdir(join(root, 'dir'), { recursive: true });
    await mkdir(join(root, '.hidden'));
    await mkdir(join(base, 'outside'));
    await writeFile(join(base, 'outside', 'secret.txt'), 'TOP SECRET');
    await writeFile(join(root, '.hidden', 'x.txt'), 'hidden');
    await writeFile(join(root, 'page.html'), '<p>hello</p>'.repeat(100));
    await symlink(join(base, 'outside', 'secret.txt'), join(root, 'leak.txt'));
    await symlink(join(base, 'outside'), join(root, 'leakdir'));
    await symlink(join(root, '.hidden', 'x.txt'), join(root, 'to-hidden.txt'));
    await symlink(join(root, 'page.html'), join(root, 'alias.html'));
  });

  after(async () => {
    await rm(base, { recursive: true, force: true });
  });

  const file = async (lookup: Found | Promise<Found>): Promise<FileEntry> => {
    const found = await lookup;
    assert.ok(found !== null && typeof found !== 'string', 'expected a file');
    return found;
  };

  it('finds files and folders inside the root and nothing else', async () => {
    const files = new FileCache(root);
    assert.equal((await file(files.lookup(join(root, 'page.html')))).size, 1200);
    assert.equal(await files.lookup(join(root, 'dir')), 'directory');
    assert.equal(await files.lookup(join(root, 'missing.html')), null);
    assert.equal(await files.lookup(join(root, 'page.html', 'under-a-file')), null);
  });

  it('follows symlinks that stay inside the root', async () => {
    const files = new FileCache(root);
    assert.equal((await file(files.lookup(join(root, 'alias.html')))).size, 1200);
  });

  it('refuses symlinks to files or folders outside the root', async () => {
    const files = new FileCache(root);
    assert.equal(await files.lookup(join(root, 'leak.txt')), null);
    assert.equal(await files.lookup(join(root, 'leakdir')), null);
    assert.equal(await files.lookup(join(root, 'leakdir', 'secret.txt')), null);
  });

  it('refuses a symlink inside the root that points at a hidden file', async () => {
    assert.equal(await new FileCache(root).lookup(join(root, 'to-hidden.txt')), null);
  });

  it('makes a strong quoted ETag and an HTTP Last-Modified date', async () => {
    const entry = await file(new FileCache(root).lookup(join(root, 'page.html')));
    assert.match(entry.etag, /^"[0-9a-f]+-[0-9a-f]+"$/);
    assert.match(entry.lastModified, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  });

  it('sees a rewritten file once the stat is no longer trusted', async () => {
    const path = join(root, 'changing.txt');
    await writeFile(path, 'one');
    const files = new FileCache(root, { statTtlMs: 0 });
    const first = await file(files.lookup(path));
    assert.deepEqual(await files.content(first), Buffer.from('one'));
    await writeFile(path, 'second');
    const second = await file(files.lookup(path));
    assert.notEqual(second.etag, first.etag);
    assert.deepEqual(await files.content(second), Buffer.from('second'));
  });

  it('holds small files in memory and hands back the same bytes', async () => {
    const files = new FileCache(root);
    const entry = await file(files.lookup(join(root, 'page.html')));
    const loaded = await files.content(entry);
    assert.ok(loaded !== null);
    assert.equal(files.content(entry), loaded);
    assert.equal(files.bytesHeld, 1200);
  });

  it('does not hold files above maxFileBytes', async () => {
    const files = new FileCache(root, { maxFileBytes: 100 });
    const entry = await file(files.lookup(join(root, 'page.html')));
    assert.equal(files.content(entry), null);
    assert.equal(files.compressed(entry, 'br'), null);
  });

  it('compresses once with Brotli and gzip to bytes that decompress to the file', async () => {
    const files = new FileCache(root);
    const entry = await file(files.lookup(join(root, 'page.html')));
    const br = await files.compressed(entry, 'br');
    const gz = await files.compressed(entry, 'gzip');
    assert.ok(br !== null && gz !== null);
    assert.equal(brotliDecompressSync(br).toString(), '<p>hello</p>'.repeat(100));
    assert.equal(gunzipSync(gz).toString(), '<p>hello</p>'.repeat(100));
    assert.ok(br.length < 200);
    assert.equal(files.compressed(entry, 'br'), br);
  });

  it('drops the least recently used bytes, not the first loaded, to stay within maxBytes', async () => {
    for (const name of ['a', 'b', 'c']) await writeFile(join(root, 'dir', `${name}.bin`), Buffer.alloc(400, name));
    const files = new FileCache(root, { maxBytes: 1000 });
    const a = await file(files.lookup(join(root, 'dir', 'a.bin')));
    const b = await file(files.lookup(join(root, 'dir', 'b.bin')));
    const c = await file(files.lookup(join(root, 'dir', 'c.bin')));
    await files.content(a);
    await files.content(b);
    // a was loaded first but used last: a first-in-first-out cache would drop it here.
    assert.deepEqual(files.content(a), Buffer.alloc(400, 'a'));
    await files.content(c);
    assert.ok(files.bytesHeld <= 1000, `held ${files.bytesHeld}`);
    assert.notEqual(a.bytes, null, 'the recently used file was dropped');
    assert.equal(b.bytes, null, 'the least recently used file was kept');
    assert.notEqual(c.bytes, null);
  });

  it('holds a file of exactly maxFileBytes, and compresses it', async () => {
    const files = new FileCache(root, { maxFileBytes: 1200 });
    const entry = await file(files.lookup(join(root, 'page.html')));
    assert.equal((await files.content(entry))?.length, 1200);
    assert.notEqual(await files.compressed(entry, 'gzip'), null);
    assert.equal(files.stats().heldFiles, 1);
  });

  it('never drops the file whose compressed copy it is adding, even past maxBytes', async () => {
    const files = new FileCache(root, { maxBytes: 1201 });
    const entry = await file(files.lookup(join(root, 'page.html')));
    await files.content(entry);
    const gz = await files.compressed(entry, 'gzip');
    assert.ok(gz !== null);
    assert.notEqual(entry.bytes, null);
    assert.equal(entry.encoded.gzip, gz);
    assert.equal(files.stats().heldBytes, 1200 + gz.length);
  });

  it('remembers at most maxEntries files, forgetting the first looked up', async () => {
    for (const name of ['e1', 'e2', 'e3']) await writeFile(join(root, 'dir', `${name}.txt`), name);
    const files = new FileCache(root, { maxEntries: 2, statTtlMs: 60_000 });
    for (const name of ['e1', 'e2', 'e3']) await files.lookup(join(root, 'dir', `${name}.txt`));
    assert.equal(files.stats().entries, 2);
    assert.ok(!(files.lookup(join(root, 'dir', 'e3.txt')) instanceof Promise), 'the newest was forgotten');
    assert.ok(!(files.lookup(join(root, 'dir', 'e2.txt')) instanceof Promise), 'the second was forgotten');
    const again = files.lookup(join(root, 'dir', 'e1.txt'));
    assert.ok(again instanceof Promise, 'the first was kept');
    await again;
  });

  it('answers a lookup whose stat is still trusted at once, without a promise', async () => {
    const files = new FileCache(root, { statTtlMs: 60_000 });
    const first = await files.lookup(join(root, 'page.html'));
    assert.equal(files.lookup(join(root, 'page.html')), first);
  });

  it('shares one stat among lookups of a path made while it is under way', async () => {
    let stats = 0;
    const fs: FileSystem = { ...nodeFileSystem, stat: (path, done) => (stats++, nodeFileSystem.stat(path, done)) };
    const files = new FileCache(root, { fs });
    const found = await Promise.all([1, 2, 3].map(() => files.lookup(join(root, 'page.html'))));
    assert.equal(stats, 1);
    assert.ok(found[0] === found[1] && found[1] === found[2]);
  });

  it('holds an episode-sized file only once it has been asked for often enough', async () => {
    await writeFile(join(root, 'dir', 'episode.mp3'), Buffer.alloc(2000, 'e'));
    const files = new FileCache(root, { maxFileBytes: 100, maxHotFileBytes: 4000, hotHits: 3, hotWindowMs: 600_000 });
    const entry = await file(files.lookup(join(root, 'dir', 'episode.mp3')));
    assert.equal(files.content(entry), null);
    assert.equal(files.content(entry), null);
    assert.equal(entry.loading, undefined, 'read whole before it was busy');
    assert.equal(files.content(entry), null, 'the request that makes it busy is still read from disk');
    await entry.loading;
    assert.deepEqual(files.content(entry), Buffer.alloc(2000, 'e'));
    assert.equal(files.stats().heldBytes, 2000);
  });

  it('never holds a file above maxHotFileBytes, however often it is asked for', async () => {
    await writeFile(join(root, 'dir', 'long.mp3'), Buffer.alloc(5000, 'l'));
    const files = new FileCache(root, { maxFileBytes: 100, maxHotFileBytes: 4000, hotHits: 3, hotWindowMs: 600_000 });
    const entry = await file(files.lookup(join(root, 'dir', 'long.mp3')));
    for (let i = 0; i < 10; i++) assert.equal(files.content(entry), null);
    assert.equal(entry.loading, undefined);
    assert.equal(files.stats().heldBytes, 0);
  });

  it('stats a busy file again in the background in the second half of its stat\'s life, and never trusts one past it', async () => {
    let clock = 0;
    let stats = 0;
    let statDone = Promise.resolve();
    const fs: FileSystem = {
      ...nodeFileSystem,
      stat: (path, done) => {
        stats += 1;
        statDone = new Promise((resolve) => nodeFileSystem.stat(path, (err, st) => (done(err, st), resolve())));
      },
    };
    const settled = async (): Promise<void> => {
      await statDone;
      await new Promise((resolve) => setImmediate(resolve));
    };
    const files = new FileCache(root, { fs, statTtlMs: 100, now: () => clock });
    const path = join(root, 'page.html');
    const entry = await file(files.lookup(path));
    clock = 40;
    assert.equal(files.lookup(path), entry);
    assert.equal(stats, 1, 'stat again while young');
    clock = 60;
    assert.equal(files.lookup(path), entry, 'a request waited for the stat');
    assert.equal(stats, 2, 'no stat in the second half');
    assert.equal(files.lookup(path), entry);
    assert.equal(stats, 2, 'a second stat while one was under way');
    await settled();
    // Renewed as of the stat's start, 60: trusted until 160.
    clock = 150;
    assert.equal(files.lookup(path), entry, 'the background stat did not renew the entry');
    assert.equal(stats, 3);
    await settled();
    clock = 251;
    assert.ok(files.lookup(path) instanceof Promise, 'trusted a stat older than statTtlMs');
  });
});

