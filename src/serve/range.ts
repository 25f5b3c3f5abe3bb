/**
 * Reads a `Range` header (RFC 9110 §14) against a file of known size.
 *
 * Choices, all allowed by the RFC:
 * - A header that does not parse, or names a unit other than `bytes`, is ignored: whole file, 200.
 * - Several satisfiable ranges are answered with the whole file (200) rather than a
 *   multipart/byteranges body: players never ask for more than one, and one code path for bodies
 *   keeps responses cheap. If only one of several ranges is satisfiable, that one is sent (206).
 * - An empty file is always sent whole: there is no byte a range could point at, and a 416 would
 *   make Apple's client loop.
 *
 * @example
 *   parseRange('bytes=0-1', 1000);  // { kind: 'partial', start: 0, end: 1 }
 *   parseRange('bytes=-500', 1000); // { kind: 'partial', start: 500, end: 999 }
 *   parseRange('bytes=2000-', 1000); // { kind: 'unsatisfiable' }
 */
export type RangeResult =
  | { kind: 'whole' }
  | { kind: 'partial'; start: number; end: number }
  | { kind: 'unsatisfiable' };

const WHOLE: RangeResult = { kind: 'whole' };
/** A longer header is not from a player; ignoring it costs nothing. */
export const MAX_RANGE_HEADER_LENGTH = 1024;
const SPEC = /^(\d*)-(\d*)$/;
const UNIT = /^bytes=/i;

export function parseRange(header: string | undefined, size: number): RangeResult {
  if (header === undefined || size === 0 || header.length > MAX_RANGE_HEADER_LENGTH) return WHOLE;
  if (!UNIT.test(header)) return WHOLE;
  const satisfiable: { start: number; end: number }[] = [];
  let specs = 0;
  for (const item of header.slice(6).split(',')) {
    const spec = item.trim();
    // RFC 9110 §5.6.1: empty list elements are allowed and do not count.
    if (spec === '') continue;
    specs += 1;
    const m = SPEC.exec(spec);
    if (!m) return WHOLE;
    const first = m[1] ?? '';
    const last = m[2] ?? '';
    if (first === '' && last === '') return WHOLE;
    if (first === '') {
      const length = toNumber(last);
      if (length > 0) satisfiable.push({ start: Math.max(0, size - length), end: size - 1 });
      continue;
    }
    const start = toNumber(first);
    const end = last === '' ? Infinity : toNumber(last);
    if (end < start) return WHOLE;
    if (start < size) satisfiable.push({ start, end: Math.min(end, size - 1) });
  }
  if (specs === 0) return WHOLE;
  const only = satisfiable[0];
  if (only === undefined) return { kind: 'unsatisfiable' };
  if (satisfiable.length > 1) return WHOLE;
  return { kind: 'partial', start: only.start, end: only.end };
}

/** Digits too many for an exact number mean "further than any file", which is what Infinity says. */
function toNumber(digits: string): number {
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : Infinity;
}
