/**
 * Playback speeds offered by the player and the steps between them. The set follows what
 * podcast listeners expect (0.75× to 2×); keyboard shortcuts walk through it.
 *
 * @example stepSpeed(1, 1) // 1.25
 */

export const SPEEDS: readonly number[] = [0.75, 1, 1.25, 1.5, 1.75, 2];

/** The offered speed closest to `rate`, so a stored odd value still lands on a menu entry. */
export function nearestSpeed(rate: number): number {
  if (!Number.isFinite(rate)) return 1;
  let best = 1;
  for (const s of SPEEDS) if (Math.abs(s - rate) < Math.abs(best - rate)) best = s;
  return best;
}

/** The next speed up (`direction` 1) or down (-1), stopping at the ends. */
export function stepSpeed(rate: number, direction: 1 | -1): number {
  const index = SPEEDS.indexOf(nearestSpeed(rate));
  const next = Math.min(SPEEDS.length - 1, Math.max(0, index + direction));
  return SPEEDS[next] ?? 1;
}

/** "1.25×", "2×". */
export function formatSpeed(rate: number): string {
  return `${Number(rate.toFixed(2))}×`;
}
