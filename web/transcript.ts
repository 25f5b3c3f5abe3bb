/**
 * The transcript beside the player: highlights the sentence being spoken, keeps it in view
 * while the listener is not scrolling, and seeks when a sentence or paragraph time is clicked.
 *
 * The current cue is found by binary search over cue start times, as Podlove does, so a
 * long transcript costs nothing per time update.
 *
 * @example
 * const transcript = bindTranscript({ root, media: audio, win: window, onSeek: (t) => seek(t, true) });
 * transcript.setFollowing(false); // while the listener searches
 */

/** Index of the last cue starting at or before `time`; -1 before the first cue. */
export function cueIndexAt(starts: readonly number[], time: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] ?? Infinity) <= time) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

export interface Band {
  top: number;
  height: number;
}

/**
 * Where to scroll so the current line sits a third of the way down the visible band, or
 * null when it is already comfortably inside (between 15 % and 75 % of the band), which
 * keeps the page still while a paragraph is read.
 * `item.top` and `view.top` are in the same coordinates; the result is the scroll delta.
 */
export function followDelta(item: Band, view: Band): number | null {
  const low = view.top + view.height * 0.15;
  const high = view.top + view.height * 0.75;
  if (item.top >= low && item.top + item.height <= high) return null;
  return item.top - (view.top + view.height / 3);
}

/** Listener input counts as "scrolling" for this long after the last wheel or touch. */
export const USER_SCROLL_QUIET_MS = 4000;

export function shouldFollow(now: number, lastUserScroll: number, enabled: boolean): boolean {
  return enabled && now - lastUserScroll >= USER_SCROLL_QUIET_MS;
}

interface MediaLike extends EventTarget {
  currentTime: number;
  paused: boolean;
}

export interface TranscriptOptions {
  root: HTMLElement;
  media: MediaLike;
  win: Window;
  /** Height of anything fixed over the top of the page (the sticky player on phones). */
  topInset?: () => number;
  onSeek(seconds: number): void;
}

export interface TranscriptHandle {
  update(time: number): void;
  setFollowing(enabled: boolean): void;
  cues: HTMLElement[];
}

const SCROLL_KEYS = new Set(['PageUp', 'PageDown', 'Home', 'End', 'ArrowUp', 'ArrowDown']);

function scrollableAncestor(el: HTMLElement, win: Window): HTMLElement | null {
  for (let node = el.parentElement ?? null; node; node = node.parentElement) {
    const overflow = win.getComputedStyle(node).overflowY;
    if ((overflow === 'auto' || overflow === 'scroll') && node.scrollHeight > node.clientHeight) return node;
  }
  return null;
}

export function bindTranscript(options: TranscriptOptions): TranscriptHandle {
  const { root, media, win, onSeek } = options;
  const cues = Array.from(root.querySelectorAll<HTMLElement>('.cue[data-start]'));
  const starts = cues.map((c) => Number(c.dataset.start));
  let current = -1;
  let following = true;
  let lastUserScroll = -Infinity;
  const now = (): number => win.performance.now();
  const markUser = (): void => {
    lastUserScroll = now();
  };
  const reduceMotion = win.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  const behavior: ScrollBehavior = reduceMotion ? 'auto' : 'smooth';

  for (const target of [win, root] as EventTarget[]) {
    target.addEventListener('wheel', markUser, { passive: true });
    target.addEventListener('touchmove', markUser, { passive: true });
  }
  win.addEventListener('keydown', (e) => {
    if (SCROLL_KEYS.has((e as KeyboardEvent).key)) markUser();
  });

  function follow(el: HTMLElement): void {
    const box = scrollableAncestor(root, win);
    const item = el.getBoundingClientRect();
    if (box) {
      const view = box.getBoundingClientRect();
      const delta = followDelta({ top: item.top, height: item.height }, { top: view.top, height: view.height });
      if (delta !== null) box.scrollBy({ top: delta, behavior });
      return;
    }
    const inset = options.topInset?.() ?? 0;
    const delta = followDelta({ top: item.top, height: item.height }, { top: inset, height: win.innerHeight - inset });
    if (delta !== null) win.scrollBy({ top: delta, behavior });
  }

  function update(time: number): void {
    const index = cueIndexAt(starts, time);
    if (index === current) return;
    cues[current]?.classList.remove('is-current');
    cues[current]?.removeAttribute('aria-current');
    current = index;
    const el = cues[index];
    if (!el) return;
    el.classList.add('is-current');
    el.setAttribute('aria-current', 'true');
    // Following is for listening: a paused page (say, just opened to resume) stays where it is.
    if (!media.paused && shouldFollow(now(), lastUserScroll, following)) follow(el);
  }

  root.addEventListener('click', (event) => {
    const target = event.target as HTMLElement | null;
    const stamp = target?.closest<HTMLElement>('[data-seek]');
    const cue = stamp ?? target?.closest<HTMLElement>('.cue[data-start]');
    if (!cue) return;
    // Selecting text to copy it is not a request to jump.
    if (!stamp && (win.getSelection()?.toString().length ?? 0) > 0) return;
    event.preventDefault();
    lastUserScroll = -Infinity;
    onSeek(Number(cue.dataset.seek ?? cue.dataset.start));
  });

  const onTime = (): void => update(media.currentTime);
  media.addEventListener('timeupdate', onTime);
  media.addEventListener('seeked', onTime);
  media.addEventListener('playing', () => {
    const el = cues[current];
    if (el && shouldFollow(now(), lastUserScroll, following)) follow(el);
  });

  return {
    update,
    cues,
    setFollowing(enabled) {
      following = enabled;
      if (enabled) lastUserScroll = -Infinity;
    },
  };
}
