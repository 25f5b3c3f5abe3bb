/**
 * Clock labels and time parsing for the player: "1:23" on screen, "1:23 of 1:30" for the
 * scrubber's aria-valuetext, and the forms listeners paste into deep links
 * (`?t=1:23`, `#t=83`, `t=1m23s`).
 *
 * @example formatClock(83) // "1:23"
 * @example parseTime('1:02:03') // 3723
 */

/** Whole seconds as m:ss or h:mm:ss; anything that is not a finite, non-negative number shows as 0:00. */
export function formatClock(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The scrubber's spoken value, e.g. "1:23 of 1:30". */
export function sliderText(current: number, duration: number): string {
  return `${formatClock(current)} of ${formatClock(duration)}`;
}

const CLOCK = /^(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/;
const UNITS = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/;

/**
 * Seconds from "83", "83.5", "1:23", "01:02:03" or "1m23s"; null for anything else,
 * so a malformed link starts at the beginning instead of somewhere surprising.
 */
export function parseTime(text: string): number | null {
  const value = text.trim().toLowerCase();
  if (value === '') return null;
  if (/^\d+(?:\.\d+)?$/.test(value)) return Number(value);
  const clock = CLOCK.exec(value);
  if (clock) {
    const [, h, m, s] = clock;
    const minutes = Number(m);
    const secs = Number(s);
    // "1:75" is a typo, not 2:15.
    if (secs >= 60 || (h !== undefined && minutes >= 60)) return null;
    return Number(h ?? 0) * 3600 + minutes * 60 + secs;
  }
  const units = UNITS.exec(value);
  if (units && (units[1] ?? units[2] ?? units[3]) !== undefined) {
    return Number(units[1] ?? 0) * 3600 + Number(units[2] ?? 0) * 60 + Number(units[3] ?? 0);
  }
  return null;
}

/** Keeps a position inside the playable range. */
export function clampTime(seconds: number, duration: number): number {
  if (!Number.isFinite(seconds) || seconds < 0) return 0;
  if (Number.isFinite(duration) && duration > 0 && seconds > duration) return duration;
  return seconds;
}
