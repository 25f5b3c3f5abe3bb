/**
 * Who may use the studio, decided before the server listens: on a loopback address anyone on this
 * machine may; bound to any other address the studio needs a token (NINETY_TOKEN), or the server
 * refuses to start. Pure: the address and the environment are parameters.
 *
 * @example
 *   studioAccess('0.0.0.0', { NINETY_TOKEN: 's3cret-and-long' });   // { token: 's3cret-and-long' }
 *   studioAccess('0.0.0.0', {});                                      // { problem: 'the studio … NINETY_TOKEN …' }
 */
import { timingSafeEqual } from 'node:crypto';

export type Access = { token?: string } | { problem: string };

/** Shortest token accepted: long enough that guessing it over HTTP is hopeless. */
export const MIN_TOKEN_LENGTH = 16;

export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d+\.\d+\.\d+$/.test(bare);
}

export function studioAccess(host: string, env: NodeJS.ProcessEnv): Access {
  const token = env.NINETY_TOKEN?.trim();
  if (token && token.length < MIN_TOKEN_LENGTH) {
    return { problem: `NINETY_TOKEN is too short: use at least ${MIN_TOKEN_LENGTH} characters, e.g. export NINETY_TOKEN=$(openssl rand -hex 24)` };
  }
  if (token) return { token };
  if (isLoopback(host)) return {};
  return {
    problem: `the studio would be open to anyone who can reach ${host}: set NINETY_TOKEN (e.g. export NINETY_TOKEN=$(openssl rand -hex 24)), or serve on 127.0.0.1`,
  };
}

/** Compares secrets in constant time (for equal lengths). */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
