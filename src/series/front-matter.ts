/**
 * An episode file's two parts: the YAML front matter between two `---` lines, and the script
 * after them. Lines are kept as they are (a Windows line ending stays on its line), so positions
 * in the front matter are positions in the file.
 *
 * @example
 *   splitEpisode('---\ntitle: Hi\n---\nHello.\n')
 *   // { kind: 'split', yaml: 'title: Hi', yamlLine: 2, script: 'Hello.', scriptLine: 4 }
 */

export type EpisodeParts =
  | { kind: 'split'; yaml: string; yamlLine: number; script: string; scriptLine: number }
  | { kind: 'empty-file' | 'no-front-matter' | 'unclosed-front-matter' };

const FENCE = /^---[ \t]*\r?$/;

/** `text` without a byte-order mark. The script comes back trimmed, with plain line endings. */
export function splitEpisode(text: string): EpisodeParts {
  if (text.trim() === '') return { kind: 'empty-file' };
  const lines = text.split('\n');
  if (!FENCE.test(lines[0]!)) return { kind: 'no-front-matter' };
  const close = lines.findIndex((line, i) => i > 0 && FENCE.test(line));
  if (close < 0) return { kind: 'unclosed-front-matter' };
  return {
    kind: 'split',
    yaml: lines.slice(1, close).join('\n'),
    yamlLine: 2,
    script: lines.slice(close + 1).join('\n').replace(/\r\n/g, '\n').trim(),
    // The line after the closing fence, where a writer would start the script.
    scriptLine: Math.min(close + 2, lines.length),
  };
}
