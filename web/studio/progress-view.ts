/**
 * Pure helpers of the studio's script: what a progress event means for the page (show the bar?
 * reload to show a new outline or a rewritten script?) and a debounce that can be flushed.
 *
 * @example
 *   progressUpdate({ state: 'running', kind: 'write-outline' }, snapshot);   // { busy: false, reload: true }
 */
export interface DraftEpisode {
  number: number;
  title: string;
  subtitle: string;
  summary: string;
}

export interface Snapshot {
  job: { id: string; kind: string; state: string; done: number; total: number; text: string; number: number | null };
  /** The outline's episodes while it is being written. */
  outline: DraftEpisode[];
  episodes: { number: number; words: number }[];
}

/** Steps whose result the page can only show by loading again: the outline, a rewritten script. */
const RELOAD_WHEN_DONE = new Set(['write-outline', 'rewrite-episode']);

export function progressUpdate(previous: { state: string; kind: string }, next: Snapshot): { busy: boolean; reload: boolean } {
  const busy = next.job.state === 'running' || next.job.state === 'queued';
  const wasBusy = previous.state === 'running' || previous.state === 'queued' || previous.state === 'none';
  const reload = wasBusy && previous.state !== 'none' && next.job.state === 'done' && RELOAD_WHEN_DONE.has(next.job.kind);
  return { busy, reload };
}

/** An outline episode's two lines, as the series page renders them. */
export function draftLines(episode: DraftEpisode): [string, string] {
  return [`${episode.title}: ${episode.subtitle}`, episode.summary];
}

export function debounce(task: () => void, ms: number): { call(): void; flush(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    call() {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        task();
      }, ms);
    },
    flush() {
      if (timer === undefined) return;
      clearTimeout(timer);
      timer = undefined;
      task();
    },
  };
}
