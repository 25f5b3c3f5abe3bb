import assert from 'node:assert/strict';
import { posix } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { fixtureSeries } from './pages/fixture.js';
import { compactCss, renderLibrary, renderSeriesSite, siteAssets } from './site.js';

describe('renderSeriesSite', () => {
  it('returns the series page and one page per episode under the slug', () => {
    const files = renderSeriesSite(fixtureSeries());
    assert.deepEqual(
      files.map((f) => f.path),
      ['sound-basics/index.html', 'sound-basics/sampling/index.html', 'sound-basics/psychoacoustics/index.html', 'sound-basics/frames/index.html'],
    );
    assert.ok(files.every((f) => typeof f.contents === 'string' && f.contents.startsWith('<!doctype html>')));
  });
});

describe('renderLibrary', () => {
  it('returns the library and the 404 page at the root', () => {
    const files = renderLibrary([]);
    assert.deepEqual(
      files.map((f) => f.path),
      ['index.html', '404.html'],
    );
  });
});

describe('siteAssets', () => {
  it('ships the stylesheet and every browser module, without tests', async () => {
    const files = await siteAssets();
    const paths = files.map((f) => f.path);
    for (const name of ['assets/site.css', 'assets/player.js', 'assets/series-page.js', 'assets/time.js', 'assets/transcript.js']) {
      assert.ok(paths.includes(name), name);
    }
    assert.ok(!paths.some((p) => p.endsWith('.test.js')), 'no test files');
    assert.ok(paths.every((p) => p.startsWith('assets/')));
  });
  it('ships modules whose relative imports all resolve to shipped files', async () => {
    const files = await siteAssets();
    const names = new Set(files.map((f) => f.path));
    for (const file of files.filter((f) => f.path.endsWith('.js'))) {
      for (const m of String(file.contents).matchAll(/from '(\.\.?\/[^']+)'/g)) {
        assert.ok(names.has(posix.join(posix.dirname(file.path), m[1]!)), `${file.path} imports ${m[1]}`);
      }
    }
  });
  it('keeps an episode page (HTML + CSS + JS) under 50 KB gzip', async () => {
    const page = renderSeriesSite(fixtureSeries()).find((f) => f.path === 'sound-basics/psychoacoustics/index.html')!;
    // The series page's script is not loaded by an episode page.
    const assets = (await siteAssets()).filter((f) => f.path !== 'assets/series-page.js');
    const total = [page, ...assets].reduce((sum, f) => sum + gzipSync(f.contents, { level: 9 }).length, 0);
    assert.ok(total <= 50 * 1024, `${total} bytes`);
  });
});

describe('compactCss', () => {
  it('drops comments, indentation and blank lines', () => {
    assert.equal(compactCss('/* why */\n.a {\n  color: red;\n}\n\n/* x\n y */\n.b{}'), '.a {\ncolor: red;\n}\n.b{}');
  });
});
