import assert from 'node:assert/strict';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sendRaw } from './loopback.fixture.js';
import { SECURITY_HEADERS } from './policy.js';
import { startServer, type RunningServer } from './server.js';

/** The whole answer to a request the HTTP parser refused. */
function refusal(status: number, reason: string): string {
  const security = Object.entries(SECURITY_HEADERS)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return (
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nCache-Control: no-store\r\n` +
    `${security}Content-Length: ${reason.length + 1}\r\n\r\n${reason}\n`
  );
}

describe('requests the HTTP parser refuses', () => {
  let base: string;
  let server: RunningServer;

  before(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'ninety-client-errors-')));
    await mkdir(join(base, 'out'));
    await writeFile(join(base, 'out', 'big.mp3'), Buffer.alloc(32 * 1024 * 1024, 7));
    server = await startServer({ root: join(base, 'out'), port: 0 });
  });

  after(async () => {
    await server.close();
    await rm(base, { recursive: true, force: true });
  });

  it('answers a garbage request line with a plain 400 carrying the security headers, then closes', async () => {
    assert.equal(await sendRaw(server.url, 'THIS IS NOT HTTP\r\n\r\n'), refusal(400, 'Bad Request'));
  });

  it('answers oversized headers with a plain 431', async () => {
    const raw = await sendRaw(server.url, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    assert.equal(raw, refusal(431, 'Request Header Fields Too Large'));
  });

  it('cuts a response under way short, without a second status line, when garbage follows its request', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => {
        // The status line is out: now the same connection sends a request that cannot be parsed.
        if (chunks.length === 0) socket.write('GARBAGE\r\n\r\n');
        chunks.push(c);
      });
      socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
      socket.on('error', reject);
      socket.write('GET /big.mp3 HTTP/1.1\r\nHost: x\r\n\r\n');
    });
    assert.match(raw, /^HTTP\/1\.1 200 OK\r\n/);
    assert.ok(raw.length < 32 * 1024 * 1024, 'the whole body was sent');
    assert.equal(raw.indexOf('HTTP/1.1', 1), -1, 'a second status line was written into the body');
  });
});
