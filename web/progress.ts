/**
 * How far a listener got with an episode, as the series page and the player show it:
 * "Played", "Resume at 0:42" with a progress fraction, or nothing yet. Also decides where
 * playback starts when a listener comes back.
 *
 * @example progressState({ position: 42, duration: 90, played: false, updated: 0 }, 90)
 * // { kind: 'started', label: 'Resume at 0:42', fraction: 0.466…, position: 42 }
 */
import type { EpisodeProgress } from './storage.js';
import { formatClock } from './time.js';

/** Positions this close to either end are not worth resuming. */
export const RESUME_MARGIN_SECONDS = 3;

export type ProgressState =
  | { kind: 'new' }
  | { kind: 'played'; label: string }
  | { kind: 'started'; label: string; position: number; fraction: number };

/** `duration` is what the page knows; the stored one is used when the page has none. */
export function progressState(progress: EpisodeProgress | null, duration: number): ProgressState {
  if (!progress) return { kind: 'new' };
  if (progress.played) return { kind: 'played', label: 'Played' };
  const total = duration > 0 ? duration : progress.duration;
  const position = resumePosition(progress, total);
  if (position <= 0) return { kind: 'new' };
  const fraction = total > 0 ? Math.min(1, position / total) : 0;
  return { kind: 'started', label: `Resume at ${formatClock(position)}`, position, fraction };
}

/** Where to start: the saved position, or 0 when the episode was finished or barely begun. */
export function resumePosition(progress: EpisodeProgress | null, duration: number): number {
  if (!progress || progress.played) return 0;
  const { position } = progress;
  if (position < RESUME_MARGIN_SECONDS) return 0;
  if (duration > 0 && position > duration - RESUME_MARGIN_SECONDS) return 0;
  return position;
}
