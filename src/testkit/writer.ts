/**
 * Test support: a stand-in for a language model behind the loopback model server. It reads the
 * prompts as a model would (the series to plan, the episode to write, its word target, its source
 * passages) and answers with valid outlines and scripts of the asked length in spoken English —
 * or, on request, with a script too long, a figure its sources do not contain, or any server reply
 * (an error, a refusal) — so the pipeline is tested end to end over real HTTP.
 *
 * @example
 *   const server = await startModelServer({ respond: writerReplies({ behaviour: (n) => (n === 2 ? 'invent' : 'good') }) });
 */
import { spokenForm } from '../speech/normalise.js';
import type { ModelRequest, Reply } from '../write/model/server.js';

export type Behaviour = 'good' | 'long' | 'invent' | Reply;

export interface WriterOptions {
  /** What to answer for episode `number` on attempt 1 (first ask) or 2 (sent back); default 'good'. */
  behaviour?: (number: number, attempt: 1 | 2) => Behaviour;
  /** What to answer for the outline; default a good one. */
  outline?: (attempt: number) => Reply | 'good';
  /** Jargon every script uses, and whether the answer proposes how to say it. */
  jargon?: { term: string; say: string; propose: boolean }[];
}

const FILLER = [
  'Picture a small kitchen on a busy morning.',
  'Each step takes a moment, and each one matters.',
  'The trick is to watch what changes and what stays the same.',
  'Most people miss this part the first time.',
  'Once you see it, the rest falls into place.',
  'That is why the careful cook tastes as she goes.',
];

export function writerReplies(options: WriterOptions = {}): (request: ModelRequest) => Reply {
  let outlines = 0;
  return (request) => {
    const system = request.messages.find((m) => m.role === 'system')?.content ?? '';
    const user = request.messages.filter((m) => m.role === 'user').map((m) => m.content);
    if (system.includes('You plan short audio series')) {
      outlines++;
      const chosen = options.outline?.(outlines) ?? 'good';
      return chosen === 'good' ? { json: outline(user[0] ?? '') } : chosen;
    }
    const number = Number(/Write episode (\d+)/.exec(user[0] ?? '')?.[1] ?? 1);
    const attempt = user.length > 1 ? 2 : 1;
    const chosen = options.behaviour?.(number, attempt) ?? 'good';
    if (typeof chosen === 'object') return chosen;
    return { json: script(request, number, chosen, options.jargon ?? []) };
  };
}

function outline(prompt: string) {
  const count = Number(/exactly (\d+) episodes/.exec(prompt)?.[1] ?? 3);
  const topic = /on this topic: (.+)/.exec(prompt)?.[1]?.trim() ?? 'the topic';
  const names = ['Foundations', 'Ingredients', 'Timing', 'Temperature', 'Shaping', 'Scoring', 'Baking', 'Cooling', 'Storing', 'Troubleshooting', 'Variations', 'Scaling up'];
  return {
    title: `A Short Course in ${topic.replace(/\b\w/g, (c) => c.toUpperCase())}`,
    description: `A short series on ${topic}, one idea per episode, for curious beginners.`,
    episodes: Array.from({ length: count }, (_, i) => ({
      title: `${names[i % names.length]}${i >= names.length ? ` part ${Math.floor(i / names.length) + 1}` : ''}`,
      subtitle: `step ${i + 1} of ${count}`,
      summary: `What ${names[i % names.length]!.toLowerCase()} means for ${topic}, with one worked example.`,
    })),
  };
}

function script(request: ModelRequest, number: number, behaviour: 'good' | 'long' | 'invent', jargon: NonNullable<WriterOptions['jargon']>) {
  const prompt = request.messages.find((m) => m.role === 'user')?.content ?? '';
  const target = Number(/about (\d+) spoken words/.exec(prompt)?.[1] ?? 200);
  const hosts = /conversation between (\S+) and (\S+?)\./.exec(request.messages[0]?.content ?? '');
  const passages = [...prompt.matchAll(/^\[(\d+)\] \([^)]*\) (.+)$/gm)].map((m) => ({ number: Number(m[1]), text: m[2]! }));
  // A figure the passages state, said as it is spoken: "70 billion" → "seventy billion".
  const figure = passages
    .flatMap((p) => p.text.split(/(?<=[.!?])\s+/).map((s) => ({ number: p.number, sentence: s })))
    .find((s) => /\d/.test(s.sentence) && s.sentence.length < 200);
  const sentences = [`Why does episode ${spokenForm(String(number), {}, 'en')} matter?`];
  if (figure) sentences.push(spokenForm(figure.sentence, {}, 'en'));
  if (behaviour === 'invent') sentences.push('It took two point one trillion tokens and four hundred and twelve days.');
  for (const { term } of jargon) sentences.push(`Bakers call this step ${term}.`);
  const words = (list: string[]) => list.join(' ').split(/\s+/).length;
  const goal = behaviour === 'long' ? target * 2 : target;
  for (let i = 0; words(sentences) < goal - 8; i++) sentences.push(FILLER[i % FILLER.length]!);
  sentences.push('So remember this one idea, and the rest will follow.');
  const paragraphs: string[] = [];
  for (let i = 0; i < sentences.length; i += 4) paragraphs.push(sentences.slice(i, i + 4).join(' '));
  const text = hosts ? paragraphs.map((p, i) => `${hosts[1 + (i % 2)]}: ${p}`) : paragraphs;
  return {
    script: text.join('\n\n'),
    notes: `Episode ${number} explains one idea with one example.${figure ? ' Its figure comes from the first source.' : ''}`,
    citations: figure ? [{ source: figure.number }] : [],
    reading: passages.length ? [] : [{ title: 'Harold McGee, On Food and Cooking (2004)', url: 'https://example.com/on-food-and-cooking' }],
    terms: jargon.filter((j) => j.propose).map(({ term, say }) => ({ term, say })),
  };
}
