import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Series } from '../series/schema.js';
import { coverSvg, layoutTitle, measureText, paletteFor, renderArtwork, renderFavicon } from './artwork.js';

const series = { slug: 'ai-training', title: 'AI Training', targetSeconds: 90 } as Series;

interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
}

function readIhdr(contents: string | Uint8Array): PngInfo {
  assert.ok(contents instanceof Uint8Array, 'PNG contents are bytes');
  const png = Buffer.from(contents);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(png.toString('ascii', 12, 16), 'IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bitDepth: png[24]!, colourType: png[25]! };
}

describe('renderArtwork', async () => {
  const { files, refs } = await renderArtwork(series);
  const byPath = new Map(files.map((file) => [file.path, file.contents]));

  it('names the covers with one content hash, refs relative to the series folder', () => {
    assert.match(refs.feed, /^artwork\/cover-[0-9a-f]{10}-3000\.png$/);
    const hash = refs.feed.slice('artwork/cover-'.length, -'-3000.png'.length);
    assert.equal(refs.page, `artwork/cover-${hash}-600.png`);
    assert.equal(refs.thumb, `artwork/cover-${hash}-160.png`);
    for (const ref of [refs.feed, refs.page, refs.thumb]) assert.ok(byPath.has(`ai-training/${ref}`), ref);
  });

  it('renders square 8-bit RGB PNGs at 3000, 600 and 160 px', () => {
    for (const [ref, size] of [
      [refs.feed, 3000],
      [refs.page, 600],
      [refs.thumb, 160],
    ] as const) {
      assert.deepEqual(readIhdr(byPath.get(`ai-training/${ref}`)!), {
        width: size,
        height: size,
        bitDepth: 8,
        colourType: 2,
      });
    }
  });

  it('keeps the feed artwork small enough for podcast apps', () => {
    const bytes = byPath.get(`ai-training/${refs.feed}`)!.length;
    assert.ok(bytes < 512 * 1024, `3000 px cover is ${bytes} bytes`);
  });

  it('includes the favicon as SVG and a 32 px PNG under assets/', () => {
    const svg = byPath.get('assets/favicon.svg');
    assert.equal(typeof svg, 'string');
    assert.match(svg as string, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox="0 0 72 72"/);
    const png = readIhdr(byPath.get('assets/favicon-32.png')!);
    assert.equal(png.width, 32);
    assert.equal(png.height, 32);
    assert.ok(png.colourType === 2 || png.colourType === 6, `colour type ${png.colourType}`);
  });

  it('gives the same bytes for the same series', async () => {
    const again = await renderArtwork(series);
    assert.deepEqual(again.refs, refs);
    for (const file of again.files) assert.deepEqual(file.contents, byPath.get(file.path), file.path);
  });

  it('changes the hash in the file names when the title changes', async () => {
    const renamed = await renderArtwork({ ...series, title: 'AI Training, revised' });
    assert.notEqual(renamed.refs.feed, refs.feed);
    assert.notEqual(renamed.refs.thumb, refs.thumb);
  });
});

describe('renderFavicon', () => {
  it('does not depend on the series', async () => {
    assert.deepEqual(renderFavicon(), (await renderArtwork({ ...series, slug: 'other', title: 'Other' })).files.slice(3));
  });
});

describe('coverSvg', () => {
  it('escapes the title and names the episode length in the label', () => {
    const svg = coverSvg({ slug: 'x', title: 'Tom & Jerry <3', targetSeconds: 60 });
    assert.ok(svg.includes('&amp;') && svg.includes('Jerry &lt;3'), svg);
    assert.doesNotMatch(svg, /&(?!amp;|lt;|gt;|quot;)/);
    assert.ok(svg.includes('60-SECOND AUDIO OVERVIEWS'));
  });

  it('picks colours from the slug, the same every time', () => {
    assert.deepEqual(paletteFor('ai-training'), paletteFor('ai-training'));
    const palettes = new Set(['a', 'b', 'c', 'd', 'e', 'f'].map((slug) => paletteFor(slug).background));
    assert.ok(palettes.size > 1, 'different slugs get different colours');
  });
});

describe('layoutTitle', () => {
  const width = 2480;
  const height = 1470;

  it('sets a short title large', () => {
    const layout = layoutTitle('Chinchilla', width, height);
    assert.deepEqual(layout.lines, ['Chinchilla']);
    assert.ok(layout.size >= 400, `size ${layout.size}`);
  });

  it('wraps a long title into lines that fit the width, keeping every word in order', () => {
    const title = 'Catastrophic forgetting — when fine-tuning erases prior knowledge';
    const layout = layoutTitle(title, width, height);
    assert.ok(layout.lines.length >= 3, JSON.stringify(layout));
    assert.equal(layout.lines.join(' '), title);
    for (const line of layout.lines) assert.ok(measureText(line) * layout.size <= width, line);
    assert.ok(layout.lines.length * layout.size <= height + layout.size, 'the block fits the height');
  });

  it('uses a smaller size for a longer title', () => {
    const short = layoutTitle('Data parallelism', width, height);
    const long = layoutTitle('Data parallelism — same model, different data on each GPU', width, height);
    assert.ok(long.size < short.size, `${long.size} < ${short.size}`);
  });
});
