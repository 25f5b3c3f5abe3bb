/**
 * Search in the transcript: every match highlighted with <mark>, a count ("2 of 5"), and
 * Enter / Shift+Enter or the arrow buttons to jump between matches. Matching is
 * case-insensitive within one sentence.
 *
 * @example
 * bindSearch({ input, status, previous, next, cues, onActiveChange: (on) => transcript.setFollowing(!on) });
 */

export interface Match {
  /** Index of the cue (sentence) holding the match. */
  cue: number;
  start: number;
  end: number;
}

export const MIN_QUERY_LENGTH = 2;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every occurrence of `query` in `texts`, in reading order; none for queries under two characters. */
export function findMatches(texts: readonly string[], query: string): Match[] {
  const needle = query.trim().replace(/\s+/g, ' ');
  if (needle.length < MIN_QUERY_LENGTH) return [];
  // Whitespace in the query matches any run of whitespace in the text.
  const pattern = new RegExp(needle.split(' ').map(escapeRegExp).join('\\s+'), 'giu');
  const matches: Match[] = [];
  texts.forEach((text, cue) => {
    for (const m of text.matchAll(pattern)) {
      const start = m.index ?? 0;
      matches.push({ cue, start, end: start + m[0].length });
    }
  });
  return matches;
}

export interface Segment {
  text: string;
  /** Index into the match list, or -1 for plain text. */
  match: number;
}

/** Splits one cue's text into plain and matched pieces for rendering. */
export function segmentsFor(text: string, matches: readonly Match[], cue: number): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  matches.forEach((m, index) => {
    if (m.cue !== cue) return;
    if (m.start > at) segments.push({ text: text.slice(at, m.start), match: -1 });
    segments.push({ text: text.slice(m.start, m.end), match: index });
    at = m.end;
  });
  if (at < text.length) segments.push({ text: text.slice(at), match: -1 });
  return segments;
}

/** Next (1) or previous (-1) match, wrapping around; -1 when there are none. */
export function stepMatch(current: number, count: number, direction: 1 | -1): number {
  if (count <= 0) return -1;
  if (current < 0) return direction === 1 ? 0 : count - 1;
  return (current + direction + count) % count;
}

export function statusText(query: string, active: number, count: number): string {
  if (query.trim().length < MIN_QUERY_LENGTH) return '';
  if (count === 0) return 'No matches';
  return `${active + 1} of ${count}`;
}

export interface SearchOptions {
  input: HTMLInputElement;
  status: HTMLElement;
  previous: HTMLButtonElement;
  next: HTMLButtonElement;
  cues: HTMLElement[];
  /** True while a query is showing matches, so the transcript stops following playback. */
  onActiveChange(active: boolean): void;
  reduceMotion?: boolean;
}

export function bindSearch(options: SearchOptions): { run(query: string): number } {
  const { input, status, previous, next, cues, onActiveChange } = options;
  const texts = cues.map((c) => c.textContent ?? '');
  let matches: Match[] = [];
  let marks: HTMLElement[] = [];
  let active = -1;
  let touched = new Set<number>();

  function render(): void {
    for (const index of touched) {
      const cue = cues[index];
      if (cue) cue.textContent = texts[index] ?? '';
    }
    touched = new Set(matches.map((m) => m.cue));
    marks = [];
    for (const index of touched) {
      const cue = cues[index];
      if (!cue) continue;
      const doc = cue.ownerDocument;
      cue.textContent = '';
      for (const seg of segmentsFor(texts[index] ?? '', matches, index)) {
        if (seg.match < 0) {
          cue.append(doc.createTextNode(seg.text));
        } else {
          const mark = doc.createElement('mark');
          mark.textContent = seg.text;
          marks[seg.match] = mark;
          cue.append(mark);
        }
      }
    }
  }

  function show(index: number): void {
    marks[active]?.classList.remove('is-active');
    active = index;
    const mark = marks[active];
    if (mark) {
      mark.classList.add('is-active');
      mark.scrollIntoView({ block: 'center', behavior: options.reduceMotion ? 'auto' : 'smooth' });
    }
    status.textContent = statusText(input.value, active, matches.length);
    previous.disabled = next.disabled = matches.length < 2;
  }

  function run(query: string): number {
    matches = findMatches(texts, query);
    render();
    active = -1;
    show(matches.length > 0 ? 0 : -1);
    onActiveChange(query.trim().length >= MIN_QUERY_LENGTH);
    return matches.length;
  }

  input.addEventListener('input', () => run(input.value));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      show(stepMatch(active, matches.length, event.shiftKey ? -1 : 1));
    } else if (event.key === 'Escape' && input.value !== '') {
      event.preventDefault();
      input.value = '';
      run('');
    }
  });
  previous.addEventListener('click', () => show(stepMatch(active, matches.length, -1)));
  next.addEventListener('click', () => show(stepMatch(active, matches.length, 1)));
  previous.disabled = next.disabled = true;
  return { run };
}
