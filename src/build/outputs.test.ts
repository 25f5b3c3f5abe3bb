import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { writeOutputs } from './outputs.js';

/** The stages of a build of series `s` that wrote `paths` (relative to the series folder). */
function stages(paths: string[], contents = 'v1') {
  const files = paths.map((path) => ({ path: `s/${path}`, contents: `${path} ${contents}` }));
  return {
    media: files.filter((f) => !f.path.endsWith('.html')),
    pages: files.filter((f) => f.path.endsWith('.html')),
    manifest: {
      path: 's/episodes.json',
      contents: JSON.stringify({ series: { slug: 's' }, episodes: [], files: [...paths, 'episodes.json'] }),
    },
  };
}

describe('writing a series into its output folder', () => {
  let out: string;
  before(async () => {
    out = await mkdtemp(join(tmpdir(), 'ninety-outputs-'));
  });
  after(() => rm(out, { recursive: true, force: true }));

  it('writes media, then pages, then the manifest last', async () => {
    const journal: string[] = [];
    await writeOutputs(out, 's', stages(['one/index.html', 'audio/one.mp3', 'feed.html']), (path) => journal.push(path.slice(out.length + 1)));
    // The files of one stage are written together, in any order.
    assert.deepEqual([journal[0], journal.slice(1, 3).sort(), journal[3]], ['s/audio/one.mp3', ['s/feed.html', 's/one/index.html'], 's/episodes.json']);
  });

  it('removes what the previous build recorded and this one did not write, and nothing else', async () => {
    await writeOutputs(out, 's', stages(['one/index.html', 'two/index.html', 'audio/one.mp3', 'audio/two.mp3', 'old.txt']));
    await writeFile(join(out, 's', 'audio', 'mine.mp3'), 'a file of the user');
    await mkdir(join(out, 's', 'two', 'extras'), { recursive: true });
    await writeFile(join(out, 's', 'two', 'extras', 'slides.pdf'), 'mine too');
    await mkdir(join(out, 's', 'three'));
    await writeFile(join(out, 's', 'three', 'index.html'), 'never recorded');
    await writeOutputs(out, 's', stages(['one/index.html', 'audio/one.mp3'], 'v2'));
    const left = await readdir(join(out, 's'), { recursive: true });
    assert.deepEqual(left.sort(), [
      'audio',
      'audio/mine.mp3',
      'audio/one.mp3',
      'episodes.json',
      'one',
      'one/index.html',
      'three',
      'three/index.html',
      'two',
      'two/extras',
      'two/extras/slides.pdf',
    ]);
    assert.equal(await readFile(join(out, 's', 'one', 'index.html'), 'utf8'), 'one/index.html v2');
  });

  it("removes a removed episode's page folder once it is empty", async () => {
    await writeOutputs(out, 's', stages(['one/index.html', 'four/index.html', 'four/card.png']));
    await writeOutputs(out, 's', stages(['one/index.html']));
    await assert.rejects(stat(join(out, 's', 'four')), /ENOENT/);
    assert.ok((await stat(join(out, 's', 'one', 'index.html'))).isFile());
  });

  it('goes on when a recorded file was already deleted by hand', async () => {
    await writeOutputs(out, 's', stages(['one/index.html', 'five/index.html']));
    await rm(join(out, 's', 'five', 'index.html'));
    await writeOutputs(out, 's', stages(['one/index.html']));
    await assert.rejects(stat(join(out, 's', 'five')), /ENOENT/);
  });

  it('removes nothing when there is no previous manifest, or it cannot be read', async () => {
    const fresh = join(out, 'fresh');
    await mkdir(join(fresh, 's'), { recursive: true });
    await writeFile(join(fresh, 's', 'keep.txt'), 'here before any build');
    await writeOutputs(fresh, 's', stages(['a.txt']));
    await writeFile(join(fresh, 's', 'episodes.json'), '{"series":');
    await writeOutputs(fresh, 's', stages(['b.txt']));
    assert.deepEqual((await readdir(join(fresh, 's'))).sort(), ['a.txt', 'b.txt', 'episodes.json', 'keep.txt']);
  });
});
