import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadSeries } from '../series/load.js';
import { ContentError } from '../series/problems.js';
import { episodeFile, writeTinySeries } from '../testkit/series.js';
import { cachedSeries } from './series-cache.js';

const AI_TRAINING = fileURLToPath(new URL('../../series/ai-training', import.meta.url));

async function entries(cacheRoot: string): Promise<string[]> {
  return (await readdir(cacheRoot).catch(() => [] as string[])).filter((name) => name.startsWith('series-'));
}

describe('cachedSeries', () => {
  it('gives the series exactly as loading it does, the first time and from the cache', async () => {
    const work = await mkdtemp(join(tmpdir(), 'ninety-series-cache-'));
    const seriesDir = join(work, 'series');
    await cp(AI_TRAINING, seriesDir, { recursive: true });
    const cacheRoot = join(work, 'cache');
    const loaded = await loadSeries(seriesDir);
    assert.deepEqual(await cachedSeries(seriesDir, cacheRoot), loaded);
    assert.equal((await entries(cacheRoot)).length, 1, 'kept');
    assert.deepEqual(await cachedSeries(seriesDir, cacheRoot), loaded, 'from the cache');
    await rm(work, { recursive: true, force: true });
  });

  it('loads an edited episode afresh and keeps one entry for the folder', async () => {
    const seriesDir = await writeTinySeries();
    const cacheRoot = join(seriesDir, '..', `${seriesDir.split('/').pop()}-cache`);
    await cachedSeries(seriesDir, cacheRoot);
    const [first] = await entries(cacheRoot);
    await writeFile(join(seriesDir, 'episodes', '02-episode-2.md'), episodeFile(2, { title: 'Episode two, edited' }));
    const edited = await cachedSeries(seriesDir, cacheRoot);
    assert.equal(edited.episodes[1]!.title, 'Episode two, edited');
    const after = await entries(cacheRoot);
    assert.equal(after.length, 1);
    assert.notEqual(after[0], first);
    // A lexicon removed is a change too.
    await rm(join(seriesDir, 'lexicon.yaml'));
    assert.deepEqual((await cachedSeries(seriesDir, cacheRoot)).lexicon, {});
    await rm(seriesDir, { recursive: true, force: true });
    await rm(cacheRoot, { recursive: true, force: true });
  });

  it('never keeps a series with problems, and reports them every time', async () => {
    const seriesDir = await writeTinySeries();
    const cacheRoot = join(seriesDir, 'cache-here');
    await writeFile(join(seriesDir, 'episodes', '03-episode-3.md'), episodeFile(3, { published: 'soon' }));
    for (let attempt = 0; attempt < 2; attempt++) {
      await assert.rejects(cachedSeries(seriesDir, cacheRoot), (error) => error instanceof ContentError && /published/.test(error.message));
    }
    assert.deepEqual(await entries(cacheRoot), []);
    await rm(seriesDir, { recursive: true, force: true });
  });

  it('loads again when an entry is damaged', async () => {
    const seriesDir = await writeTinySeries();
    const cacheRoot = join(seriesDir, 'cache-here');
    const loaded = await cachedSeries(seriesDir, cacheRoot);
    const [entry] = await entries(cacheRoot);
    const text = await readFile(join(cacheRoot, entry!), 'utf8');
    await writeFile(join(cacheRoot, entry!), text.slice(0, text.length / 2));
    assert.deepEqual(await cachedSeries(seriesDir, cacheRoot), loaded);
    assert.equal(await readFile(join(cacheRoot, entry!), 'utf8'), text, 'kept whole again');
    await rm(seriesDir, { recursive: true, force: true });
  });

  it('does not load the YAML parser or the schemas for a series it has kept', async () => {
    const seriesDir = await writeTinySeries();
    const cacheRoot = join(seriesDir, 'cache-here');
    // In a process of its own, with a hook that lists every module resolved.
    const hooks = join(seriesDir, 'hooks.mjs');
    await writeFile(hooks, `export async function resolve(s, c, next) { console.error('resolved ' + s); return next(s, c); }\n`);
    const register = join(seriesDir, 'register.mjs');
    await writeFile(register, `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`);
    const run = () =>
      promisify(execFile)(process.execPath, [
        '--import',
        register,
        '--input-type=module',
        '-e',
        `const { cachedSeries } = await import(${JSON.stringify(new URL('./series-cache.js', import.meta.url).href)});
         const content = await cachedSeries(${JSON.stringify(seriesDir)}, ${JSON.stringify(cacheRoot)});
         console.log(content.episodes.length);`,
      ]);
    const first = await run();
    assert.equal(first.stdout.trim(), '3');
    assert.match(first.stderr, /resolved yaml\n/, 'the first time, the series is parsed');
    const second = await run();
    assert.equal(second.stdout.trim(), '3');
    assert.doesNotMatch(second.stderr, /resolved (yaml|zod)\n/);
    await rm(seriesDir, { recursive: true, force: true });
  });
});
