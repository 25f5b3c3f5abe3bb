/**
 * The transcript as HTML: cues grouped back into the script's paragraphs, each cue a
 * <span class="cue" data-start data-end> the player highlights and seeks with, and each
 * paragraph opened by its start time as a `?t=` link (useful without JavaScript too:
 * it is a deep link the player honours).
 *
 * In a dialogue each paragraph is a turn marked with its host (a class per host for its colour),
 * and the host's name opens every paragraph where the speaker changes. The names sit outside the
 * cues, so highlighting and search see only what is said.
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

/** `hosts` (the series' host names, in order) decides each host's colour class in a dialogue. */
export function renderTranscript(cues: readonly Cue[], hosts: readonly string[] = []): Html {
  let previous: string | undefined;
  const paragraphs = groupParagraphs(cues).map((group) => {
    const start = group[0]?.start ?? 0;
    const spans = group.map(
      (cue, i) => html`${i > 0 ? ' ' : ''}<span class="cue" data-start="${seconds(cue.start)}" data-end="${seconds(cue.end)}">${cue.text.trim()}</span>`,
    );
    const stamp = html`<a class="stamp" href="?t=${deepLinkTime(start)}" data-seek="${seconds(start)}"><span class="visually-hidden">Play from </span>${formatClock(Math.floor(start))}</a>`;
    const speaker = group[0]?.speaker;
    if (speaker === undefined) return html`<p>${stamp} ${spans}</p>`;
    const changed = speaker !== previous;
    previous = speaker;
    const host = hosts.indexOf(speaker) + 1;
    const classes = ['turn', ...(host > 0 ? [`host-${host}`] : []), ...(changed ? [] : ['same-speaker'])].join(' ');
    const name = changed ? html`<span class="speaker">${speaker}<span class="visually-hidden">:</span></span> ` : '';
    return html`<p class="${classes}" data-speaker="${speaker}">${name}${stamp} ${spans}</p>`;
  });
  return html`${paragraphs}`;
}
