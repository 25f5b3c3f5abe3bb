/**
 * Fault injection for the tests that cannot trust timing. `NINETY_FAULT=kill-at-write:N` stops
 * this process with SIGKILL halfway through its Nth file write (counted from 1), the moment a
 * non-atomic writer would leave a truncated file. Inert unless the variable is set.
 *
 * @example
 *   NINETY_FAULT=kill-at-write:12 ninety build series/tiny --out /tmp/out
 */
const spec = /^kill-at-write:(\d+)$/.exec(process.env.NINETY_FAULT ?? '');
const killAt = spec ? Number(spec[1]) : 0;
let writes = 0;

export async function pauseForFault(point: 'write'): Promise<void> {
  if (killAt === 0 || point !== 'write') return;
  writes += 1;
  if (writes === killAt) process.kill(process.pid, 'SIGKILL');
}
