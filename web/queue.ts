/**
 * What plays next: episodes follow in curriculum order, and when one finishes the listener
 * lands on the next episode's page with `?autoplay=1` (unless they switched that off).
 *
 * @example
 * const queue = createQueue({ next: '../lora/', previous: '../sft/', navigate: (h) => location.assign(h), autoAdvance: () => true });
 * audio.addEventListener('ended', () => queue.onEnded());
 */

/** Adds `autoplay=1` to a (possibly relative) link, keeping any fragment last. */
export function autoplayHref(href: string): string {
  const hashAt = href.indexOf('#');
  const base = hashAt >= 0 ? href.slice(0, hashAt) : href;
  const hash = hashAt >= 0 ? href.slice(hashAt) : '';
  const joiner = base.includes('?') ? '&' : '?';
  return `${base}${joiner}autoplay=1${hash}`;
}

export interface QueueOptions {
  next?: string | undefined;
  previous?: string | undefined;
  navigate(href: string): void;
  /** Read at the moment an episode ends, so a change of mind mid-episode counts. */
  autoAdvance(): boolean;
}

export interface Queue {
  hasNext: boolean;
  hasPrevious: boolean;
  playNext(): void;
  playPrevious(): void;
  /** Returns true when it moved on to the next episode. */
  onEnded(): boolean;
}

export function createQueue(options: QueueOptions): Queue {
  const { next, previous, navigate } = options;
  return {
    hasNext: Boolean(next),
    hasPrevious: Boolean(previous),
    playNext() {
      if (next) navigate(autoplayHref(next));
    },
    playPrevious() {
      if (previous) navigate(autoplayHref(previous));
    },
    onEnded() {
      if (!next || !options.autoAdvance()) return false;
      navigate(autoplayHref(next));
      return true;
    },
  };
}
