/**
 * Dialogue scripts. When a series lists hosts, every paragraph of a script opens with the name of
 * the host who says it and a colon; the label says who speaks and is neither spoken nor shown as
 * transcript text.
 *
 * @example
 *   const hosts = [{ name: 'Ada' }, { name: 'Ben' }];
 *   dialogueSentences('Ada: Hello. Nice day.\n\nBen: It is.', hosts);
 *   // [{ text: 'Hello.', paragraph: 0, speaker: 0 }, { text: 'Nice day.', paragraph: 0, speaker: 0 },
 *   //  { text: 'It is.', paragraph: 1, speaker: 1 }]
 */
import { error, type Problem } from './problems.js';
import { scriptSentences, splitParagraphs, splitSentences, type ScriptSentence } from './text.js';

/** One to three words, starting with a letter; no colon, so a label ends at the first one. */
const NAME = String.raw`\p{L}[\p{L}\p{M}\p{Nd}'’.\-]*(?: [\p{L}\p{M}\p{Nd}'’.\-]+){0,2}`;
export const HOST_NAME = new RegExp(`^${NAME}$`, 'u');
const LABEL = new RegExp(`^(${NAME}):(?=\\s|$)`, 'u');

export interface Named {
  name: string;
}

/** The label a paragraph opens with (`Ada: …`), if any, and the text after it. */
export function splitLabel(paragraph: string): { label?: string; text: string } {
  const match = LABEL.exec(paragraph);
  if (!match) return { text: paragraph };
  return { label: match[1]!, text: paragraph.slice(match[0].length).trim() };
}

export interface SpeakerSentence extends ScriptSentence {
  /** Index into the series' hosts of who says the sentence; absent when the series has one voice. */
  speaker?: number;
}

/**
 * Every sentence of a script with its paragraph and, when the series has hosts, its speaker.
 * Without hosts this is `scriptSentences` exactly. The script must be valid (see dialogueProblems).
 */
export function dialogueSentences(script: string, hosts?: readonly Named[]): SpeakerSentence[] {
  if (!hosts) return scriptSentences(script);
  return splitParagraphs(script).flatMap((p, paragraph) => {
    const { label, text } = splitLabel(p);
    const speaker = hosts.findIndex((h) => h.name === label);
    if (speaker < 0) throw new Error(`paragraph ${paragraph + 1} does not begin with the name of a host`);
    return splitSentences(text).map((sentence) => ({ text: sentence, paragraph, speaker }));
  });
}

/** The script as a listener reads it: without the speaker labels when the series has hosts. */
export function scriptText(script: string, hosts?: readonly Named[]): string {
  if (!hosts) return script;
  return splitParagraphs(script)
    .map((p) => splitLabel(p).text)
    .join('\n\n');
}

/** Line of each paragraph's first character, counted from 0 at the script's first line. */
export function paragraphLines(script: string): number[] {
  const separator = /\r?\n[ \t]*\r?\n/g;
  const pieces: { at: number; text: string }[] = [];
  let start = 0;
  for (const match of script.matchAll(separator)) {
    pieces.push({ at: start, text: script.slice(start, match.index) });
    start = match.index + match[0].length;
  }
  pieces.push({ at: start, text: script.slice(start) });
  return pieces
    .filter((piece) => piece.text.trim() !== '')
    .map((piece) => {
      const first = piece.at + piece.text.length - piece.text.trimStart().length;
      return script.slice(0, first).split('\n').length - 1;
    });
}

/** Line in the episode file where the script begins (the script is the body after the front matter). */
export function scriptFirstLine(fileText: string, script: string): number {
  const at = fileText.indexOf(script);
  return at < 0 ? 1 : fileText.slice(0, at).split('\n').length;
}

const quoted = (names: readonly string[], conjunction = 'or') => names.map((n) => `"${n}:"`).join(` ${conjunction} `);
const listed = (names: readonly string[], conjunction = 'and') =>
  names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} ${conjunction} ${names.at(-1)}`;

/**
 * What is wrong with a script as a dialogue (or as a monologue that reads like one): each problem
 * names the file, the line of the paragraph and what to do.
 */
export function dialogueProblems(
  episode: { script: string; file: string },
  hosts: readonly Named[] | undefined,
  fileText: string,
): Problem[] {
  const firstLine = scriptFirstLine(fileText, episode.script);
  const lines = paragraphLines(episode.script);
  const paragraphs = splitParagraphs(episode.script).map((p, i) => ({ ...splitLabel(p), line: firstLine + (lines[i] ?? 0) }));
  const at = (line: number, message: string) => error(episode.file, message, { line, field: 'script' });
  const first = paragraphs[0];
  if (!first) return [];

  if (!hosts) {
    const labels = [...new Set(paragraphs.map((p) => p.label))];
    if (paragraphs.length < 2 || labels.includes(undefined) || labels.length < 2) return [];
    return [
      at(
        first.line,
        `this script is a dialogue (its paragraphs begin with ${quoted(labels as string[], 'and')}) but series.yaml lists no hosts: ` +
          'add hosts to series.yaml (a name and a voice for each), or take the labels out',
      ),
    ];
  }

  const names = hosts.map((h) => h.name);
  const isHost = (label: string | undefined) => label !== undefined && names.includes(label);
  if (!paragraphs.some((p) => isHost(p.label))) {
    return [
      at(
        first.line,
        `series.yaml lists hosts (${listed(names)}) but this script has no speaker labels: begin each paragraph with ` +
          `the name of the host who says it and a colon, e.g. "${names[0]}: …"`,
      ),
    ];
  }
  const problems: Problem[] = [];
  for (const p of paragraphs) {
    if (p.label === undefined) {
      problems.push(
        at(p.line, `this paragraph has no speaker label, unlike the others: begin it with ${quoted(names)} to say who speaks`),
      );
    } else if (!isHost(p.label)) {
      const near = names.find((n) => n.toLowerCase() === p.label!.toLowerCase());
      problems.push(
        at(
          p.line,
          near
            ? `"${p.label}:" names no host: write it as in series.yaml, "${near}:"`
            : `"${p.label}:" names no host: begin the paragraph with ${quoted(names)}, or add ${p.label} to the hosts in series.yaml`,
        ),
      );
    } else if (p.text === '') {
      problems.push(at(p.line, `nothing follows "${p.label}:": write what ${p.label} says, or remove the paragraph`));
    }
  }
  const speakers = new Set(paragraphs.filter((p) => isHost(p.label)).map((p) => p.label!));
  if (problems.length === 0 && speakers.size < 2) {
    const [only] = speakers;
    const others = names.filter((n) => n !== only);
    problems.push(
      at(
        first.line,
        `only ${only} speaks in this dialogue: give ${listed(others, 'or')} a turn too (a paragraph beginning ` +
          `${quoted(others)})`,
      ),
    );
  }
  return problems;
}
