/**
 * The figure modules run in the browser as they are compiled (assets/figures/), so they may
 * import only each other: no Node built-ins, no packages, no code from elsewhere in src/.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';

const HERE = new URL('./', import.meta.url);

describe('figure modules', () => {
  it('import only modules of their own folder, so they run in the browser unchanged', async () => {
    const names = (await readdir(HERE)).filter((n) => n.endsWith('.js') && !n.endsWith('.test.js'));
    assert.ok(names.includes('svg.js') && names.includes('compute-optimal.js'));
    for (const name of names) {
      const code = await readFile(new URL(name, HERE), 'utf8');
      for (const [, specifier] of code.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        assert.match(specifier!, /^\.\/[a-z0-9-]+\.js$/, `${name} imports ${specifier}`);
      }
    }
  });
});
