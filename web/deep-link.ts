/**
 * Deep links into an episode: `?t=1:23` (Podlove's form) or `#t=83` (Podigee's) start
 * playback there, and the share button hands out such a link for the current moment.
 *
 * @example startTimeFromUrl('?t=1:23', '') // 83
 * @example shareLink('https://x.test/s/ep/?autoplay=1', 83) // 'https://x.test/s/ep/?t=1:23'
 */
import { formatClock, parseTime } from './time.js';

/** The start time a link asks for; the query wins over the fragment. */
export function startTimeFromUrl(search: string, hash: string): number | null {
  const fromQuery = new URLSearchParams(search).get('t');
  if (fromQuery !== null) {
    const t = parseTime(fromQuery);
    if (t !== null) return t;
  }
  const fragment = new URLSearchParams(hash.replace(/^#/, '')).get('t');
  return fragment === null ? null : parseTime(fragment);
}

export function wantsAutoplay(search: string): boolean {
  const value = new URLSearchParams(search).get('autoplay');
  return value === '1' || value === 'true';
}

/** The page address without one-shot parameters, so a reload does not jump or autoplay again. */
export function withoutOneShotParams(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('autoplay');
  url.searchParams.delete('t');
  if (/^#t=/.test(url.hash)) url.hash = '';
  return url.toString().replace(/\?$/, '');
}

/** A link to this page at `seconds` (whole seconds; 0 gives the plain page link). */
export function shareLink(href: string, seconds: number): string {
  const url = new URL(withoutOneShotParams(href));
  const whole = Math.floor(Math.max(0, seconds));
  if (whole > 0) url.searchParams.set('t', formatClock(whole));
  // URLSearchParams encodes ':' as %3A; the readable form is valid in a query and nicer to paste.
  return url.toString().replace(/%3A/gi, ':');
}

interface ShareNavigator {
  share?: (data: { title?: string; text?: string; url?: string }) => Promise<void>;
  canShare?: (data: { url?: string }) => boolean;
  clipboard?: { writeText(text: string): Promise<void> };
}

export type ShareResult = 'shared' | 'copied' | 'cancelled' | 'failed';

/** Uses the system share sheet where there is one, else copies the link. */
export async function shareEpisode(nav: ShareNavigator, data: { title: string; url: string }): Promise<ShareResult> {
  if (typeof nav.share === 'function' && (nav.canShare?.({ url: data.url }) ?? true)) {
    try {
      await nav.share({ title: data.title, url: data.url });
      return 'shared';
    } catch (error) {
      if ((error as { name?: string } | null)?.name === 'AbortError') return 'cancelled';
      // Fall back to the clipboard when the sheet fails for any other reason.
    }
  }
  if (nav.clipboard && typeof nav.clipboard.writeText === 'function') {
    try {
      await nav.clipboard.writeText(data.url);
      return 'copied';
    } catch {
      return 'failed';
    }
  }
  return 'failed';
}
