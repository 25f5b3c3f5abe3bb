/**
 * The outline editor's actions as a pure function: the rows of the form (one per episode, in the
 * order shown) and the button pressed → the rows to save. Reordering, deleting and adding work the
 * same with or without the page's script: each is a submit button of one form.
 *
 * @example
 *   editOutline(rows, 'up:2');      // the third episode becomes the second
 *   editOutline(rows, 'delete:0');  // the first is gone (its file is kept in episodes/.history/)
 *   editOutline(rows, 'add');       // a new, empty episode at the end
 */
import { plainLine } from '../series/text.js';

export interface OutlineRow {
  /** The episode's file name in episodes/, or '' for an episode not saved yet. */
  file: string;
  title: string;
  subtitle: string;
  summary: string;
}

export type OutlineAction = 'save' | 'add' | `up:${number}` | `down:${number}` | `delete:${number}`;

export function parseAction(value: unknown): OutlineAction {
  const text = typeof value === 'string' ? value : 'save';
  if (text === 'add' || /^(up|down|delete):\d{1,4}$/.test(text)) return text as OutlineAction;
  return 'save';
}

export function editOutline(rows: readonly OutlineRow[], action: OutlineAction): OutlineRow[] {
  const next = [...rows];
  if (action === 'save') return next;
  if (action === 'add') return [...next, { file: '', title: `Episode ${next.length + 1}`, subtitle: '', summary: 'What this episode covers, in a sentence or two.' }];
  const [verb, at] = action.split(':') as ['up' | 'down' | 'delete', string];
  const i = Number(at);
  if (i < 0 || i >= next.length) return next;
  if (verb === 'delete') {
    // An outline keeps at least one episode: a series with none cannot be built or written.
    if (next.length > 1) next.splice(i, 1);
    return next;
  }
  const j = verb === 'up' ? i - 1 : i + 1;
  if (j < 0 || j >= next.length) return next;
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}

/** A form field's values: none, one, or the array a repeated field parses to. */
export function formValues(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** The rows a form posted: parallel fields file, title, subtitle, summary (each possibly repeated). */
export function rowsFromForm(body: Record<string, unknown>): OutlineRow[] {
  const list = (name: string): string[] => formValues(body[name]).map((v) => (typeof v === 'string' ? v : ''));
  const files = list('file');
  const titles = list('title');
  const subtitles = list('subtitle');
  const summaries = list('summary');
  return files.map((file, i) => ({
    file: /^[\w.-]+\.md$/.test(file) ? file : '',
    title: plainLine(titles[i], 255) || `Episode ${i + 1}`,
    subtitle: plainLine(subtitles[i], 255),
    summary: plainLine(summaries[i], 600) || 'What this episode covers, in a sentence or two.',
  }));
}
