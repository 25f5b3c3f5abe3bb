import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { after, before, describe, it } from 'node:test';
import { closeIdleConnections } from './keep-alive.js';

const BIG = Buffer.alloc(48 * 1024 * 1024, 1);

/** Resolves when the socket closes, with everything it received. */
function received(socket: Socket): Promise<Buffer> {
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve, reject) => {
    socket.once('close', () => resolve(Buffer.concat(chunks)));
    socket.once('error', reject);
  });
}

describe('closeIdleConnections', () => {
  let server: Server;
  let port: number;
  let stop: () => void;

  before(async () => {
    server = createServer((req, res) => {
      const body = req.url === '/big' ? BIG : Buffer.from('ok');
      res.writeHead(200, { 'Content-Length': String(body.length) });
      res.end(body);
    });
    stop = closeIdleConnections(server, 40);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address !== null ? address.port : 0;
  });

  after(async () => {
    stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('turns off the per-request keep-alive timer and its header', async () => {
    assert.equal(server.keepAliveTimeout, 0);
    const socket = connect(port, '127.0.0.1');
    const reply = received(socket);
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const text = (await reply).toString('latin1');
    assert.match(text, /^HTTP\/1\.1 200 /);
    assert.match(text, /\r\nConnection: keep-alive\r\n/i);
    assert.doesNotMatch(text, /\r\nKeep-Alive:/i);
  });

  it('closes a kept-alive connection once it has sat idle, after answering it', async () => {
    const socket = connect(port, '127.0.0.1');
    const reply = received(socket);
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    // The server closes it: the test would time out otherwise.
    const text = (await reply).toString('latin1');
    assert.match(text, /^HTTP\/1\.1 200 [^]*\r\n\r\nok$/);
  });

  it('gives a connection that never sends a byte at least one whole period', async () => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1');
    await received(socket);
    // Swept at the first sweep after it opened, it could have lived no time at all.
    assert.ok(performance.now() - started >= 35, `closed after ${performance.now() - started} ms`);
  });

  it('keeps a connection open while it keeps asking', async () => {
    const socket = connect(port, '127.0.0.1');
    const reply = received(socket);
    const started = performance.now();
    let sent = 0;
    let text = '';
    const ask = (): void => {
      sent += 1;
      socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    };
    socket.on('data', (c: Buffer) => {
      text += c.toString('latin1');
      const answered = text.split('HTTP/1.1 200 ').length - 1;
      // Back to back over many sweeps: each sweep sees new bytes since the one before.
      if (answered === sent && performance.now() - started < 300) ask();
    });
    ask();
    await reply;
    assert.ok(sent > 5, `only ${sent} requests`);
    assert.equal(text.split('HTTP/1.1 200 ').length - 1, sent);
  });

  it('stops sweeping once told to', async () => {
    const other = createServer((req, res) => res.end('ok'));
    closeIdleConnections(other, 20)();
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const address = other.address();
    const socket = connect(typeof address === 'object' && address !== null ? address.port : 0, '127.0.0.1');
    let closed = false;
    socket.once('close', () => (closed = true));
    // Read the answer: a socket left paused would never see the server close it.
    socket.resume();
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(closed, false);
    socket.destroy();
    other.closeAllConnections();
    await new Promise((resolve) => other.close(resolve));
  });

  it('keeps a connection whose reader has stopped reading mid-response', async () => {
    const socket = connect(port, '127.0.0.1');
    const reply = received(socket);
    socket.pause();
    socket.write('GET /big HTTP/1.1\r\nHost: x\r\n\r\n');
    // Many sweeps while the response cannot move.
    await new Promise((resolve) => setTimeout(resolve, 400));
    socket.resume();
    const bytes = await reply;
    const head = bytes.indexOf('\r\n\r\n');
    assert.ok(head > 0);
    assert.equal(bytes.length - head - 4, BIG.length);
  });
});
