import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bindKeyboard, commandForKey, targetKind, type KeyCommand, type TargetKind } from './keyboard.js';

const press = (key: string, target: TargetKind = 'other', mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) =>
  commandForKey({ key, target, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('commandForKey', () => {
  it('maps Space, arrows, > < and m', () => {
    assert.equal(press(' '), 'toggle');
    assert.equal(press('ArrowLeft'), 'back');
    assert.equal(press('ArrowRight'), 'forward');
    assert.equal(press('>'), 'faster');
    assert.equal(press('<'), 'slower');
    assert.equal(press('m'), 'mute');
  });
  it('ignores keys while typing in a text field', () => {
    for (const key of [' ', 'm', 'ArrowLeft', '>']) assert.equal(press(key, 'text'), null);
  });
  it('leaves Space to a focused button and arrows to a focused slider', () => {
    assert.equal(press(' ', 'button'), null);
    assert.equal(press('ArrowLeft', 'range'), null);
    assert.equal(press('m', 'range'), 'mute');
  });
  it('leaves browser shortcuts with modifiers alone', () => {
    assert.equal(press('ArrowLeft', 'other', { altKey: true }), null);
    assert.equal(press('m', 'other', { ctrlKey: true }), null);
  });
});

describe('targetKind', () => {
  it('recognises text fields, sliders and buttons', () => {
    assert.equal(targetKind({ tagName: 'INPUT', type: 'search' }), 'text');
    assert.equal(targetKind({ tagName: 'TEXTAREA' }), 'text');
    assert.equal(targetKind({ tagName: 'DIV', isContentEditable: true }), 'text');
    assert.equal(targetKind({ tagName: 'INPUT', type: 'range' }), 'range');
    assert.equal(targetKind({ tagName: 'DIV', getAttribute: () => 'slider' }), 'range');
    assert.equal(targetKind({ tagName: 'BUTTON' }), 'button');
    assert.equal(targetKind({ tagName: 'INPUT', type: 'checkbox' }), 'button');
    assert.equal(targetKind({ tagName: 'BODY' }), 'other');
    assert.equal(targetKind(null), 'other');
  });
});

describe('bindKeyboard', () => {
  function keydown(key: string, tagName = 'BODY') {
    const event = new Event('keydown', { cancelable: true });
    Object.assign(event, { key, ctrlKey: false, metaKey: false, altKey: false });
    Object.defineProperty(event, 'target', { value: { tagName } });
    return event;
  }

  it('runs the command and prevents the browser default', () => {
    const target = new EventTarget();
    const seen: KeyCommand[] = [];
    bindKeyboard(target, (c) => seen.push(c));
    const event = keydown(' ');
    target.dispatchEvent(event);
    assert.deepEqual(seen, ['toggle']);
    assert.equal(event.defaultPrevented, true);
  });
  it('lets unrelated keys through and stops after unbinding', () => {
    const target = new EventTarget();
    const seen: KeyCommand[] = [];
    const unbind = bindKeyboard(target, (c) => seen.push(c));
    const other = keydown('x');
    target.dispatchEvent(other);
    assert.equal(other.defaultPrevented, false);
    unbind();
    target.dispatchEvent(keydown('m'));
    assert.deepEqual(seen, []);
  });
  it('does nothing while the search box has focus', () => {
    const target = new EventTarget();
    const seen: KeyCommand[] = [];
    bindKeyboard(target, (c) => seen.push(c));
    target.dispatchEvent(keydown('m', 'TEXTAREA'));
    assert.deepEqual(seen, []);
  });
});
