/**
 * Schema issues in a writer's words. Validation reports what rule a value broke ("expected
 * string, received undefined"); a writer needs to hear what is wrong with their file and what to
 * type instead ("title is missing — add the episode's title, e.g. title: How a model learns").
 * Messages the schema spells out itself (a slug's form, a reserved id) are kept and become the fix.
 *
 * @example
 *   const findings = validateContent(episodeFrontMatterSchema, value, 'episode');
 *   // [{ path: ['subtitel'], at: 'key', rule: 'unknown-key',
 *   //    message: 'subtitel is not a field of an episode — did you mean subtitle?' }]
 */
import type { z } from 'zod';
import { fieldInfo, fieldLabel, KIND_NAME, type ContentKind } from './fields.js';
import { closest } from './suggest.js';

/** One schema finding: where (a path into the file, at its key or its value), which rule, what to do. */
export interface SchemaFinding {
  path: PropertyKey[];
  at: 'key' | 'value';
  rule: string;
  message: string;
}

export type Validated<T> = { ok: true; data: T } | { ok: false; findings: SchemaFinding[] };

/** Marks issues whose message the schema did not spell out, so they get one written here. */
const UNWRITTEN = '\u0000unwritten';

type Issue = z.core.$ZodIssue;

export function validateContent<S extends z.ZodType>(schema: S, value: unknown, kind: ContentKind): Validated<z.infer<S>> {
  const result = schema.safeParse(value, { reportInput: true, error: () => UNWRITTEN });
  if (result.success) return { ok: true, data: result.data };
  const findings: SchemaFinding[] = [];
  const seen = new Set<string>();
  for (const issue of result.error.issues) {
    for (const finding of describeIssue(issue, schema, kind)) {
      // One finding per place: a bad address need not also be told it lacks https://.
      const key = `${finding.at}:${finding.path.map(String).join('\u0001')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(finding);
    }
  }
  return { ok: false, findings };
}

function describeIssue(issue: Issue, schema: z.ZodType, kind: ContentKind): SchemaFinding[] {
  const path = [...issue.path];
  const info = fieldInfo(kind, path);
  const label = kind === 'lexicon' ? `the spoken form of "${String(path[0])}"` : fieldLabel(path);
  const written = issue.message === UNWRITTEN ? undefined : issue.message;
  const value = (rule: string, message: string): SchemaFinding[] => [{ path, at: 'value', rule, message }];
  const example = info?.example ? `, e.g. ${info.example}` : '';

  switch (issue.code) {
    case 'invalid_type': {
      const add = info ? `${info.hint}${example}` : (written ?? `give it ${typeName(issue.expected)}`);
      if (issue.input === undefined) return value('missing', `${label} is missing — ${add}`);
      if (issue.input === null) return value('empty', `${label} has no value — ${add}`);
      const fix = written ?? (info?.example ? `e.g. ${info.example}` : info?.hint);
      return value('wrong-type', wrongType(label, issue.expected, issue.input, path, info?.noun, fix));
    }
    case 'too_small':
      return tooSmall(issue, label, info?.hint, example, written).map((f) => ({ ...f, path, at: 'value' }));
    case 'too_big':
      return tooBig(issue, label, written).map((f) => ({ ...f, path, at: 'value' }));
    case 'invalid_format':
      return value(formatRule(issue, path), badFormat(issue, label, info?.noun, written));
    case 'not_multiple_of':
      return value('not-multiple', `${label} is ${show(issue.input)} — use a multiple of ${issue.divisor}`);
    case 'invalid_value': {
      const choices = issue.values.map((v) => JSON.stringify(v)).join(', ');
      return value('not-allowed', `${label} is ${show(issue.input)} — ${written ?? `use one of ${choices}`}`);
    }
    case 'unrecognized_keys': {
      const known = keysAt(schema, path);
      const owner = path.length === 0 ? KIND_NAME[kind] : fieldLabel(path);
      return issue.keys.map((key) => {
        const guess = closest(key, known);
        const fix = guess
          ? `did you mean ${guess}?`
          : `remove it, or check its spelling${known.length ? ` (the fields are ${known.join(', ')})` : ''}`;
        const message = `${key} is not a field of ${owner} — ${fix}`;
        return { path: [...path, key], at: 'key' as const, rule: 'unknown-key', message };
      });
    }
    case 'invalid_union': {
      // The first alternative is the form writers are asked for (a date written as text, say).
      const first = issue.errors[0]?.[0];
      if (!first) return value('invalid', written ?? `${label} is not valid`);
      return describeIssue({ ...first, path: [...path, ...first.path] } as Issue, schema, kind);
    }
    case 'invalid_key': {
      const [name, what] = kind === 'lexicon' ? ['a term', 'term'] : ['a field name', 'name'];
      return [{ path, at: 'key', rule: 'empty-key', message: `${name} is empty — write the ${what} before the colon` }];
    }
    case 'invalid_element':
      return value('invalid', `${label} holds a value that is not valid${written ? ` — ${written}` : ''}`);
    case 'custom': {
      const rule = typeof issue.params?.rule === 'string' ? issue.params.rule : 'invalid';
      return value(rule, written ?? `${label} is not valid`);
    }
    default:
      return value('invalid', written ?? `${label} is not valid`);
  }
}

function wrongType(
  label: string,
  expected: string,
  input: unknown,
  path: PropertyKey[],
  noun: string | undefined,
  fix: string | undefined,
): string {
  const wanted = noun ?? typeName(expected);
  const got = describeValue(input);
  // YAML reads `title: 1984` or `title: true` as a number or true or false; quoting keeps it text.
  if (expected === 'string' && !noun && (typeof input === 'number' || typeof input === 'boolean')) {
    const key = String(path.at(-1) ?? 'value');
    return `${label} should be ${wanted}, not ${got} — put it in quotes: ${key}: "${String(input)}"`;
  }
  if (expected === 'boolean') {
    const key = String(path.at(-1) ?? 'value');
    return `${label} should be true or false, not ${got} — write ${key}: true or ${key}: false`;
  }
  return `${label} should be ${wanted}, not ${got}${fix ? ` — ${fix}` : ''}`;
}

type SizeFinding = Pick<SchemaFinding, 'rule' | 'message'>;

function tooSmall(
  issue: z.core.$ZodIssueTooSmall,
  label: string,
  hint: string | undefined,
  example: string,
  written: string | undefined,
): SizeFinding[] {
  const min = Number(issue.minimum);
  switch (issue.origin) {
    case 'string': {
      if (min <= 1) {
        const fix = written ?? (hint ? `${hint}${example}` : 'write something or remove the line');
        return [{ rule: 'empty', message: `${label} is empty — ${fix}` }];
      }
      const length = String(issue.input ?? '').length;
      const fix = written ?? `write at least ${min}`;
      return [{ rule: 'too-short', message: `${label} is ${plural(length, 'character')} long — ${fix}` }];
    }
    case 'array':
    case 'set': {
      const count = Array.isArray(issue.input) ? issue.input.length : 0;
      const what = count === 0 ? 'is an empty list' : `lists only ${count}`;
      return [{ rule: 'too-few', message: `${label} ${what} — ${written ?? hint ?? `list at least ${min}`}` }];
    }
    default: {
      const fix = issue.inclusive ? `use ${min} or more` : `use a number above ${min}`;
      return [{ rule: 'too-small', message: `${label} is ${show(issue.input)}, too small — ${written ?? fix}` }];
    }
  }
}

function tooBig(issue: z.core.$ZodIssueTooBig, label: string, written: string | undefined): SizeFinding[] {
  const max = Number(issue.maximum);
  switch (issue.origin) {
    case 'string': {
      const length = String(issue.input ?? '').length;
      const fix = written ?? `shorten it by at least ${length - max}`;
      return [{ rule: 'too-long', message: `${label} is ${plural(length, 'character')} long, over the limit of ${max} — ${fix}` }];
    }
    case 'array':
    case 'set': {
      const count = Array.isArray(issue.input) ? issue.input.length : 0;
      const fix = written ?? `keep at most ${max}`;
      return [{ rule: 'too-many', message: `${label} lists ${count}, more than ${max} — ${fix}` }];
    }
    default: {
      const fix = issue.inclusive ? `use ${max} or less` : `use a number below ${max}`;
      return [{ rule: 'too-large', message: `${label} is ${show(issue.input)}, too large — ${written ?? fix}` }];
    }
  }
}

function badFormat(
  issue: z.core.$ZodIssueInvalidStringFormat,
  label: string,
  noun: string | undefined,
  written: string | undefined,
): string {
  const it = `${label} ${show(issue.input)}`;
  switch (issue.format) {
    case 'email':
      return `${it} is not ${noun ?? 'an email address'} — ${written ?? 'write it like name@example.com'}`;
    case 'url':
      return `${it} is not ${noun ?? 'a web address'} — ${written ?? 'write the full address, starting with https://'}`;
    case 'date':
      return `${it} is not ${noun ?? 'a date'} — ${written ?? 'write a real date as year-month-day, e.g. 2026-05-04'}`;
    default:
      return `${it} is not ${noun ?? 'in the expected form'}${written ? ` — ${written}` : ''}`;
  }
}

function formatRule(issue: z.core.$ZodIssueInvalidStringFormat, path: PropertyKey[]): string {
  if (issue.format === 'url') return 'bad-url';
  if (issue.format === 'email') return 'bad-email';
  if (issue.format === 'date') return 'bad-date';
  const last = String(path.at(-1));
  if (last === 'slug' || last === 'id') return 'bad-slug';
  if (last === 'language') return 'bad-language';
  return 'bad-format';
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'fields (name: value)',
  record: 'fields (name: value)',
  date: 'a date',
};

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}

function describeValue(input: unknown): string {
  if (typeof input === 'string') return `text (${JSON.stringify(truncate(input))})`;
  if (typeof input === 'number') return Number.isInteger(input) ? `the number ${input}` : `${input}`;
  if (typeof input === 'boolean') return String(input);
  if (Array.isArray(input)) return 'a list';
  if (input instanceof Date) return 'a date';
  if (input && typeof input === 'object') return 'a group of fields';
  return String(input);
}

function show(input: unknown): string {
  return typeof input === 'string' ? JSON.stringify(truncate(input)) : String(input);
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
}

/** The field names the schema knows at `path`, for "did you mean …?". */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: z.ZodType | undefined = schema;
  const def = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;
  const unwrap = (s: z.ZodType | undefined): z.ZodType | undefined => {
    for (let i = 0; s && i < 10; i++) {
      const d = def(s);
      const inner = d.innerType ?? (d.type === 'pipe' ? d.in : undefined);
      if (!inner) return s;
      s = inner;
    }
    return s;
  };
  for (const segment of path) {
    node = unwrap(node);
    if (!node) return [];
    const d = def(node);
    node = typeof segment === 'number' ? d.element : d.shape?.[String(segment)] ?? d.valueType;
  }
  node = unwrap(node);
  return node ? Object.keys(def(node).shape ?? {}) : [];
}
