/**
 * Test fixture for pool.test.ts, not part of the build: a pool worker that fails on request, so
 * the pool is tested against real processes that hang, crash and report errors.
 *
 * Usage (by the test, through the pool): pool-fixture-worker.js --pid-dir <dir> [--ignore-disconnect]
 * Each worker leaves an empty file named after its pid in <dir>, so the test can count the
 * workers started and check that none is left running. With --ignore-disconnect it stays alive
 * when the pool disconnects, as a worker busy in native code would.
 *
 * Example task: { action: 'crash-once', marker: '/tmp/x/first-try' } dies by SIGSEGV the first time
 * and answers on the retry; the marker file remembers the first try, since the retry runs in
 * another process.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type FixtureTask =
  /** Answers { value, pid }. */
  | { action: 'ok'; value?: unknown }
  /** Answers { value, pid } after `ms` milliseconds, like a long episode. */
  | { action: 'sleep'; ms: number; value?: unknown }
  /** Answers with this error, as a worker does for text its engine refuses. */
  | { action: 'error'; message: string }
  /** Dies by SIGSEGV, as Flite's WebAssembly sometimes does. */
  | { action: 'crash' }
  /** Blocks its thread for good: it neither answers nor sees a disconnect. */
  | { action: 'hang' }
  /** Crash or hang only when the marker file does not exist yet (and create it); else as 'ok'. */
  | { action: 'crash-once' | 'hang-once'; marker: string; value?: unknown }
  /** Drops its connection to the pool without answering, and stays alive. */
  | { action: 'disconnect' };

export interface FixtureResult {
  value: unknown;
  pid: number;
}

const send = process.send?.bind(process);
if (!send) throw new Error('pool-fixture-worker runs as a child process of a pool');

const flag = (name: string) => process.argv.indexOf(name);
const pidDir = process.argv[flag('--pid-dir') + 1];
if (flag('--pid-dir') < 0 || !pidDir) throw new Error('pool-fixture-worker needs --pid-dir <dir>');
writeFileSync(join(pidDir, String(process.pid)), '');

/** True the first time for this marker across all processes. */
function firstTime(marker: string): boolean {
  try {
    writeFileSync(marker, '', { flag: 'wx' });
    return true;
  } catch {
    return false;
  }
}

function hang(): never {
  // Atomics.wait blocks the thread without spinning, like a worker stuck in native code.
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

function crash(): never {
  process.kill(process.pid, 'SIGSEGV');
  // The signal is delivered at once; this only satisfies the type checker.
  return hang();
}

process.on('message', ({ id, task }: { id: number; task: FixtureTask }) => {
  switch (task.action) {
    case 'sleep':
      return void setTimeout(() => send({ id, result: { value: task.value, pid: process.pid } satisfies FixtureResult }), task.ms);
    case 'error':
      return send({ id, error: task.message });
    case 'crash':
      return crash();
    case 'hang':
      return hang();
    case 'disconnect':
      process.removeAllListeners('disconnect');
      setInterval(() => undefined, 60_000);
      // Not from inside the message handler: Node 20 then throws while tidying the channel.
      return void setImmediate(() => process.disconnect());
    case 'crash-once':
    case 'hang-once':
      if (firstTime(task.marker)) return task.action === 'crash-once' ? crash() : hang();
      return send({ id, result: { value: task.value, pid: process.pid } satisfies FixtureResult });
    case 'ok':
      return send({ id, result: { value: task.value, pid: process.pid } satisfies FixtureResult });
  }
});

if (flag('--ignore-disconnect') >= 0) {
  // Something other than the channel keeps the process alive once it is gone.
  setInterval(() => undefined, 60_000);
} else {
  process.on('disconnect', () => process.exit(0));
}
