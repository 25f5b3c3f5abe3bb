/**
 * The JSON side of structured output, pure: the JSON Schema offered to a server, the instruction
 * for servers that take none, and reading an answer — which is untrusted text — into a value the
 * schema accepts, or into short problems to send back to the model.
 *
 * Small local models wrap JSON in a ```json fence, think aloud in <think>…</think> first, or say
 * "Here is the JSON:" before it; those wrappings are removed. Anything else is for the schema to judge.
 *
 * @example
 *   const read = readAnswer('```json\n{"title":"Tokens"}\n```', z.object({ title: z.string() }));
 *   // { ok: true, value: { title: 'Tokens' } }
 */
import { z } from 'zod';

export type Answer<T> = { ok: true; value: T } | { ok: false; problems: string[]; notJson: boolean };

/** The schema as JSON Schema, without `$schema` (some servers refuse keys they do not know). */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

/**
 * Whether OpenAI's strict mode takes this schema: every object closed and every property required.
 * Strict mode refuses anything else, so an optional field means asking without it.
 */
export function strictCompatible(node: unknown): boolean {
  if (Array.isArray(node)) return node.every(strictCompatible);
  if (!node || typeof node !== 'object') return true;
  const record = node as Record<string, unknown>;
  if (record.type === 'object' || record.properties) {
    const keys = Object.keys((record.properties as Record<string, unknown> | undefined) ?? {});
    const required = new Set(Array.isArray(record.required) ? record.required : []);
    if (record.additionalProperties !== false || !keys.every((k) => required.has(k))) return false;
  }
  return Object.values(record).every(strictCompatible);
}

/** Said to models that are given no response_format: the shape, in the words servers use for it. */
export function schemaInstruction(jsonSchema: Record<string, unknown>): string {
  return `Answer with one JSON object that matches this JSON Schema, and nothing else:\n${JSON.stringify(jsonSchema)}`;
}

export function readAnswer<T>(text: string, schema: z.ZodType<T>): Answer<T> {
  let json: unknown;
  try {
    json = JSON.parse(unwrap(text));
  } catch (error) {
    return { ok: false, notJson: true, problems: [`the answer is not valid JSON (${(error as Error).message})`] };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, notJson: false, problems: parsed.error.issues.slice(0, 8).map(describeIssue) };
}

/** "at episodes.2.title: Too small: expected string to have >=1 characters" */
function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  return `${path ? `at ${path}` : 'at the top level'}: ${issue.message}`;
}

/** The JSON inside the wrappings small models put around it. */
export function unwrap(text: string): string {
  let body = text.replace(/^\s*<think>[\s\S]*?<\/think>/, '').trim();
  const fence = /```(?:json|JSON)?\s*\n?([\s\S]*?)\n?\s*```/.exec(body);
  if (fence?.[1] !== undefined) body = fence[1].trim();
  if (!/^[[{]/.test(body)) {
    // "Here is the outline: {…}" — from the first brace to the last.
    const start = body.indexOf('{');
    const end = body.lastIndexOf('}');
    if (start >= 0 && end > start) body = body.slice(start, end + 1);
  }
  return body;
}

/** Shortens model text for a one-line message. */
export function clip(text: string, max = 120): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
