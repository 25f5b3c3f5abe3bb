/**
 * Keyboard shortcuts for the player: Space play/pause, ← → seek, > < speed, m mute.
 * Shortcuts stay out of the way while the listener types (the transcript search box),
 * adjusts a slider, or presses a focused button, which Space already activates.
 *
 * @example
 * const unbind = bindKeyboard(document, (command) => run(command));
 */

export type KeyCommand = 'toggle' | 'back' | 'forward' | 'faster' | 'slower' | 'mute';

export type TargetKind = 'text' | 'range' | 'button' | 'other';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: TargetKind;
}

interface ElementLike {
  tagName?: string;
  type?: string;
  isContentEditable?: boolean;
  getAttribute?(name: string): string | null;
}

const TEXT_INPUTS = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number']);

/** What kind of element has focus, as far as shortcuts care. */
export function targetKind(target: unknown): TargetKind {
  const el = (target ?? {}) as ElementLike;
  const tag = (el.tagName ?? '').toUpperCase();
  if (el.isContentEditable) return 'text';
  if (tag === 'TEXTAREA' || tag === 'SELECT') return 'text';
  if (tag === 'INPUT') {
    const type = (el.type ?? 'text').toLowerCase();
    if (type === 'range') return 'range';
    if (type === 'checkbox' || type === 'radio' || type === 'button' || type === 'submit') return 'button';
    return TEXT_INPUTS.has(type) ? 'text' : 'other';
  }
  if (tag === 'BUTTON' || tag === 'SUMMARY') return 'button';
  if (el.getAttribute?.('role') === 'slider') return 'range';
  return 'other';
}

/** The command a key press asks for, or null to let the browser handle it. */
export function commandForKey(press: KeyPress): KeyCommand | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.target === 'text') return null;
  switch (press.key) {
    case ' ':
    case 'Spacebar':
    case 'k':
      return press.target === 'button' ? null : 'toggle';
    case 'ArrowLeft':
    case 'j':
      return press.target === 'range' && press.key === 'ArrowLeft' ? null : 'back';
    case 'ArrowRight':
    case 'l':
      return press.target === 'range' && press.key === 'ArrowRight' ? null : 'forward';
    case '>':
      return 'faster';
    case '<':
      return 'slower';
    case 'm':
    case 'M':
      return 'mute';
    default:
      return null;
  }
}

interface KeyEventLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
  defaultPrevented: boolean;
  preventDefault(): void;
}

/** Listens on `target` (the document) and returns a function that stops listening. */
export function bindKeyboard(target: EventTarget, run: (command: KeyCommand) => void): () => void {
  const listener = (event: Event): void => {
    const e = event as unknown as KeyEventLike;
    if (e.defaultPrevented) return;
    const command = commandForKey({
      key: e.key,
      ctrlKey: e.ctrlKey,
      metaKey: e.metaKey,
      altKey: e.altKey,
      target: targetKind(e.target),
    });
    if (!command) return;
    e.preventDefault();
    run(command);
  };
  target.addEventListener('keydown', listener);
  return () => target.removeEventListener('keydown', listener);
}
