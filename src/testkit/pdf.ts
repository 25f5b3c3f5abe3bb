/**
 * Test support: writes a small, valid PDF by hand — one page per entry of `pages`, each line
 * set in Helvetica — so PDF reading is tested on real files without a PDF library. The output
 * depends only on the input (no dates, no IDs), so a committed fixture can be checked against it.
 * A page given no lines gets a grey box instead of text, the way a scan has no text layer.
 *
 * @example
 *   const bytes = makePdf({ title: 'Chinchilla', pages: [['70 billion parameters.', '1.4 trillion tokens.']] });
 */

export interface PdfSpec {
  title?: string;
  /** Lines of text per page; a paragraph break is an empty line. */
  pages: string[][];
}

/** PDF string literal: backslash, parentheses escaped; only Latin-1 text is expected here. */
function literal(text: string): string {
  return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

function content(lines: readonly string[]): string {
  if (lines.length === 0) return '0.8 g 72 500 450 250 re f\n';
  const ops = ['BT', '/F1 11 Tf', '14 TL', '72 760 Td'];
  for (const line of lines) ops.push(line === '' ? 'T*' : `${literal(line)} Tj T*`);
  ops.push('ET');
  return `${ops.join('\n')}\n`;
}

export function makePdf(spec: PdfSpec): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) as number;
  const catalog = add('');
  const pagesRef = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const kids: number[] = [];
  for (const lines of spec.pages) {
    const stream = content(lines);
    const streamRef = add(`<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}endstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesRef} 0 R /MediaBox [0 0 612 792] ` +
          `/Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${streamRef} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesRef} 0 R >>`;
  objects[pagesRef - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  const info = spec.title === undefined ? undefined : add(`<< /Title ${literal(spec.title)} /Producer (Ninety tests) >>`);

  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${info ? ` /Info ${info} 0 R` : ''} >>\n`;
  out += `startxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
