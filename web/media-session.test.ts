import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setupMediaSession, type TrackInfo } from './media-session.js';

type Handler = ((details: Record<string, unknown>) => void) | null;

function fakeSession(unsupported: string[] = []) {
  const handlers = new Map<string, Handler>();
  const positions: unknown[] = [];
  const session = {
    metadata: null as unknown,
    playbackState: 'none',
    setActionHandler(action: string, handler: Handler) {
      if (unsupported.includes(action)) throw new TypeError(`unknown action ${action}`);
      handlers.set(action, handler);
    },
    setPositionState(state: unknown) {
      positions.push(state);
    },
  };
  return { session, handlers, positions };
}

class FakeMetadata {
  constructor(readonly init: TrackInfo) {}
}

const track: TrackInfo = {
  title: 'LoRA — low-rank adaptation',
  artist: 'AI Training',
  album: 'AI Training',
  artwork: [{ src: 'http://x.test/cover-160.png', sizes: '160x160', type: 'image/png' }],
};

function actionsLog() {
  const log: string[] = [];
  return {
    log,
    actions: {
      play: () => log.push('play'),
      pause: () => log.push('pause'),
      seekBy: (d: number) => log.push(`seekBy ${d}`),
      seekTo: (t: number, fast: boolean) => log.push(`seekTo ${t}${fast ? ' fast' : ''}`),
      next: () => log.push('next'),
    },
  };
}

describe('setupMediaSession', () => {
  it('returns null where the browser has no Media Session', () => {
    assert.equal(setupMediaSession({ navigator: {} }, track, actionsLog().actions), null);
  });

  it('sets title = episode, artist = series and the artwork', () => {
    const { session } = fakeSession();
    setupMediaSession({ navigator: { mediaSession: session }, MediaMetadata: FakeMetadata }, track, actionsLog().actions);
    const meta = session.metadata as FakeMetadata;
    assert.equal(meta.init.title, 'LoRA — low-rank adaptation');
    assert.equal(meta.init.artist, 'AI Training');
    assert.equal(meta.init.artwork[0]?.sizes, '160x160');
  });

  it('wires play, pause, seeks with the offered offsets, and next', () => {
    const { session, handlers } = fakeSession();
    const { log, actions } = actionsLog();
    setupMediaSession({ navigator: { mediaSession: session } }, track, actions);
    handlers.get('play')?.({});
    handlers.get('pause')?.({});
    handlers.get('seekbackward')?.({});
    handlers.get('seekforward')?.({ seekOffset: 10 });
    handlers.get('seekto')?.({ seekTime: 42, fastSeek: true });
    handlers.get('nexttrack')?.({});
    assert.deepEqual(log, ['play', 'pause', 'seekBy -15', 'seekBy 10', 'seekTo 42 fast', 'next']);
  });

  it('clears previoustrack when there is no previous episode', () => {
    const { session, handlers } = fakeSession();
    setupMediaSession({ navigator: { mediaSession: session } }, track, actionsLog().actions);
    assert.equal(handlers.get('previoustrack'), null);
    assert.equal(typeof handlers.get('nexttrack'), 'function');
  });

  it('survives browsers that reject some actions', () => {
    const { session, handlers } = fakeSession(['seekto', 'nexttrack']);
    const handle = setupMediaSession({ navigator: { mediaSession: session } }, track, actionsLog().actions);
    assert.ok(handle);
    assert.equal(typeof handlers.get('play'), 'function');
  });

  it('reports playback state and a clamped position, skipping unknown durations', () => {
    const { session, positions } = fakeSession();
    const handle = setupMediaSession({ navigator: { mediaSession: session } }, track, actionsLog().actions);
    handle?.setPlaying(true);
    assert.equal(session.playbackState, 'playing');
    handle?.setPosition({ duration: Number.NaN, position: 3, playbackRate: 1 });
    handle?.setPosition({ duration: 90, position: 95, playbackRate: 1.5 });
    assert.deepEqual(positions, [{ duration: 90, position: 90, playbackRate: 1.5 }]);
  });
});
