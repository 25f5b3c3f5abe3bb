/**
 * What the player remembers in localStorage: each episode's position and played state,
 * the listening speed, and small preferences. The series page reads the same keys to show
 * "Played" and "Resume at 0:42".
 *
 * Storage is passed in (a `KeyValueStore`), and every access tolerates failure: Safari's
 * private mode and blocked cookies make localStorage throw, and a player must still play.
 *
 * @example
 * const store = openStore(() => window.localStorage);
 * writeProgress(store, 'ai-training', 'lora', { position: 42, duration: 90, played: false, updated: Date.now() });
 */

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface EpisodeProgress {
  /** Seconds into the episode. */
  position: number;
  /** Seconds, as the audio element reported it when the position was saved. */
  duration: number;
  played: boolean;
  /** Epoch milliseconds of the last save. */
  updated: number;
}

const PREFIX = 'ninety:';

export function episodeKey(series: string, episode: string): string {
  return `${PREFIX}episode:${series}/${episode}`;
}

export function preferenceKey(name: string): string {
  return `${PREFIX}pref:${name}`;
}

/** A store that never throws: falls back to memory when the real one is missing or refuses. */
export function openStore(get: () => KeyValueStore | null | undefined): KeyValueStore {
  const memory = new Map<string, string>();
  let real: KeyValueStore | null = null;
  try {
    real = get() ?? null;
  } catch {
    real = null;
  }
  return {
    getItem(key) {
      try {
        if (real) return real.getItem(key);
      } catch {
        // fall through to memory
      }
      return memory.get(key) ?? null;
    },
    setItem(key, value) {
      memory.set(key, value);
      try {
        real?.setItem(key, value);
      } catch {
        // quota exceeded or storage disabled: memory keeps this page working
      }
    },
    removeItem(key) {
      memory.delete(key);
      try {
        real?.removeItem(key);
      } catch {
        // ignore, as above
      }
    },
  };
}

function finite(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

export function readProgress(store: KeyValueStore, series: string, episode: string): EpisodeProgress | null {
  const raw = store.getItem(episodeKey(series, episode));
  if (raw === null) return null;
  try {
    const data = JSON.parse(raw) as Record<string, unknown>;
    if (typeof data !== 'object' || data === null) return null;
    return {
      position: finite(data.position, 0),
      duration: finite(data.duration, 0),
      played: data.played === true,
      updated: finite(data.updated, 0),
    };
  } catch {
    return null;
  }
}

export function writeProgress(store: KeyValueStore, series: string, episode: string, progress: EpisodeProgress): void {
  const rounded = { ...progress, position: Math.round(progress.position * 10) / 10 };
  store.setItem(episodeKey(series, episode), JSON.stringify(rounded));
}

export function readNumber(store: KeyValueStore, name: string): number | null {
  const raw = store.getItem(preferenceKey(name));
  if (raw === null) return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}

export function readString(store: KeyValueStore, name: string): string | null {
  return store.getItem(preferenceKey(name));
}

export function writePreference(store: KeyValueStore, name: string, value: string | number | boolean): void {
  store.setItem(preferenceKey(name), String(value));
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Writes at most once per `ms` while a value keeps changing (playback reports the time four
 * times a second), with the last value always written; `flush` writes now, for pause and
 * page hide.
 */
export function throttledSaver(save: () => void, ms: number, timers: Timers): { schedule(): void; flush(): void } {
  let pending: unknown = null;
  return {
    schedule() {
      if (pending !== null) return;
      pending = timers.setTimeout(() => {
        pending = null;
        save();
      }, ms);
    },
    flush() {
      if (pending !== null) {
        timers.clearTimeout(pending);
        pending = null;
      }
      save();
    },
  };
}
