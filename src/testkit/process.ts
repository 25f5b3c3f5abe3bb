/**
 * Test support: the id of a process that has certainly exited, for what must tell a running
 * holder (of a lock, of a temporary file) from one that is gone.
 *
 * @example assert.equal(processIsAlive(deadPid()), false);
 */
import { spawnSync } from 'node:child_process';

export function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}
