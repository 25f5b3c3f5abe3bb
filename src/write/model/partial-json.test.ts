import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { partialJson } from './partial-json.js';

const OUTLINE = {
  title: 'Caf\u00e9 "science"',
  description: 'Back\\slash, tab\tand a line\nbreak; 12.5% and 1e3.',
  episodes: [
    { title: 'Beans', subtitle: 'where they grow', summary: 'Why altitude matters.', minutes: 1.5, live: true, note: null },
    { title: 'Roasting', subtitle: 'heat and time', summary: 'What "first crack" means.', minutes: 2, live: false, note: null },
  ],
};

/** True when every element `partial` shows is in `whole` as it is, and its objects hold no member `whole` lacks. */
function consistent(partial: unknown, whole: unknown): boolean {
  if (Array.isArray(partial)) return Array.isArray(whole) && partial.every((e, i) => JSON.stringify(e) === JSON.stringify(whole[i]));
  if (partial && typeof partial === 'object') {
    if (!whole || typeof whole !== 'object') return false;
    return Object.entries(partial).every(([k, v]) => {
      const w = (whole as Record<string, unknown>)[k];
      return v !== null && typeof v === 'object' ? consistent(v, w) : v === w;
    });
  }
  return partial === whole;
}

describe('partialJson', () => {
  it('shows only finished parts at every cut of an answer, and the whole value at the end', () => {
    for (const text of [JSON.stringify(OUTLINE), JSON.stringify(OUTLINE, null, 2)]) {
      let elements = 0;
      for (let cut = 0; cut <= text.length; cut++) {
        const value = partialJson(text.slice(0, cut));
        assert.ok(value === undefined || consistent(value, OUTLINE), `cut at ${cut}: ${JSON.stringify(value)}`);
        const shown = (value as { episodes?: unknown[] } | undefined)?.episodes?.length ?? 0;
        assert.ok(shown >= elements, 'an element once shown stays');
        elements = shown;
      }
      assert.deepEqual(partialJson(text), OUTLINE);
    }
  });

  it('leaves out a string cut inside an escape, and an element cut anywhere', () => {
    const text = JSON.stringify(OUTLINE);
    const inQuote = text.indexOf('\\"') + 1; // after the backslash of \"
    assert.deepEqual(partialJson(text.slice(0, inQuote)), {});
    const inUnicode = '{"title": "Caf\\u00e9"}';
    assert.deepEqual(partialJson(inUnicode), { title: 'Café' });
    assert.deepEqual(partialJson(inUnicode.slice(0, inUnicode.indexOf('\\u') + 4)), {});
    const firstDone = text.indexOf('},') + 1;
    assert.deepEqual((partialJson(text.slice(0, firstDone)) as typeof OUTLINE).episodes, [OUTLINE.episodes[0]]);
    assert.deepEqual((partialJson(text.slice(0, firstDone - 1)) as typeof OUTLINE).episodes, []);
  });

  it('waits for a number or a word to end before showing it', () => {
    assert.deepEqual(partialJson('{"a": 12'), {});
    assert.deepEqual(partialJson('{"a": 12.'), {});
    assert.deepEqual(partialJson('{"a": 1e'), {});
    assert.deepEqual(partialJson('{"a": tr'), {});
    assert.deepEqual(partialJson('{"a": 12.5,'), { a: 12.5 });
    assert.deepEqual(partialJson('{"a": [true, nul'), { a: [true] });
  });

  it('skips a <think> block, a ```json fence and a sentence before the JSON', () => {
    assert.equal(partialJson('<think>The user wants {an outline'), undefined);
    assert.deepEqual(partialJson('<think>The user wants {x}</think>\n{"title": "T", "ep'), { title: 'T' });
    assert.deepEqual(partialJson('```json\n{"title": "T"}\n```'), { title: 'T' });
    assert.deepEqual(partialJson('Here is the outline: {"title": "T", "episodes": [{"title": "A"}, {"ti'), { title: 'T', episodes: [{ title: 'A' }] });
    assert.equal(partialJson('Let me think'), undefined);
  });

  it('gives up on text that can never be JSON, and keeps "__proto__" an ordinary key', () => {
    assert.equal(partialJson('{"title": "T" "episodes"'), undefined);
    assert.equal(partialJson('{"a": nope}'), undefined);
    const value = partialJson('{"__proto__": {"polluted": true}, "b": 1}') as Record<string, unknown>;
    assert.deepEqual(Object.keys(value), ['__proto__', 'b']);
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.equal((value as { polluted?: unknown }).polluted, undefined);
  });
});
