/**
 * One build at a time per output folder. Two builds writing into one folder would interleave
 * their stages (a feed from one naming audio the other just cleaned up), so a second build waits
 * for the first, saying so, and gives up with a clear message after a while.
 *
 * The lock is proper-lockfile's (an atomic mkdir kept fresh while held, taken over once stale).
 * Beside it we record the holder's process id, so a build killed with -9 does not make the next
 * one wait for the lock to go stale: a holder that no longer runs on this machine is ignored.
 *
 * @example
 *   const release = await lockOutput('out', (line) => console.error(line));
 *   try { … } finally { await release(); }
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { processIsAlive } from './atomic.js';
import { OutputLockedError } from './errors.js';

export const LOCK_NAME = '.ninety-build.lock';
const OWNER_NAME = '.ninety-build.owner';

interface Owner {
  pid: number;
  host: string;
}

export async function lockOutput(
  outDir: string,
  onWait: (line: string) => void,
  waitMs = 10 * 60_000,
): Promise<() => Promise<void>> {
  await mkdir(outDir, { recursive: true });
  const lockPath = join(outDir, LOCK_NAME);
  const ownerPath = join(outDir, OWNER_NAME);
  const giveUpAt = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      const release = await lockfile.lock(outDir, {
        lockfilePath: lockPath,
        stale: 10_000,
        onCompromised: (error) => onWait(`warning: the lock on ${outDir} was lost (${error.message}); another build may be writing there`),
      });
      // A lock whose owner cannot be recorded is let go at once: held, it would block every build
      // until this process exits.
      await writeFile(ownerPath, JSON.stringify({ pid: process.pid, host: hostname() } satisfies Owner)).catch(async (error: unknown) => {
        await release().catch(() => undefined);
        throw error;
      });
      return async () => {
        await rm(ownerPath, { force: true });
        await release().catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    }
    const owner = await readOwner(ownerPath);
    if (owner && owner.host === hostname() && !processIsAlive(owner.pid)) {
      // The holder was killed before it could let go: its lock means nothing now.
      await rm(lockPath, { recursive: true, force: true });
      await rm(ownerPath, { force: true });
      continue;
    }
    const who = owner ? ` (process ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`})` : '';
    if (Date.now() >= giveUpAt) {
      throw new OutputLockedError(
        `another build${who} is still writing into ${outDir}; wait for it to finish, or build into another folder with --out`,
      );
    }
    if (!told) onWait(`Another build${who} is writing into ${outDir}; waiting for it to finish…`);
    told = true;
    await sleep(200);
  }
}

async function readOwner(path: string): Promise<Owner | undefined> {
  try {
    const owner = JSON.parse(await readFile(path, 'utf8')) as Owner;
    return Number.isSafeInteger(owner.pid) && typeof owner.host === 'string' ? owner : undefined;
  } catch {
    return undefined;
  }
}
