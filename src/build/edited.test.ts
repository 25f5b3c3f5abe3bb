import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { editedSinceBuilt } from './edited.js';

describe('guessing whether a series was edited since its last build', () => {
  let dir: string;
  let series: string;
  let manifest: string;
  const at = (seconds: number) => new Date(1_700_000_000_000 + seconds * 1000);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ninety-edited-'));
    series = join(dir, 'series');
    manifest = join(dir, 'out', 'episodes.json');
    await mkdir(join(series, 'episodes'), { recursive: true });
    await mkdir(join(dir, 'out'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  /** Every source file saved at 0 s, the manifest at 10 s. */
  beforeEach(async () => {
    for (const name of ['series.yaml', 'lexicon.yaml', 'episodes/01-a.md', 'episodes/02-b.md', 'episodes/notes.txt']) {
      await writeFile(join(series, name), 'x');
      await utimes(join(series, name), at(0), at(0));
    }
    await writeFile(manifest, '{}');
    await utimes(manifest, at(10), at(10));
  });

  it('says no when every file is older than the manifest', async () => {
    assert.equal(await editedSinceBuilt(series, manifest), false);
  });

  it('says yes when an episode, series.yaml or lexicon.yaml was saved after the manifest', async () => {
    for (const name of ['episodes/02-b.md', 'series.yaml', 'lexicon.yaml']) {
      await utimes(join(series, name), at(20), at(20));
      assert.equal(await editedSinceBuilt(series, manifest), true, name);
      await utimes(join(series, name), at(0), at(0));
    }
  });

  it('ignores files in the episodes folder that are not episodes', async () => {
    await utimes(join(series, 'episodes/notes.txt'), at(20), at(20));
    assert.equal(await editedSinceBuilt(series, manifest), false);
  });

  it('says yes when the series has never been built into the folder', async () => {
    assert.equal(await editedSinceBuilt(series, join(dir, 'out', 'missing.json')), true);
  });
});
