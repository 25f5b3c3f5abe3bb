/**
 * The user's documents as a written series keeps them: the provenance lists each source, and its
 * text sits in the series' sources/ folder. Read back as SourceText so passages are cut exactly as
 * they were when the scripts were written.
 *
 * @example
 *   const sources = storedSources(series.provenance?.sources ?? [], (file) => texts.get(file));
 */
import type { Provenance } from '../series/schema.js';
import type { SourceText } from '../sources/source.js';

export function storedSources(listed: Provenance['sources'], textOf: (file: string) => string | undefined): SourceText[] {
  return listed.map((s) => {
    const text = textOf(s.file) ?? '';
    return { title: s.title, address: s.address, kind: 'text', text, sha256: s.sha256, bytes: Buffer.byteLength(text) };
  });
}
