/**
 * The episode page's player: takes the page's plain <audio controls>, hides its native
 * controls and wires the custom controls, transcript, search, keyboard, Media Session,
 * resume, deep links, sharing, played state and auto-advance to it.
 *
 * Each concern lives in its own module; this file only connects them to the page.
 * Page contract: a `[data-player]` element holding the <audio>, with data-series,
 * data-episode, data-title, data-series-title, data-duration, data-artwork
 * (and optional data-next / data-prev links in curriculum order), and a `#transcript`.
 */
import { buildAutoAdvance, buildControls } from './controls.js';
import { h, icon, setIcon } from './dom.js';
import { shareEpisode, shareLink, startTimeFromUrl, wantsAutoplay, withoutOneShotParams } from './deep-link.js';
import { bindKeyboard, type KeyCommand } from './keyboard.js';
import { SKIP_BACK_SECONDS, SKIP_FORWARD_SECONDS, setupMediaSession } from './media-session.js';
import { resumePosition } from './progress.js';
import { createQueue } from './queue.js';
import { bindSearch } from './search.js';
import { nearestSpeed, stepSpeed } from './speed.js';
import { openStore, readNumber, readProgress, readString, throttledSaver, writePreference, writeProgress } from './storage.js';
import { clampTime, formatClock, sliderText } from './time.js';
import { bindTranscript } from './transcript.js';

const ARROW_SEEK_SECONDS = 5;

