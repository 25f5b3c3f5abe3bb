import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fetchRaw } from './loopback.fixture.js';
import { isStudioPath, startServer } from './server.js';

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

describe('startServer start-up', () => {
  let base: string;
  let root: string;

  before(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'ninety-start-up-')));
    root = join(base, 'out');
    await mkdir(root);
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Library</title>');
    await writeFile(join(base, 'a-file.txt'), 'not a folder');
  });

  after(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('listens on the port it is given and says so in its URL', async () => {
    const port = await freePort();
    const server = await startServer({ root, port });
    try {
      assert.equal(server.port, port);
      assert.equal(server.url, `http://127.0.0.1:${port}`);
      assert.equal((await fetchRaw(server.url, '/')).status, 200);
    } finally {
      await server.close();
    }
  });

  it('puts an IPv6 host in brackets in its URL', async () => {
    const server = await startServer({ root, port: 0, host: '::1' });
    try {
      assert.equal(server.url, `http://[::1]:${server.port}`);
    } finally {
      await server.close();
    }
  });

  it('refuses a root that is a file, naming it', async () => {
    await assert.rejects(startServer({ root: join(base, 'a-file.txt'), port: 0 }), {
      message: `not a folder: ${join(base, 'a-file.txt')}`,
    });
  });

  it('rejects when the port is taken, and a second try on a free port works', async () => {
    const first = await startServer({ root, port: 0 });
    try {
      await assert.rejects(startServer({ root, port: first.port }), { code: 'EADDRINUSE' });
      const second = await startServer({ root, port: 0 });
      await second.close();
    } finally {
      await first.close();
    }
  });

  it('hands /studio and everything under it to the studio, and nothing else', async () => {
    const seen: string[] = [];
    const server = await startServer({
      root,
      port: 0,
      studio: (req, res) => {
        seen.push(req.url ?? '');
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('studio');
      },
    });
    try {
      for (const path of ['/studio', '/studio/', '/studio/api/jobs', '/studio?token=x']) {
        assert.equal((await fetchRaw(server.url, path)).body.toString(), 'studio', path);
      }
      assert.equal((await fetchRaw(server.url, '/studios')).status, 404);
      assert.equal((await fetchRaw(server.url, '/')).body.toString(), '<!doctype html><title>Library</title>');
      assert.deepEqual(seen, ['/studio', '/studio/', '/studio/api/jobs', '/studio?token=x']);
    } finally {
      await server.close();
    }
  });

  it('knows a studio path by its first segment only', () => {
    assert.equal(isStudioPath(undefined), false);
    assert.equal(isStudioPath('/studio-x'), false);
    assert.equal(isStudioPath('/s/studio/'), false);
    assert.equal(isStudioPath('/studio?'), true);
  });
});
