/**
 * Reads JSON that is still arriving — a streamed answer cut anywhere, mid-word or mid-escape —
 * into the value its finished parts make, so a caller can show an outline's episodes before the
 * model has written the last one. Pure, and strict about what is finished:
 *
 * - a string, number, true, false or null appears only once it is finished (a number once
 *   something follows it, since "12" may still become "125");
 * - an array holds only its finished elements, so an element that appears is whole;
 * - an object appears as soon as it opens, with the members finished so far (a member whose value
 *   is an object or array still being written is shown as it stands).
 *
 * The wrappings `readAnswer` removes from a whole answer (a <think> block, a ```json fence, a
 * sentence before the JSON) are skipped here too. Text that cannot become JSON gives undefined:
 * the whole answer is judged by the schema at the end, as any other. Nothing here is validated;
 * what it returns is as untrusted as the text.
 *
 * @example
 *   partialJson('{"title":"Bread","episodes":[{"title":"Flour"},{"title":"Wa');
 *   // → { title: 'Bread', episodes: [{ title: 'Flour' }] }
 */

interface Read {
  value: unknown;
  finished: boolean;
}

class Unreadable extends Error {}

/** The value of the finished parts of `text`, or undefined when none is finished yet (or never can be). */
export function partialJson(text: string): unknown {
  const start = jsonStart(text);
  if (start < 0) return undefined;
  try {
    return new Reader(text, start).value()?.value;
  } catch (error) {
    if (error instanceof Unreadable) return undefined;
    throw error;
  }
}

/** Where the JSON begins, past a <think> block; -1 while the model is still thinking or has not begun. */
function jsonStart(text: string): number {
  let from = 0;
  const think = /^\s*<think>/.exec(text);
  if (think) {
    const end = text.indexOf('</think>', think[0].length);
    if (end < 0) return -1;
    from = end + '</think>'.length;
  }
  const brace = text.slice(from).search(/[[{]/);
  return brace < 0 ? -1 : from + brace;
}

const LITERAL = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/;
/** The text ends inside a number or a word that may still become one of those. */
const UNFINISHED = /^(?:-?\d*(?:\.\d*)?(?:[eE][+-]?\d*)?|t(?:r(?:ue?)?)?|f(?:a(?:l(?:se?)?)?)?|n(?:u(?:ll?)?)?)$/;

class Reader {
  private i: number;
  constructor(
    private readonly s: string,
    start: number,
  ) {
    this.i = start;
  }

  /** The value at the cursor, or undefined when the text ends before any of it is finished. */
  value(): Read | undefined {
    this.space();
    if (this.ended()) return undefined;
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') {
      const text = this.string();
      return text === undefined ? undefined : { value: text, finished: true };
    }
    return this.literal();
  }

  private object(): Read {
    this.i++;
    const object: Record<string, unknown> = {};
    const partial = { value: object, finished: false };
    for (;;) {
      this.space();
      if (this.ended()) return partial;
      if (this.s[this.i] === '}') {
        this.i++;
        return { value: object, finished: true };
      }
      if (this.s[this.i] !== '"') throw new Unreadable();
      const key = this.string();
      this.space();
      if (key === undefined || this.ended()) return partial;
      if (this.s[this.i++] !== ':') throw new Unreadable();
      const member = this.value();
      if (!member) return partial;
      // Own data properties, as JSON.parse makes them: a key "__proto__" must not become the prototype.
      Object.defineProperty(object, key, { value: member.value, enumerable: true, writable: true, configurable: true });
      if (!member.finished || !this.separator('}')) return partial;
      if (this.s[this.i - 1] === '}') return { value: object, finished: true };
    }
  }

  private array(): Read {
    this.i++;
    const array: unknown[] = [];
    const partial = { value: array, finished: false };
    this.space();
    if (this.s[this.i] === ']') {
      this.i++;
      return { value: array, finished: true };
    }
    for (;;) {
      const element = this.value();
      if (!element?.finished) return partial;
      array.push(element.value);
      if (!this.separator(']')) return partial;
      if (this.s[this.i - 1] === ']') return { value: array, finished: true };
    }
  }

  /** Past the comma or the closing bracket after a member; false when the text ends first. */
  private separator(close: '}' | ']'): boolean {
    this.space();
    if (this.ended()) return false;
    const c = this.s[this.i++];
    if (c !== ',' && c !== close) throw new Unreadable();
    return true;
  }

  /** A finished string's value, or undefined (and the cursor at the end) while it is unfinished. */
  private string(): string | undefined {
    let j = this.i + 1;
    while (j < this.s.length && this.s[j] !== '"') j += this.s[j] === '\\' ? 2 : 1;
    if (j >= this.s.length) {
      this.i = this.s.length;
      return undefined;
    }
    const raw = this.s.slice(this.i, j + 1);
    this.i = j + 1;
    try {
      return JSON.parse(raw) as string;
    } catch {
      throw new Unreadable();
    }
  }

  private literal(): Read | undefined {
    const rest = this.s.slice(this.i);
    const match = LITERAL.exec(rest);
    // Finished only when a delimiter follows: "12" may become "12.5", "tru" true.
    if (match && /^[\s,}\]]/.test(rest.slice(match[0].length))) {
      this.i += match[0].length;
      return { value: JSON.parse(match[0]) as unknown, finished: true };
    }
    if (UNFINISHED.test(rest)) return undefined;
    throw new Unreadable();
  }

  private space(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i]!)) this.i++;
  }

  private ended(): boolean {
    return this.i >= this.s.length;
  }
}
