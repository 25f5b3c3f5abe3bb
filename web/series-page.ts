/**
 * The series page, enhanced: each episode shows whether the listener finished it or where
 * they stopped (from the keys the player writes), and a switch puts the list in curriculum
 * order instead of newest first, remembered per series.
 *
 * Page contract: `#episodes[data-series]` holding `[data-episode][data-number]` items, each
 * with a `.episode-progress` slot, and an empty `[data-order]` slot for the switch.
 */
import { h } from './dom.js';
import { progressState } from './progress.js';
import { openStore, readProgress, readString, writePreference, type KeyValueStore } from './storage.js';

export type Order = 'newest' | 'curriculum';

/** Item numbers sorted for the chosen order (newest = highest number first). */
export function sortNumbers(numbers: readonly number[], order: Order): number[] {
  return [...numbers].sort((a, b) => (order === 'curriculum' ? a - b : b - a));
}

export function parseOrder(value: string | null): Order {
  return value === 'curriculum' ? 'curriculum' : 'newest';
}

export function showProgress(list: HTMLElement, store: KeyValueStore): void {
  const series = list.dataset.series ?? '';
  for (const item of list.querySelectorAll<HTMLElement>('[data-episode]')) {
    const slot = item.querySelector<HTMLElement>('.episode-progress');
    if (!slot) continue;
    const state = progressState(readProgress(store, series, item.dataset.episode ?? ''), Number(item.dataset.duration) || 0);
    slot.textContent = '';
    item.classList.toggle('is-played', state.kind === 'played');
    item.classList.toggle('is-started', state.kind === 'started');
    if (state.kind === 'played') {
      slot.append(h('span', { class: 'badge badge-played' }, state.label));
    } else if (state.kind === 'started') {
      const bar = h('progress', { class: 'episode-bar', max: 1, value: state.fraction.toFixed(3), 'aria-hidden': 'true' });
      slot.append(h('span', { class: 'badge badge-resume' }, state.label), bar);
    }
    slot.hidden = state.kind === 'new';
  }
}

export function applyOrder(list: HTMLElement, order: Order): void {
  const items = Array.from(list.querySelectorAll<HTMLElement>(':scope > [data-episode]'));
  const byNumber = new Map(items.map((item) => [Number(item.dataset.number), item]));
  for (const n of sortNumbers([...byNumber.keys()], order)) {
    const item = byNumber.get(n);
    if (item) list.append(item);
  }
  list.dataset.order = order;
}

function mountOrderSwitch(slot: HTMLElement, list: HTMLElement, store: KeyValueStore): void {
  const key = `order:${list.dataset.series ?? ''}`;
  let order = parseOrder(readString(store, key));
  const buttons: Record<Order, HTMLButtonElement> = {
    newest: h('button', { type: 'button', class: 'segment' }, 'Newest first'),
    curriculum: h('button', { type: 'button', class: 'segment' }, 'Episode 1 first'),
  };
  const render = (): void => {
    for (const [name, button] of Object.entries(buttons)) button.setAttribute('aria-pressed', String(name === order));
    applyOrder(list, order);
  };
  for (const [name, button] of Object.entries(buttons) as [Order, HTMLButtonElement][]) {
    button.addEventListener('click', () => {
      order = name;
      writePreference(store, key, order);
      render();
    });
  }
  slot.append(h('span', { class: 'segments-label', id: 'order-label' }, 'Order'), h('div', { class: 'segments', role: 'group', 'aria-labelledby': 'order-label' }, buttons.newest, buttons.curriculum));
  slot.hidden = false;
  render();
}

export function startSeriesPage(doc: Document, win: Window): void {
  const list = doc.querySelector<HTMLElement>('#episodes[data-series]');
  if (!list) return;
  const store = openStore(() => win.localStorage);
  showProgress(list, store);
  const slot = doc.querySelector<HTMLElement>('[data-order]');
  if (slot) mountOrderSwitch(slot, list, store);
  // Coming back with the browser's back button restores the page from cache; refresh what changed.
  win.addEventListener('pageshow', (event) => {
    if ((event as PageTransitionEvent).persisted) showProgress(list, store);
  });
}

if (typeof document !== 'undefined' && typeof window !== 'undefined') startSeriesPage(document, window);
