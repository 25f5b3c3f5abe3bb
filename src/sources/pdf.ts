/**
 * A PDF's text layer, page by page, with unpdf (pdf.js). Pages become paragraphs separated by
 * blank lines; the wrapped lines inside a page are joined, since a PDF records lines, not
 * paragraphs. A PDF with no text at all is a scan or a picture, which cannot be read here.
 *
 * @example
 *   const { title, text } = await pdfToText(bytes, 'paper.pdf');
 */
import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import type { PlainText } from './markdown.js';
import { SourceError, joinParagraphs } from './source.js';

export async function pdfToText(bytes: Uint8Array, name: string): Promise<PlainText> {
  let pages: string[];
  let title: unknown;
  try {
    // A plain copy: pdf.js refuses Buffers and detaches the array it is given.
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    pages = (await extractText(pdf, { mergePages: false })).text;
    title = (await getMeta(pdf)).info['Title'];
    await pdf.destroy();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SourceError(`${name}: not a readable PDF (${reason}) — check the file, or give its text as .txt`);
  }
  const text = joinParagraphs(pages);
  if (text === '') {
    throw new SourceError(
      `${name}: this PDF has no text layer (a scan or images of pages) — run it through OCR first, or give its text as .txt`,
    );
  }
  return { title: typeof title === 'string' && title.trim() !== '' ? title.trim() : undefined, text };
}
