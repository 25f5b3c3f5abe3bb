/**
 * The prompt that asks for a series outline: N episodes in learning order, none covering another's
 * ground. Pure: data in, chat messages out.
 *
 * @example
 *   outlineMessages({ topic: 'sourdough baking', episodes: 8, seconds: 90 })
 */
import type { ChatMessage } from '../model/model.js';

export interface OutlineInput {
  topic: string;
  episodes: number;
  seconds: number;
  audience?: string;
  /** Titles of the user's sources, so the outline covers what they cover. */
  sourceTitles?: readonly string[];
  /** A few passages most relevant to the topic as a whole. */
  passages?: readonly string[];
}

export function outlineMessages(input: OutlineInput): ChatMessage[] {
  const minutes = Math.round((input.seconds / 60) * 10) / 10;
  const system = [
    'You plan short audio series. Each episode is a narrated overview of about',
    `${input.seconds} seconds (${minutes} minutes), explaining one idea with one concrete example.`,
    'You answer with one JSON object and nothing else.',
  ].join(' ');
  const lines = [
    `Plan a series of exactly ${input.episodes} episodes on this topic: ${input.topic}`,
    input.audience ? `The listeners: ${input.audience}.` : 'The listeners: curious people new to the topic.',
    '',
    'Rules:',
    '- Put the episodes in learning order: each builds on the ones before it, from foundations to advanced.',
    '- No two episodes cover the same ground. Each has one idea small enough for its length.',
    '- Titles are a few plain words; subtitles complete them; each summary is one sentence saying what the listener will understand.',
    '- The series title is short; the description says in two or three sentences what the series covers and for whom.',
  ];
  if (input.sourceTitles?.length) {
    lines.push('', 'Ground the series in these sources, which the scripts will quote:', ...input.sourceTitles.map((t) => `- ${t}`));
  }
  if (input.passages?.length) {
    lines.push('', 'Passages from the sources:', ...input.passages.map((p, i) => `[${i + 1}] ${p}`));
  }
  return [
    { role: 'system', content: system },
    { role: 'user', content: lines.join('\n') },
  ];
}
