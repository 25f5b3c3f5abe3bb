/**
 * Builds the custom player's controls (the page ships a plain <audio controls> that works
 * without JavaScript; this replaces its look, not its engine). Returns the elements so the
 * wiring in player.ts can bind them.
 */
import { h, icon } from './dom.js';
import { SKIP_BACK_SECONDS, SKIP_FORWARD_SECONDS } from './media-session.js';
import { SPEEDS, formatSpeed } from './speed.js';
import { formatClock, sliderText } from './time.js';

export interface Controls {
  root: HTMLElement;
  play: HTMLButtonElement;
  back: HTMLButtonElement;
  forward: HTMLButtonElement;
  scrubber: HTMLInputElement;
  current: HTMLElement;
  total: HTMLElement;
  speed: HTMLSelectElement;
  mute: HTMLButtonElement;
  share: HTMLButtonElement;
  played: HTMLButtonElement;
  status: HTMLElement;
}

export function buildControls(duration: number): Controls {
  const play = h('button', { type: 'button', class: 'btn-play', 'aria-label': 'Play', 'aria-keyshortcuts': 'Space' }, icon('play'));
  const back = h(
    'button',
    { type: 'button', class: 'btn-skip', 'aria-label': `Back ${SKIP_BACK_SECONDS} seconds` },
    icon('back'),
    h('span', { class: 'skip-label', 'aria-hidden': 'true' }, String(SKIP_BACK_SECONDS)),
  );
  const forward = h(
    'button',
    { type: 'button', class: 'btn-skip', 'aria-label': `Forward ${SKIP_FORWARD_SECONDS} seconds` },
    icon('forward'),
    h('span', { class: 'skip-label', 'aria-hidden': 'true' }, String(SKIP_FORWARD_SECONDS)),
  );
  const scrubber = h('input', {
    type: 'range',
    class: 'scrubber',
    min: 0,
    max: duration > 0 ? duration : 0,
    step: 'any',
    value: 0,
    'aria-label': 'Position',
    'aria-valuetext': sliderText(0, duration),
  });
  const current = h('span', { class: 'time time-current' }, formatClock(0));
  const total = h('span', { class: 'time time-total' }, formatClock(duration));

  const speed = h('select', { class: 'speed', id: 'player-speed' });
  for (const rate of SPEEDS) speed.append(h('option', { value: rate }, formatSpeed(rate)));
  const speedLabel = h('label', { class: 'tool tool-speed', for: 'player-speed' }, h('span', { class: 'tool-text' }, 'Speed'), speed);

  const mute = h(
    'button',
    { type: 'button', class: 'tool tool-mute', 'aria-pressed': 'false', 'aria-keyshortcuts': 'M' },
    icon('volume'),
    h('span', { class: 'tool-text' }, 'Mute'),
  );
  const share = h('button', { type: 'button', class: 'tool tool-share' }, icon('share'), h('span', { class: 'tool-text' }, 'Share'));
  const played = h(
    'button',
    { type: 'button', class: 'tool tool-played', 'aria-pressed': 'false' },
    icon('check'),
    h('span', { class: 'tool-text' }, 'Played'),
  );

  const status = h('p', { class: 'player-status', role: 'status', 'aria-live': 'polite' });

  const root = h(
    'div',
    { class: 'player-ui' },
    h('div', { class: 'transport' }, back, play, forward),
    h('div', { class: 'timeline' }, current, scrubber, total),
    h('div', { class: 'tools' }, speedLabel, mute, share, played),
    keysHint(),
    status,
  );
  return { root, play, back, forward, scrubber, current, total, speed, mute, share, played, status };
}

/** A one-line reminder of the shortcuts, for keyboards (hidden on touch screens by the stylesheet). */
function keysHint(): HTMLElement {
  const key = (k: string, label: string): (Node | string)[] => [h('kbd', {}, k), label ? ` ${label}` : ''];
  return h(
    'p',
    { class: 'keys' },
    ...key('Space', 'play/pause · '),
    ...key('←', ''),
    ...key('→', '5 s · '),
    ...key('<', ''),
    ...key('>', 'speed · '),
    ...key('M', 'mute'),
  );
}

/** The "play next automatically" switch, shown beside the link to the next episode. */
export function buildAutoAdvance(checked: boolean): { root: HTMLElement; input: HTMLInputElement } {
  const input = h('input', { type: 'checkbox', id: 'player-autonext', class: 'switch', checked });
  const root = h('label', { class: 'autoplay-label', for: 'player-autonext' }, input, h('span', {}, 'Play the next episode automatically'));
  return { root, input };
}
