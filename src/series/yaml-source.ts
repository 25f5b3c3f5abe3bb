/**
 * YAML with positions: parses a file (or an episode's front matter) and says where any key or
 * value is, as a line and column in the file, so every finding can point at it. Syntax errors
 * are turned into plain words with the fix where one is obvious (quote the value, close the
 * bracket, use spaces instead of a tab).
 *
 * @example
 *   const parsed = parseYamlSource('title: Hello\nnumber: three\n', 2);
 *   parsed.ok && parsed.source.locate(['number'], 'value') // { line: 3, column: 9 }
 */
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
  type YAMLError,
} from 'yaml';

export interface Position {
  line: number;
  column: number;
}

/** A syntax problem at a position, before it is given a file and a severity. */
export interface SyntaxFinding extends Position {
  rule: 'yaml-syntax' | 'duplicate-key' | 'tab-indent';
  message: string;
}

export interface YamlSource {
  /** The parsed value as plain data. */
  value: unknown;
  /**
   * Where the key or the value at `path` is. A value that is empty points at its key; a field
   * that is not there points at what would hold it (the list item, the parent key, the first field).
   */
  locate(path: readonly PropertyKey[], at: 'key' | 'value'): Position;
}

export type ParsedYaml = { ok: true; source: YamlSource } | { ok: false; findings: SyntaxFinding[] };

/**
 * Parses `text`, whose first line is line `firstLine` of its file. `text` must not start with a
 * byte-order mark (the caller removes it, so columns on the first line stay right).
 */
export function parseYamlSource(text: string, firstLine = 1): ParsedYaml {
  const counter = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: false, lineCounter: counter, uniqueKeys: true });
  const at = (offset: number): Position => {
    const { line, col } = counter.linePos(Math.min(Math.max(offset, 0), text.length));
    return { line: line + firstLine - 1, column: col };
  };
  if (doc.errors.length > 0) return { ok: false, findings: syntaxFindings(doc, text, at) };
  return { ok: true, source: { value: doc.toJS(), locate: (path, want) => at(locate(doc, path, want)) } };
}

function locate(doc: Document, path: readonly PropertyKey[], want: 'key' | 'value'): number {
  let node: unknown = doc.contents;
  let key: Node | undefined;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return start(key ?? (node as Node));
      key = pair.key as Node;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment]) {
      node = node.items[segment];
      key = node as Node;
    } else {
      return key ? start(key) : start(node as Node | null);
    }
  }
  const empty = !node || (isScalar(node) && node.value === null && !node.source);
  if (want === 'key' || empty) return key ? start(key) : start(node as Node | null);
  return start(node as Node);
}

function start(node: Node | null | undefined): number {
  return node?.range?.[0] ?? 0;
}

type At = (offset: number) => Position;

function syntaxFindings(doc: Document, text: string, at: At): SyntaxFinding[] {
  const errors = [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0]);
  const duplicates = errors.filter((e) => e.code === 'DUPLICATE_KEY').map((e) => duplicateKey(e, doc, text, at));
  // One syntax error tends to cause the next; the first one is the one to fix.
  const first = errors.find((e) => e.code !== 'DUPLICATE_KEY');
  const findings = first ? [tabIndent(text, first, at) ?? syntaxError(first, text, at)] : [];
  return [...findings, ...duplicates].sort((a, b) => a.line - b.line || a.column - b.column);
}

function duplicateKey(e: YAMLError, doc: Document, text: string, at: At): SyntaxFinding {
  const name = /^\s*(?:-\s+)?("[^"]*"|'[^']*'|[^:]*?)\s*:/.exec(text.slice(e.pos[0]))?.[1] ?? 'this field';
  let firstOffset: number | undefined;
  visit(doc, {
    Map(_, map) {
      const pairs = map.items.filter(isPair);
      const again = pairs.findIndex((p) => isScalar(p.key) && p.key.range?.[0] === e.pos[0]);
      if (again < 0) return undefined;
      const value = (pairs[again]!.key as { value: unknown }).value;
      const earlier = pairs.find((p) => isScalar(p.key) && p.key.value === value);
      firstOffset = earlier && isScalar(earlier.key) ? earlier.key.range?.[0] : undefined;
      return visit.BREAK;
    },
  });
  const where = firstOffset === undefined ? '' : ` (first on line ${at(firstOffset).line})`;
  return {
    ...at(e.pos[0]),
    rule: 'duplicate-key',
    message: `${name} appears twice${where} — keep one of them`,
  };
}

