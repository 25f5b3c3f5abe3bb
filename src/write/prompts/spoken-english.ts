/**
 * How a script must read to work for the ear: the rules every script prompt carries. They are the
 * same rules `ninety check` enforces where a rule can be checked (Markdown, digits, addresses,
 * length), so a model that follows them produces a script that passes the first time.
 */
export const SPOKEN_ENGLISH_RULES = [
  'Write for the ear: this script is read aloud by a speech engine, and nobody sees it.',
  'Use short sentences, mostly under twenty words. One thought per sentence.',
  'No Markdown, no headings, no lists, no bullet points, no emphasis, no links or web addresses.',
  'Write every number, unit and symbol as it is said: "fifteen point six trillion", "thirty-eight percent", "twenty twenty-four", "eighty gigabytes". Never use digits, %, $, & or similar symbols.',
  'Open with a hook: a question, a surprising fact or a small scene that makes the listener want the answer.',
  'Make one idea clear, with one concrete example that carries real figures where the sources give them.',
  'Explain every term a listener cannot see in a short clause the first time it appears.',
  'Close with the takeaway: one or two sentences the listener can repeat to a friend.',
  'Separate paragraphs with one blank line. Do not add a title, a greeting, sign-off or stage directions.',
] as const;

/** Rules added when two hosts talk. */
export function dialogueRules(hosts: readonly string[]): string[] {
  const [a, b] = hosts;
  return [
    `Write a conversation between ${hosts.join(' and ')}. Begin every paragraph with the speaker's name and a colon, e.g. "${a}: …" then "${b}: …".`,
    'Alternate speakers; each turn is one to four sentences. Both hosts explain and ask; neither only says "yes" or "wow".',
    'The names are labels: the hosts do not greet each other by name, and no paragraph is without a label.',
  ];
}

export function numbered(rules: readonly string[]): string {
  return rules.map((rule, i) => `${i + 1}. ${rule}`).join('\n');
}