export function startPlayer(doc: Document, win: Window): void {
  const foundSection = doc.querySelector<HTMLElement>('[data-player]');
  const foundAudio = foundSection?.querySelector('audio');
  if (!foundSection || !foundAudio) return;
  const section: HTMLElement = foundSection;
  const audio: HTMLAudioElement = foundAudio;
  const data = section.dataset;
  const series = data.series ?? '';
  const episode = data.episode ?? '';
  const store = openStore(() => win.localStorage);
  const knownDuration = Number(data.duration) || 0;
  const duration = (): number => (Number.isFinite(audio.duration) && audio.duration > 0 ? audio.duration : knownDuration);

  const queue = createQueue({
    next: data.next,
    previous: data.prev,
    navigate: (href) => win.location.assign(href),
    autoAdvance: () => readString(store, 'autoadvance') !== 'false',
  });

  const ui = buildControls(knownDuration);
  audio.controls = false;
  audio.after(ui.root);
  section.classList.add('is-enhanced');

  let played = readProgress(store, series, episode)?.played ?? false;
  const save = (): void =>
    writeProgress(store, series, episode, { position: audio.currentTime, duration: duration(), played, updated: Date.now() });
  const saver = throttledSaver(save, 1000, {
    setTimeout: (fn, ms) => win.setTimeout(fn, ms),
    clearTimeout: (handle) => win.clearTimeout(handle as number),
  });

  let sayTimer = 0;
  /** Status line; `transient` messages clear themselves so the compact player stays small. */
  const say = (text: string, transient = false): void => {
    ui.status.textContent = text;
    win.clearTimeout(sayTimer);
    if (transient && text) sayTimer = win.setTimeout(() => say(''), 6000);
  };

  const play = (): void => {
    audio.play().catch((error: unknown) => {
      if ((error as { name?: string } | null)?.name === 'NotAllowedError') {
        ui.play.classList.add('is-waiting');
        say('Press play to start listening.');
      }
    });
  };
  const seekTo = (seconds: number): void => {
    audio.currentTime = clampTime(seconds, duration());
    renderTime();
  };
  const seekBy = (delta: number): void => seekTo(audio.currentTime + delta);
  const toggle = (): void => (audio.paused ? play() : audio.pause());
  const setSpeed = (rate: number): void => {
    audio.playbackRate = rate;
    audio.defaultPlaybackRate = rate;
  };

  // Speed: remembered across episodes.
  setSpeed(nearestSpeed(readNumber(store, 'speed') ?? 1));
  ui.speed.value = String(audio.playbackRate);
  ui.speed.addEventListener('change', () => setSpeed(Number(ui.speed.value)));
  audio.addEventListener('ratechange', () => {
    ui.speed.value = String(nearestSpeed(audio.playbackRate));
    writePreference(store, 'speed', audio.playbackRate);
    updateSession();
  });

  // Transport.
  ui.play.addEventListener('click', toggle);
  ui.back.addEventListener('click', () => seekBy(-SKIP_BACK_SECONDS));
  ui.forward.addEventListener('click', () => seekBy(SKIP_FORWARD_SECONDS));
  ui.mute.addEventListener('click', () => {
    audio.muted = !audio.muted;
  });
  audio.addEventListener('volumechange', () => {
    ui.mute.setAttribute('aria-pressed', String(audio.muted));
    setIcon(ui.mute, audio.muted ? 'muted' : 'volume');
  });

  // Scrubber: while dragging, the thumb follows the finger rather than playback.
  let dragging = false;
  ui.scrubber.addEventListener('pointerdown', () => (dragging = true));
  ui.scrubber.addEventListener('input', () => {
    seekTo(Number(ui.scrubber.value));
  });
  ui.scrubber.addEventListener('change', () => (dragging = false));
  win.addEventListener('pointerup', () => (dragging = false));

  function renderTime(): void {
    const total = duration();
    const now = audio.currentTime;
    ui.current.textContent = formatClock(now);
    ui.total.textContent = formatClock(total);
    ui.scrubber.max = String(total);
    if (!dragging) ui.scrubber.value = String(now);
    ui.scrubber.setAttribute('aria-valuetext', sliderText(now, total));
    ui.root.style.setProperty('--progress', total > 0 ? String(Math.min(1, now / total)) : '0');
  }

  function renderPlaying(): void {
    const playing = !audio.paused;
    ui.play.setAttribute('aria-label', playing ? 'Pause' : 'Play');
    setIcon(ui.play, playing ? 'pause' : 'play');
    section.classList.toggle('is-playing', playing);
    session?.setPlaying(playing);
  }

  function renderPlayed(): void {
    ui.played.setAttribute('aria-pressed', String(played));
    ui.played.title = played ? 'Marked as played. Press to mark as unplayed.' : 'Mark as played';
  }

  ui.played.addEventListener('click', () => {
    played = !played;
    renderPlayed();
    saver.flush();
  });

  // Media Session.
  const artwork = (data.artwork ?? '')
    .split(' ')
    .filter(Boolean)
    .map((src) => {
      const size = /-(\d+)\.png$/.exec(src)?.[1] ?? '160';
      return { src: new URL(src, win.location.href).href, sizes: `${size}x${size}`, type: 'image/png' };
    });
  const session = setupMediaSession(
    { navigator: win.navigator, MediaMetadata: (win as unknown as { MediaMetadata?: new (i: unknown) => unknown }).MediaMetadata },
    { title: data.title ?? doc.title, artist: data.seriesTitle ?? '', album: data.seriesTitle ?? '', artwork },
    {
      play,
      pause: () => audio.pause(),
      seekBy,
      seekTo: (t, fast) => (fast && typeof audio.fastSeek === 'function' ? audio.fastSeek(t) : seekTo(t)),
      previous: queue.hasPrevious ? () => queue.playPrevious() : undefined,
      next: queue.hasNext ? () => queue.playNext() : undefined,
    },
  );
  function updateSession(): void {
    session?.setPosition({ duration: duration(), position: audio.currentTime, playbackRate: audio.playbackRate });
  }

  // Keyboard.
  const commands: Record<KeyCommand, () => void> = {
    toggle,
    back: () => seekBy(-ARROW_SEEK_SECONDS),
    forward: () => seekBy(ARROW_SEEK_SECONDS),
    faster: () => setSpeed(stepSpeed(audio.playbackRate, 1)),
    slower: () => setSpeed(stepSpeed(audio.playbackRate, -1)),
    mute: () => (audio.muted = !audio.muted),
  };
  bindKeyboard(doc, (command) => commands[command]());

  // Transcript and search.
  const transcriptRoot = doc.querySelector<HTMLElement>('#transcript-text');
  if (transcriptRoot) {
    const transcript = bindTranscript({
      root: transcriptRoot,
      media: audio,
      win,
      topInset: () => (win.getComputedStyle(section).position === 'sticky' ? section.getBoundingClientRect().bottom : 0),
      onSeek: (t) => {
        seekTo(t);
        play();
      },
    });
    const slot = doc.querySelector<HTMLElement>('[data-search]');
    if (slot && transcript.cues.length > 0) mountSearch(slot, transcript.cues, (on) => transcript.setFollowing(!on));
  }

  function mountSearch(slot: HTMLElement, cues: HTMLElement[], onActiveChange: (active: boolean) => void): void {
    const input = h('input', { type: 'search', id: 'transcript-search', class: 'search-input', placeholder: 'Search the transcript', autocomplete: 'off', enterkeyhint: 'search' });
    const previous = h('button', { type: 'button', class: 'search-step', 'aria-label': 'Previous match' }, icon('up'));
    const next = h('button', { type: 'button', class: 'search-step', 'aria-label': 'Next match' }, icon('down'));
    const status = h('output', { class: 'search-status', for: 'transcript-search', 'aria-live': 'polite' });
    slot.append(h('label', { class: 'visually-hidden', for: 'transcript-search' }, 'Search the transcript'), input, status, previous, next);
    slot.hidden = false;
    const reduceMotion = win.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    bindSearch({ input, status, previous, next, cues, onActiveChange, reduceMotion });
  }

  // Auto-advance switch, beside the link to the next episode.
  const autoSlot = doc.querySelector<HTMLElement>('[data-autoplay]');
  if (autoSlot && queue.hasNext) {
    const auto = buildAutoAdvance(readString(store, 'autoadvance') !== 'false');
    auto.input.addEventListener('change', () => writePreference(store, 'autoadvance', auto.input.checked));
    autoSlot.append(auto.root);
    autoSlot.hidden = false;
  }

  // Share: the link carries the current moment.
  ui.share.addEventListener('click', async () => {
    const url = shareLink(win.location.href, audio.currentTime);
    const result = await shareEpisode(win.navigator, { title: data.title ?? doc.title, url });
    if (result === 'copied') say(`Link copied: ${url}`, true);
    else if (result === 'failed') say(`Copy this link: ${url}`);
  });

  // Media events.
  audio.addEventListener('play', () => {
    ui.play.classList.remove('is-waiting');
    say('');
    renderPlaying();
  });
  audio.addEventListener('pause', () => {
    renderPlaying();
    saver.flush();
  });
  audio.addEventListener('timeupdate', () => {
    renderTime();
    if (!audio.paused) saver.schedule();
  });
  audio.addEventListener('seeked', () => {
    updateSession();
    saver.flush();
  });
  audio.addEventListener('loadedmetadata', () => {
    renderTime();
    updateSession();
  });
  audio.addEventListener('waiting', () => section.classList.add('is-buffering'));
  audio.addEventListener('playing', () => {
    section.classList.remove('is-buffering');
    updateSession();
  });
  audio.addEventListener('error', () => say('The audio could not be loaded. Try the download link below.'));
  audio.addEventListener('ended', () => {
    played = true;
    renderPlayed();
    writeProgress(store, series, episode, { position: 0, duration: duration(), played, updated: Date.now() });
    if (queue.onEnded()) {
      say('Playing the next episode…');
    } else {
      renderPlaying();
      say(queue.hasNext ? 'Finished. The next episode is linked below.' : 'Finished. That was the last episode of the series.');
    }
  });
  win.addEventListener('pagehide', () => {
    if (audio.currentTime > 0 && !audio.ended) saver.flush();
  });

  // Where to start: a deep link wins over the saved position.
  const location = win.location;
  const linked = startTimeFromUrl(location.search, location.hash);
  const startAt = linked ?? resumePosition(readProgress(store, series, episode), duration());
  const autoplay = wantsAutoplay(location.search);
  const cleaned = withoutOneShotParams(location.href);
  if (cleaned !== location.href) win.history.replaceState(win.history.state, '', cleaned);

  const begin = (): void => {
    if (startAt > 0) {
      seekTo(startAt);
      if (linked === null) say(`Resuming at ${formatClock(startAt)}.`, true);
    }
    if (autoplay) play();
  };
  // A `#t=` link followed from this same page changes only the fragment: no reload, so seek here.
  win.addEventListener('hashchange', () => {
    const t = startTimeFromUrl('', win.location.hash);
    if (t === null) return;
    seekTo(t);
    win.history.replaceState(win.history.state, '', withoutOneShotParams(win.location.href));
  });
  if (audio.readyState >= 1) begin();
  else audio.addEventListener('loadedmetadata', begin, { once: true });

  renderPlayed();
  renderPlaying();
  renderTime();
}

if (typeof document !== 'undefined' && typeof window !== 'undefined') startPlayer(document, window);
