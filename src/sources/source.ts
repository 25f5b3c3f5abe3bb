/**
 * What a source document becomes once read: its title, where it came from, and its plain text.
 * Everything downstream (passages, ranking, the grounding check) works on this shape only, so
 * Markdown, HTML, PDF and plain text look alike from here on.
 *
 * @example
 *   const source: SourceText = {
 *     title: 'Training compute-optimal models', address: 'notes/chinchilla.md', kind: 'markdown',
 *     text: 'Chinchilla has 70 billion parameters.\n\nIt saw 1.4 trillion tokens.',
 *     sha256: '…', bytes: 812,
 *   };
 */

export type SourceKind = 'markdown' | 'text' | 'html' | 'pdf';

export interface SourceText {
  /** From the document (Markdown heading, HTML title, PDF title), else the file or URL name. */
  title: string;
  /** The URL, or the path as the user gave it. */
  address: string;
  kind: SourceKind;
  /** Plain text, paragraphs separated by blank lines. */
  text: string;
  /** Of the original bytes, so a series can record exactly what it was written from. */
  sha256: string;
  bytes: number;
}

/** A source that cannot be read; the message is one line naming the source and what to do. */
export class SourceError extends Error {
  override name = 'SourceError';
}

/** Whitespace inside a paragraph collapsed, paragraphs separated by one blank line, empty ones dropped. */
export function joinParagraphs(paragraphs: readonly string[]): string {
  return paragraphs
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0)
    .join('\n\n');
}