/** YAML refuses tabs in indentation; whatever it calls the error, a tab there is the cause to name. */
function tabIndent(text: string, e: YAMLError, at: At): SyntaxFinding | undefined {
  const lineStart = text.lastIndexOf('\n', e.pos[0] - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const tab = indent.indexOf('\t');
  if (tab < 0 && e.code !== 'TAB_AS_INDENT') return undefined;
  return {
    ...at(tab < 0 ? e.pos[0] : lineStart + tab),
    rule: 'tab-indent',
    message: 'a tab indents this line — YAML indents with spaces only: replace the tab with spaces',
  };
}

function syntaxError(e: YAMLError, text: string, at: At): SyntaxFinding {
  const offset = e.pos[0];
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = endOfLine(text, offset);
  const line = text.slice(lineStart, lineEnd);
  const finding = (where: number, message: string): SyntaxFinding => ({ ...at(where), rule: 'yaml-syntax', message });
  const reason = e.message.split('\n')[0] ?? e.message;

  if (/flow (sequence|mapping|collection)/i.test(reason) || /^Missing closing [\]}]/.test(reason)) {
    const open = unclosedBracket(text, offset);
    if (open !== undefined) {
      const close = text[open] === '[' ? ']' : '}';
      return finding(open, `this ${text[open]} is never closed — end it with ${close}, or put the whole value in quotes`);
    }
  }
  const quote = /^Missing closing (["'])quote/.exec(reason)?.[1];
  if (quote) {
    const open = text.lastIndexOf(quote, offset - 1);
    return finding(open < 0 ? offset : open, `this quote (${quote}) is never closed — add a closing ${quote} at the end of the value`);
  }
  if (e.code === 'BLOCK_AS_IMPLICIT_KEY') {
    const field = /^(\s*(?:-\s+)?)([^:#]+?):\s+(.*)$/.exec(line);
    if (field && /:\s/.test(field[3]!)) {
      const fix = `${field[2]}: ${JSON.stringify(field[3]!.trim())}`;
      return finding(offset, `this value contains ": ", which YAML reads as another field — put the value in quotes: ${fix}`);
    }
    const next = nextLineStart(text, lineEnd);
    if (next !== undefined) return finding(next, INDENT_MESSAGE);
  }
  if (e.code === 'BAD_INDENT' || /without - indicator|same column/.test(reason)) {
    return finding(lineStart + (line.length - line.trimStart().length), INDENT_MESSAGE);
  }
  if (e.code === 'BAD_SCALAR_START') {
    const char = text[offset] ?? '';
    const field = /^(\s*(?:-\s+)?)([^:#]+?):\s+(.*)$/.exec(line);
    const fix = field ? `: ${field[2]}: ${JSON.stringify(field[3]!.trim())}` : '';
    return finding(offset, `a value cannot start with ${char} — put the whole value in quotes${fix}`);
  }
  if (e.code === 'MULTIPLE_DOCS') {
    return finding(offset, 'a --- line here starts a second document — remove it (one file holds one set of fields)');
  }
  if (e.code === 'MULTILINE_IMPLICIT_KEY' || /map values/.test(reason)) {
    const from = lineStart + (line.length - line.trimStart().length);
    const noSpace = /^[^:\s][^:]*:[^\s]/.test(line.trimStart());
    return finding(
      from,
      noSpace
        ? 'this line is not a field — put a space after the colon: name: value'
        : 'this line is not a field — write it as name: value, or indent it to continue the value above',
    );
  }
  if (e.code === 'UNEXPECTED_TOKEN' && /at node end/.test(reason)) {
    return finding(offset, 'unexpected text after the value — a value that holds quotes goes in the other kind of quotes, e.g. "it\'s"');
  }
  return finding(offset, `YAML syntax: ${lowerFirst(reason)} — check this line (quote values that contain ": " or start with a symbol)`);
}

const INDENT_MESSAGE = 'this line is indented differently from the lines around it — line up fields at the same level under each other';

function endOfLine(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  const at = end < 0 ? text.length : end;
  return text[at - 1] === '\r' ? at - 1 : at;
}

function nextLineStart(text: string, lineEnd: number): number | undefined {
  const re = /\r?\n[ \t]*(?=\S)/g;
  re.lastIndex = lineEnd;
  const m = re.exec(text);
  return m ? m.index + m[0].length : undefined;
}

/** The last [ or { before `offset` that is not closed before it, outside quotes. */
function unclosedBracket(text: string, offset: number): number | undefined {
  const open: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < Math.min(offset + 1, text.length); i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if ((c === '"' || c === "'") && /[\s[{,:]|^$/.test(text[i - 1] ?? '')) {
      quote = c;
    } else if ((c === '[' || c === '{') && (open.length > 0 || startsValue(text, i))) {
      open.push(i);
    } else if (c === ']' || c === '}') {
      open.pop();
    }
  }
  return open.at(-1);
}

/** Whether a bracket at `i` opens a value (after "key: ", "- ", a comma, or at a line's start) rather than sits inside text. */
function startsValue(text: string, i: number): boolean {
  return /(?:^|[:,-][ \t]*|\n[ \t]*)$/.test(text.slice(Math.max(0, i - 8), i));
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
