/**
 * The transcript as HTML: cues grouped back into the script's paragraphs, each cue a
 * <span class="cue" data-start data-end> the player highlights and seeks with, and each
 * paragraph opened by its start time as a `?t=` link (useful without JavaScript too:
 * it is a deep link the player honours).
 */
import type { Cue } from '../model.js';
import { formatClock } from './format.js';
import { html, type Html } from './html.js';

/** Consecutive cues with the same paragraph index, in time order. */
export function groupParagraphs(cues: readonly Cue[]): Cue[][] {
  const sorted = [...cues].sort((a, b) => a.start - b.start);
  const groups: Cue[][] = [];
  let last: number | null = null;
  for (const cue of sorted) {
    const current = groups[groups.length - 1];
    if (current && cue.paragraph === last) current.push(cue);
    else groups.push([cue]);
    last = cue.paragraph;
  }
  return groups;
}

/** Seconds with at most three decimals: enough for highlighting, short in the HTML. */
function seconds(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

function deepLinkTime(value: number): string {
  return formatClock(Math.floor(value));
}

export function renderTranscript(cues: readonly Cue[]): Html {
  const paragraphs = groupParagraphs(cues).map((group) => {
    const start = group[0]?.start ?? 0;
    const spans = group.map(
      (cue, i) => html`${i > 0 ? ' ' : ''}<span class="cue" data-start="${seconds(cue.start)}" data-end="${seconds(cue.end)}">${cue.text.trim()}</span>`,
    );
    return html`<p><a class="stamp" href="?t=${deepLinkTime(start)}" data-seek="${seconds(start)}"><span class="visually-hidden">Play from </span>${formatClock(Math.floor(start))}</a> ${spans}</p>`;
  });
  return html`${paragraphs}`;
}
