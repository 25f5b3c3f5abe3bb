/**
 * One gate per speech server (per process): at most `concurrency` requests in flight, and when
 * the server says "slow down" (429 with Retry-After) every request to it waits, not just the one
 * that was told.
 *
 * @example
 *   const gate = serverGate('http://localhost:8880/v1', 4);
 *   const pcm = await gate.run(async () => { await gate.clear(); return speak(); });
 */

export interface Gate {
  /** Runs `task` when a slot is free; the slot is held until it settles. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Resolves once the server's requested pause (if any) is over. */
  clear(): Promise<void>;
  /** Asks every request to this server to wait `ms` before its next attempt. */
  pause(ms: number): void;
}

const gates = new Map<string, Gate>();

export function serverGate(server: string, concurrency: number): Gate {
  const key = `${server} ${concurrency}`;
  let gate = gates.get(key);
  if (!gate) {
    gate = createGate(concurrency);
    gates.set(key, gate);
  }
  return gate;
}

export function createGate(concurrency: number): Gate {
  let active = 0;
  let pausedUntil = 0;
  const waiting: (() => void)[] = [];
  // A freed slot passes straight to the next waiter, so a newcomer cannot slip in between.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return {
    async run(task) {
      if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
      else active++;
      try {
        return await task();
      } finally {
        release();
      }
    },
    async clear() {
      for (let wait = pausedUntil - Date.now(); wait > 0; wait = pausedUntil - Date.now()) await sleep(wait);
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, Date.now() + ms);
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
