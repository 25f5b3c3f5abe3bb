/**
 * Small text formats for pages: clock durations, dates, episode headings, numbers.
 * (The browser player has its own copy of the clock format in web/time.ts; pages are
 * rendered at build time and must not depend on browser code.)
 */
import type { Episode } from '../../series/schema.js';

export function formatClock(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** "1 min 31 s" style, for screen readers next to the clock form. */
export function spokenDuration(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds) : 0;
  const m = Math.floor(total / 60);
  const s = total % 60;
  if (m === 0) return `${s} seconds`;
  return s === 0 ? `${m} minute${m === 1 ? '' : 's'}` : `${m} minute${m === 1 ? '' : 's'} ${s} second${s === 1 ? '' : 's'}`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-05-04" → "4 May 2026"; anything else is shown as given. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) return iso;
  return `${Number(m[3])} ${month} ${m[1]}`;
}

/** `title — subtitle`, or the title alone. */
export function episodeHeading(episode: Pick<Episode, 'title' | 'subtitle'>): string {
  return episode.subtitle ? `${episode.title} — ${episode.subtitle}` : episode.title;
}

export function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** "1 episode", "21 episodes". */
export function countEpisodes(n: number): string {
  return `${n} episode${n === 1 ? '' : 's'}`;
}

/** The series line under the title, as on the seed page. */
export function seriesLine(count: number, targetSeconds: number, topic: string): string {
  return `${countEpisodes(count)} — ${targetSeconds}-second audio overviews on ${topic}`;
}

/** Host name for showing where a source link goes. */
/**
 * How a document given to `ninety new` is named on a public page: its file name only, since the
 * folder it sat in on the author's machine is nobody else's business.
 */
export function documentName(address: string): string {
  return address.split(/[\\/]/).filter(Boolean).at(-1) ?? address;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}
