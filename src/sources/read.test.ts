import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSource, readSources } from './read.js';
import { SourceError } from './source.js';

const FIXTURES = fileURLToPath(new URL('../../src/sources/fixtures/', import.meta.url));

describe('readSource on files', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ninety-sources-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('reads the Markdown fixture: heading as title, syntax stripped, hash of the bytes', async () => {
    const source = await readSource('chinchilla.md', { cwd: FIXTURES });
    const bytes = await readFile(join(FIXTURES, 'chinchilla.md'));
    assert.equal(source.kind, 'markdown');
    assert.equal(source.title, 'Notes on the Chinchilla scaling law');
    assert.equal(source.address, 'chinchilla.md');
    assert.equal(source.bytes, bytes.byteLength);
    assert.equal(source.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.match(source.text, /The optimum works out to about 20 tokens per parameter\./);
    assert.doesNotMatch(source.text, /\*\*|\]\(|^#|^tags:/m);
  });

  it('reads the HTML fixture: the article, not the navigation or footer', async () => {
    const source = await readSource(join(FIXTURES, 'chinchilla.html'));
    assert.equal(source.kind, 'html');
    assert.equal(source.title, 'Chinchilla and compute-optimal training');
    assert.match(source.text, /a model of 70 billion parameters, on 1\.4 trillion tokens/);
    assert.doesNotMatch(source.text, /newsletter|All rights reserved|Related posts|analytics/);
  });

  it('reads the PDF fixture: its metadata title and each page as a paragraph', async () => {
    const source = await readSource('chinchilla.pdf', { cwd: FIXTURES });
    assert.equal(source.kind, 'pdf');
    assert.equal(source.title, 'Training Compute-Optimal Large Language Models (summary)');
    const pages = source.text.split('\n\n');
    assert.equal(pages.length, 2);
    assert.match(pages[0]!, /Chinchilla has 70B parameters and was trained on 1\.4T tokens/);
    assert.match(pages[1]!, /presented at NeurIPS 2022\.$/);
  });

  it('reads plain text as it is, with the file name as title', async () => {
    await writeFile(join(dir, 'talk notes.txt'), '\uFEFFFirst line\r\nsame paragraph.\r\n\r\n\r\nSecond # not a heading.\n');
    const source = await readSource('talk notes.txt', { cwd: dir });
    assert.equal(source.kind, 'text');
    assert.equal(source.title, 'talk notes');
    assert.equal(source.text, 'First line same paragraph.\n\nSecond # not a heading.');
  });

  it('sniffs a file without an extension', async () => {
    await writeFile(join(dir, 'page'), '<!DOCTYPE html><html><head><title>Sniffed</title></head><body><p>Body text here.</p></body></html>');
    await writeFile(join(dir, 'paper'), await readFile(join(FIXTURES, 'chinchilla.pdf')));
    await writeFile(join(dir, 'README'), 'Just words.');
    assert.equal((await readSource('page', { cwd: dir })).kind, 'html');
    assert.equal((await readSource('paper', { cwd: dir })).kind, 'pdf');
    assert.equal((await readSource('README', { cwd: dir })).kind, 'text');
  });

  it('refuses an unknown type, naming the file and the types accepted', async () => {
    await writeFile(join(dir, 'slides.docx'), 'PK');
    await assert.rejects(readSource('slides.docx', { cwd: dir }), (error: Error) => {
      assert.ok(error instanceof SourceError);
      assert.equal(error.message, 'slides.docx: .docx files cannot be read — give .md, .markdown, .txt, .html, .htm or .pdf files');
      return true;
    });
  });

  it('says a missing file is missing and a locked one is not readable', async () => {
    await assert.rejects(readSource('gone.md', { cwd: dir }), { name: 'SourceError', message: 'gone.md: file not found — check the path' });
    const locked = async (path: string): Promise<Uint8Array> => {
      throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
    };
    await assert.rejects(readSource('secret.md', { cwd: dir, readFile: locked }), {
      name: 'SourceError',
      message: /^secret\.md: permission denied — make the file readable/,
    });
    await assert.rejects(readSource('.', { cwd: dir }), { message: /^\.: is a folder/ });
  });

  it('refuses text that is not UTF-8 and documents with no text', async () => {
    await writeFile(join(dir, 'latin.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    await writeFile(join(dir, 'empty.md'), '# \n\n---\n');
    await assert.rejects(readSource('latin.txt', { cwd: dir }), { message: 'latin.txt: not utf-8 text — save it as UTF-8 and try again' });
    await assert.rejects(readSource('empty.md', { cwd: dir }), { message: /^empty\.md: has no text to read/ });
  });

  it('refuses a PDF without a text layer, saying so', async () => {
    const { makePdf } = await import('../testkit/pdf.js');
    await writeFile(join(dir, 'scan.pdf'), makePdf({ title: 'Scanned', pages: [[], []] }));
    await assert.rejects(readSource('scan.pdf', { cwd: dir }), { message: /^scan\.pdf: this PDF has no text layer .*OCR/ });
  });

  it('refuses addresses other than http and https', async () => {
    await assert.rejects(readSource('ftp://example.org/paper.pdf'), { message: /^ftp:\/\/example\.org\/paper\.pdf: only http and https/ });
  });
});

describe('readSources', () => {
  it('reads every source in order', async () => {
    const sources = await readSources(['chinchilla.md', 'chinchilla.html', 'chinchilla.pdf'], { cwd: FIXTURES });
    assert.deepEqual(sources.map((s) => s.kind), ['markdown', 'html', 'pdf']);
  });

  it('reports every failure together, one per line', async () => {
    await assert.rejects(readSources(['one.md', 'chinchilla.md', 'two.pdf', 'x.doc'], { cwd: FIXTURES }), (error: Error) => {
      assert.ok(error instanceof SourceError);
      assert.deepEqual(error.message.split('\n'), [
        'one.md: file not found — check the path',
        'two.pdf: file not found — check the path',
        'x.doc: .doc files cannot be read — give .md, .markdown, .txt, .html, .htm or .pdf files',
      ]);
      return true;
    });
  });
});
