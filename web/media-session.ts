/**
 * Media Session: the lock screen, headphone buttons and the OS media overlay show the
 * episode (title), the series (artist) and the cover, and control the player.
 * Everything it touches is passed in, so it runs the same with a fake navigator in tests.
 *
 * @example
 * const session = setupMediaSession(
 *   { navigator, MediaMetadata: window.MediaMetadata },
 *   { title: 'LoRA', artist: 'AI Training', album: 'AI Training', artwork: [{ src: 'cover-160.png', sizes: '160x160', type: 'image/png' }] },
 *   { play, pause, seekBy, seekTo, next },
 * );
 * session?.setPosition({ duration: 90, position: 12, playbackRate: 1 });
 */

export interface TrackInfo {
  title: string;
  artist: string;
  album: string;
  artwork: { src: string; sizes: string; type: string }[];
}

export interface SessionActions {
  play(): void;
  pause(): void;
  /** Seconds relative to now; negative goes back. */
  seekBy(delta: number): void;
  seekTo(seconds: number, fast: boolean): void;
  previous?: (() => void) | undefined;
  next?: (() => void) | undefined;
}

interface SessionLike {
  metadata: unknown;
  playbackState?: string;
  setActionHandler(action: string, handler: ((details: ActionDetails) => void) | null): void;
  setPositionState?(state: { duration: number; position: number; playbackRate: number }): void;
}

interface ActionDetails {
  action?: string;
  seekOffset?: number;
  seekTime?: number;
  fastSeek?: boolean;
}

export interface SessionDeps {
  navigator: { mediaSession?: unknown };
  MediaMetadata?: (new (init: TrackInfo) => unknown) | undefined;
}

export interface SessionHandle {
  setPlaying(playing: boolean): void;
  setPosition(state: { duration: number; position: number; playbackRate: number }): void;
}

export const SKIP_BACK_SECONDS = 15;
export const SKIP_FORWARD_SECONDS = 30;

/** Returns null where the browser has no Media Session; the page plays all the same. */
export function setupMediaSession(deps: SessionDeps, track: TrackInfo, actions: SessionActions): SessionHandle | null {
  const session = deps.navigator.mediaSession as SessionLike | undefined;
  if (!session || typeof session.setActionHandler !== 'function') return null;
  if (deps.MediaMetadata) session.metadata = new deps.MediaMetadata(track);

  const handlers: Record<string, ((d: ActionDetails) => void) | null> = {
    play: () => actions.play(),
    pause: () => actions.pause(),
    seekbackward: (d) => actions.seekBy(-(d.seekOffset ?? SKIP_BACK_SECONDS)),
    seekforward: (d) => actions.seekBy(d.seekOffset ?? SKIP_FORWARD_SECONDS),
    seekto: (d) => {
      if (typeof d.seekTime === 'number') actions.seekTo(d.seekTime, d.fastSeek === true);
    },
    // A null handler tells the OS to hide the button when there is nowhere to go.
    previoustrack: actions.previous ? () => actions.previous?.() : null,
    nexttrack: actions.next ? () => actions.next?.() : null,
  };
  for (const [action, handler] of Object.entries(handlers)) {
    try {
      session.setActionHandler(action, handler);
    } catch {
      // Older browsers throw for actions they do not know.
    }
  }

  return {
    setPlaying(playing) {
      session.playbackState = playing ? 'playing' : 'paused';
    },
    setPosition(state) {
      if (!session.setPositionState) return;
      if (!(state.duration > 0) || !Number.isFinite(state.duration)) return;
      try {
        session.setPositionState({
          duration: state.duration,
          position: Math.min(Math.max(0, state.position), state.duration),
          playbackRate: state.playbackRate > 0 ? state.playbackRate : 1,
        });
      } catch {
        // The browser rejects a state it considers inconsistent; the next update fixes it.
      }
    },
  };
}
