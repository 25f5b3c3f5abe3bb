/**
 * Conditional requests (RFC 9110 §13): If-Match, If-Unmodified-Since, If-None-Match,
 * If-Modified-Since, evaluated in the RFC's order, and If-Range for range requests.
 *
 * @example
 *   const v = { etag: '"2a-5f1e"', lastModifiedMs: Date.parse('Tue, 01 Oct 2024 10:00:00 GMT') };
 *   evaluatePreconditions({ ifNoneMatch: '"2a-5f1e"' }, v); // 'not-modified'
 *   ifRangeMatches('W/"2a-5f1e"', v, Date.now());           // false: If-Range needs a strong match
 */
export interface Validators {
  /** Strong entity tag, quoted: `"…"`. */
  etag: string;
  /** Last modification time rounded down to whole seconds, as HTTP dates carry no more. */
  lastModifiedMs: number;
}

export interface ConditionalHeaders {
  ifMatch?: string | undefined;
  ifNoneMatch?: string | undefined;
  ifModifiedSince?: string | undefined;
  ifUnmodifiedSince?: string | undefined;
}

export type Precondition = 'proceed' | 'not-modified' | 'failed';

/** For GET and HEAD on an existing file (this server answers nothing else). */
export function evaluatePreconditions(h: ConditionalHeaders, v: Validators): Precondition {
  if (h.ifMatch !== undefined) {
    if (!matchesList(h.ifMatch, v.etag, true)) return 'failed';
  } else if (h.ifUnmodifiedSince !== undefined) {
    const date = parseHttpDate(h.ifUnmodifiedSince);
    if (date !== null && v.lastModifiedMs > date) return 'failed';
  }
  if (h.ifNoneMatch !== undefined) {
    return matchesList(h.ifNoneMatch, v.etag, false) ? 'not-modified' : 'proceed';
  }
  if (h.ifModifiedSince !== undefined) {
    const date = parseHttpDate(h.ifModifiedSince);
    if (date !== null && v.lastModifiedMs <= date) return 'not-modified';
  }
  return 'proceed';
}

/**
 * True when a Range may be honoured: no If-Range, or one naming the current representation. An
 * entity tag must match strongly; a date must equal Last-Modified exactly, and counts only if
 * the file is at least a second old (§8.8.2.2: a younger date could hide a second change).
 */
export function ifRangeMatches(ifRange: string | undefined, v: Validators, nowMs: number): boolean {
  if (ifRange === undefined) return true;
  const value = ifRange.trim();
  if (value === v.etag) return true;
  // Anything else is another tag, a weak one (`W/…`, never a match) or a date; no tag parses as a date.
  const date = parseHttpDate(value);
  return date === v.lastModifiedMs && v.lastModifiedMs + 1000 <= nowMs;
}

const TAG = /[\s,]*(W\/)?("[^"]*")\s*(?:,|$)/y;

/** `*` or a comma-separated list of entity tags; strong comparison ignores weak tags entirely. */
function matchesList(list: string, etag: string, strong: boolean): boolean {
  const trimmed = list.trim();
  if (trimmed === '*') return true;
  // Sticky: each match starts where the previous one ended, so anything malformed stops the walk.
  // A match is never empty (a tag has its quotes), so the walk always moves on.
  TAG.lastIndex = 0;
  for (let m = TAG.exec(trimmed); m !== null; m = TAG.exec(trimmed)) {
    const weak = m[1] !== undefined;
    if (m[2] === etag && !(strong && weak)) return true;
  }
  return false;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
// IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
const IMF = /^[A-Za-z]{3}, (\d{2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
// Obsolete RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
const RFC850 = /^[A-Za-z]+, (\d{2})-([A-Za-z]{3})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
// Obsolete asctime: Sun Nov  6 08:49:37 1994
const ASCTIME = /^[A-Za-z]{3} ([A-Za-z]{3}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/;

/**
 * The three date forms RFC 9110 §5.6.7 obliges recipients to accept, in milliseconds; null for
 * anything else. `Date.parse` is not used because it accepts nearly any text ("1" is 2001).
 */
export function parseHttpDate(text: string): number | null {
  const value = text.trim();
  let m = IMF.exec(value);
  if (m) return build(m[3], m[2], m[1], m[4], m[5], m[6]);
  m = RFC850.exec(value);
  if (m) {
    // Two-digit years more than 50 years ahead belong to the previous century (§5.6.7).
    const yy = Number(m[3]);
    const thisYear = new Date().getUTCFullYear();
    let year = Math.floor(thisYear / 100) * 100 + yy;
    if (year > thisYear + 50) year -= 100;
    return build(String(year), m[2], m[1], m[4], m[5], m[6]);
  }
  m = ASCTIME.exec(value);
  if (m) return build(m[6], m[1], m[2], m[3], m[4], m[5]);
  return null;
}

function build(
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
  hour: string | undefined,
  minute: string | undefined,
  second: string | undefined,
): number | null {
  const mon = MONTHS.indexOf(String(month).toLowerCase());
  // Number() skips the space before asctime's one-digit day.
  const d = Number(day);
  const h = Number(hour);
  const mi = Number(minute);
  const s = Number(second);
  if (mon < 0 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const ms = Date.UTC(Number(year), mon, d, h, mi, Math.min(s, 59));
  return Number.isFinite(ms) ? ms : null;
}
