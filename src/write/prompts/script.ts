/**
 * The prompt that asks for one episode's script, and the message that sends a failed script back.
 * Each call sees the whole outline and its neighbours' summaries (so episodes do not repeat each
 * other), the spoken-English rules, a word target from the voice's measured pace, and the source
 * passages chosen for this episode, numbered so the answer can cite them.
 *
 * @example
 *   scriptMessages({ series, outline, index: 2, words: 230, passages: [] })
 */
import type { ChatMessage } from '../model/model.js';
import { dialogueRules, numbered, SPOKEN_ENGLISH_RULES } from './spoken-english.js';

export interface ScriptInput {
  series: { title: string; description: string; audience?: string };
  outline: readonly { title: string; subtitle?: string; summary: string }[];
  /** The episode to write, an index into `outline`. */
  index: number;
  /** How many spoken words fill the target length at the voice's pace. */
  words: number;
  seconds: number;
  /** Host names for a dialogue; absent for one narrator. */
  hosts?: readonly string[];
  /** Passages for this episode, cited by their number (1-based). */
  passages: readonly { number: number; title: string; text: string }[];
  /** For a rewrite: the script as it stands and what the user wants changed. */
  rewrite?: { script: string; note?: string };
}

export function scriptMessages(input: ScriptInput): ChatMessage[] {
  const episode = input.outline[input.index]!;
  const rules = [...SPOKEN_ENGLISH_RULES, ...(input.hosts ? dialogueRules(input.hosts) : [])];
  const system = [
    `You write scripts for "${input.series.title}", a series of narrated audio overviews. ${input.series.description}`,
    input.series.audience ? `The listeners: ${input.series.audience}.` : '',
    'You answer with one JSON object and nothing else.',
    '',
    'Rules for every script:',
    numbered(rules),
  ]
    .filter((line, i) => line !== '' || i > 0)
    .join('\n');

  const outline = input.outline
    .map((e, i) => `${i + 1}. ${e.title}${e.subtitle ? ` — ${e.subtitle}` : ''}: ${e.summary}${i === input.index ? '   <- this episode' : ''}`)
    .join('\n');
  const before = input.outline[input.index - 1];
  const after = input.outline[input.index + 1];
  const lines = [
    `Write episode ${input.index + 1}: "${episode.title}"${episode.subtitle ? ` (${episode.subtitle})` : ''}.`,
    `What the listener should understand: ${episode.summary}`,
    `Length: about ${input.words} spoken words, which is ${input.seconds} seconds at the voice's pace. Stay within ten percent.`,
    '',
    'The whole series, so this episode does not repeat the others:',
    outline,
  ];
  if (before) lines.push('', `The episode before covered: ${before.summary} Do not explain that again; refer to it in a clause if needed.`);
  if (after) lines.push('', `The episode after will cover: ${after.summary} Leave that for it.`);
  if (input.passages.length > 0) {
    lines.push(
      '',
      'Source passages. Every figure, name and date in the script must come from these passages; cite the numbers of those you used. Do not add facts they do not contain.',
      ...input.passages.map((p) => `[${p.number}] (${p.title}) ${p.text}`),
    );
  } else {
    lines.push(
      '',
      'No sources were given. State only well-established facts, and in "reading" list up to three real works (author, title, year) a listener could read next; leave "citations" empty.',
    );
  }
  if (input.rewrite) {
    lines.push('', 'The script as it stands, to be rewritten:', input.rewrite.script);
    lines.push('', input.rewrite.note ? `What to change: ${input.rewrite.note}` : 'Write a clearer, fresher version of it.');
  }
  return [
    { role: 'system', content: system },
    { role: 'user', content: lines.join('\n') },
  ];
}

/** Sends an answer back with what is wrong with it; the model answers again in full. */
export function repairMessages(messages: readonly ChatMessage[], answer: string, findings: readonly string[]): ChatMessage[] {
  return [
    ...messages,
    { role: 'assistant', content: answer },
    {
      role: 'user',
      content: [
        'That script needs another pass. Fix each of these and answer again with the whole JSON object:',
        ...findings.map((f) => `- ${f}`),
      ].join('\n'),
    },
  ];
}
