/**
 * A token bucket per client: generation endpoints (which call the model or the speech engine) may
 * be asked `burst` times at once and then `perMinute` times a minute. Pure apart from the clock,
 * which is a parameter; the table of clients is bounded so a scan of addresses cannot grow it.
 *
 * @example
 *   const limit = createRateLimit({ burst: 5, perMinute: 10 });
 *   limit.take('127.0.0.1');   // { ok: true } … then { ok: false, retryAfterSeconds: 6 }
 */
export interface RateLimitOptions {
  burst: number;
  perMinute: number;
  /** Clients remembered at most; the table is emptied when full. */
  maxClients?: number;
  now?: () => number;
}

export type Taken = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimit {
  take(client: string): Taken;
}

export function createRateLimit(options: RateLimitOptions): RateLimit {
  const now = options.now ?? Date.now;
  const maxClients = options.maxClients ?? 10_000;
  const perMs = options.perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(client) {
      const t = now();
      let bucket = buckets.get(client);
      if (!bucket) {
        if (buckets.size >= maxClients) buckets.clear();
        bucket = { tokens: options.burst, at: t };
        buckets.set(client, bucket);
      }
      bucket.tokens = Math.min(options.burst, bucket.tokens + (t - bucket.at) * perMs);
      bucket.at = t;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)) };
    },
  };
}
