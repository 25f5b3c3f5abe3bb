import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { makePdf } from '../testkit/pdf.js';
import { CHINCHILLA_PDF } from './fixtures/chinchilla-pdf.js';
import { pdfToText } from './pdf.js';

describe('pdfToText', () => {
  it('the committed fixture is exactly what its script makes', async () => {
    const committed = await readFile(new URL('../../src/sources/fixtures/chinchilla.pdf', import.meta.url));
    assert.deepEqual(new Uint8Array(committed), makePdf(CHINCHILLA_PDF));
  });

  it('joins the wrapped lines of a page and separates pages by a blank line', async () => {
    const pdf = makePdf({ pages: [['The model has 70B', 'parameters.'], ['Second (page).']] });
    assert.deepEqual(await pdfToText(pdf, 'a.pdf'), { title: undefined, text: 'The model has 70B parameters.\n\nSecond (page).' });
  });

  it('skips pages without text between pages with text', async () => {
    const pdf = makePdf({ title: 'Mixed', pages: [['One.'], [], ['Three.']] });
    assert.deepEqual(await pdfToText(pdf, 'a.pdf'), { title: 'Mixed', text: 'One.\n\nThree.' });
  });

  it('names the file when the bytes are not a PDF', async () => {
    await assert.rejects(pdfToText(new TextEncoder().encode('hello'), 'fake.pdf'), { message: /^fake\.pdf: not a readable PDF .* — check the file/ });
  });
});
