import assert from 'node:assert/strict';
import { readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { episodeFile, SERIES_YAML, writeTinySeries } from '../testkit/series.js';
import { loadSeries } from './load.js';
import { ContentError, type Problem } from './problems.js';

async function problemsFor(change: (dir: string) => Promise<void>): Promise<Problem[]> {
  const dir = await writeTinySeries();
  await change(dir);
  try {
    await loadSeries(dir);
  } catch (error) {
    assert.ok(error instanceof ContentError, `expected a ContentError, got ${String(error)}`);
    return error.problems;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  assert.fail('expected the series to be refused');
}

const ep = (dir: string, n = 1) => join(dir, 'episodes', `0${n}-episode-${n}.md`);
const setSeries = (dir: string, text: string) => writeFile(join(dir, 'series.yaml'), text);
const replaceInSeries = async (dir: string, from: string | RegExp, to: string) =>
  setSeries(dir, (await readFile(join(dir, 'series.yaml'), 'utf8')).replace(from, to));

interface Case {
  name: string;
  change: (dir: string) => Promise<void>;
  file: RegExp;
  field?: string;
  message: RegExp;
}

const cases: Case[] = [
  { name: 'series.yaml missing', change: (d) => rm(join(d, 'series.yaml')), file: /series\.yaml$/, message: /not found/ },
  { name: 'series.yaml with bad YAML', change: (d) => setSeries(d, 'title: [unclosed\n'), file: /series\.yaml$/, message: /never closed/ },
  { name: 'series.yaml that is a list', change: (d) => setSeries(d, '- a\n- b\n'), file: /series\.yaml$/, message: /holds a list/ },
  { name: 'series title missing', change: (d) => replaceInSeries(d, /^title: .*\n/m, ''), file: /series\.yaml$/, field: 'title', message: /./ },
  { name: 'series slug with spaces', change: (d) => replaceInSeries(d, 'slug: tiny-test', 'slug: Tiny Test'), file: /series\.yaml$/, field: 'slug', message: /lower-case/ },
  { name: 'owner email invalid', change: (d) => replaceInSeries(d, 'tests@ninety.example', 'not-an-email'), file: /series\.yaml$/, field: 'owner.email', message: /./ },
  { name: 'explicit not a boolean', change: (d) => replaceInSeries(d, 'explicit: false', 'explicit: maybe'), file: /series\.yaml$/, field: 'explicit', message: /./ },
  { name: 'unknown series field', change: (d) => setSeries(d, `${SERIES_YAML}colour: blue\n`), file: /series\.yaml$/, message: /colour/ },
  { name: 'language code malformed', change: (d) => replaceInSeries(d, 'language: en', 'language: English'), file: /series\.yaml$/, field: 'language', message: /language code/ },
  { name: 'target seconds negative', change: (d) => replaceInSeries(d, 'targetSeconds: 12', 'targetSeconds: -5'), file: /series\.yaml$/, field: 'targetSeconds', message: /./ },
  { name: 'stretch outside its bounds', change: (d) => setSeries(d, `${SERIES_YAML}voice:\n  stretch: 1.4\n  maxStretch: 1.3\n`), file: /series\.yaml$/, field: 'voice.stretch', message: /between/ },
  { name: 'lexicon with bad YAML', change: (d) => writeFile(join(d, 'lexicon.yaml'), 'GPU: [x\n'), file: /lexicon\.yaml$/, message: /never closed/ },
  { name: 'lexicon entry with an empty spoken form', change: (d) => writeFile(join(d, 'lexicon.yaml'), 'GPU: ""\n'), file: /lexicon\.yaml$/, field: 'GPU', message: /./ },
  { name: 'episodes folder missing', change: (d) => rm(join(d, 'episodes'), { recursive: true }), file: /episodes$/, message: /not found/ },
  { name: 'episodes folder empty', change: async (d) => { await rm(join(d, 'episodes'), { recursive: true }); await mkdir(join(d, 'episodes')); }, file: /episodes$/, message: /no episode files/ },
  { name: 'episode without front matter', change: (d) => writeFile(ep(d), 'Just a script.\n'), file: /01-episode-1\.md$/, message: /front matter/ },
  { name: 'episode front matter with bad YAML', change: (d) => writeFile(ep(d), episodeFile(1, { title: 'Colons: here: break' })), file: /01-episode-1\.md$/, message: /put the value in quotes/ },
  { name: 'episode title missing', change: (d) => writeFile(ep(d), episodeFile(1, { title: '' })), file: /01-episode-1\.md$/, field: 'title', message: /./ },
  { name: 'episode number not a number', change: (d) => writeFile(ep(d), episodeFile(1, { number: 'first' })), file: /01-episode-1\.md$/, field: 'number', message: /./ },
  { name: 'episode with an empty script', change: (d) => writeFile(ep(d), episodeFile(1, { script: '   ' })), file: /01-episode-1\.md$/, field: 'script', message: /empty/ },
  { name: 'episode without sources', change: async (d) => writeFile(ep(d), episodeFile(1).replace(/sources:\n(?:  .*\n)+/, '')), file: /01-episode-1\.md$/, field: 'sources', message: /no sources are listed/ },
  { name: 'source address that is not a URL', change: async (d) => writeFile(ep(d), episodeFile(1).replace('https://example.com/b', 'example dot com')), file: /01-episode-1\.md$/, field: 'sources.1.url', message: /http/ },
  { name: 'publication date malformed', change: (d) => writeFile(ep(d), episodeFile(1, { published: 'next tuesday' })), file: /01-episode-1\.md$/, field: 'published', message: /date/ },
  { name: 'duplicate episode numbers', change: (d) => writeFile(ep(d, 2), episodeFile(1, { id: 'another' })), file: /0[12]-episode-[12]\.md$/, field: 'number', message: /also used/ },
  { name: 'duplicate episode ids', change: (d) => writeFile(ep(d, 2), episodeFile(2, { id: 'episode-1' })), file: /02-episode-2\.md$/, field: 'id', message: /also used/ },
  { name: 'a gap in episode numbers', change: (d) => writeFile(ep(d, 3), episodeFile(5)), file: /03-episode-3\.md$/, field: 'number', message: /without gaps/ },
  { name: 'unknown episode field', change: (d) => writeFile(ep(d), episodeFile(1, { colour: 'blue' })), file: /01-episode-1\.md$/, message: /colour/ },
];

describe('loadSeries refuses bad input with a clear problem', () => {
  for (const c of cases) {
    it(`names the file${c.field ? ' and field' : ''}: ${c.name}`, async () => {
      const problems = await problemsFor(c.change);
      const match = problems.find(
        (p) => c.file.test(p.file) && (!c.field || p.field === c.field) && c.message.test(p.message),
      );
      assert.ok(match, `no matching problem among:\n${problems.map((p) => JSON.stringify(p)).join('\n')}`);
      assert.equal(match.severity, 'error');
    });
  }

  it('refuses a series folder that does not exist', async () => {
    await assert.rejects(loadSeries('/no/such/series'), (error: ContentError) => {
      assert.match(error.problems[0]!.message, /series folder not found/);
      return true;
    });
  });

  it('reports every problem at once, not only the first', async () => {
    const problems = await problemsFor(async (d) => {
      await writeFile(ep(d, 1), episodeFile(1, { title: '' }));
      await writeFile(ep(d, 2), episodeFile(2, { published: 'soon' }));
    });
    assert.ok(problems.some((p) => /01-/.test(p.file)));
    assert.ok(problems.some((p) => /02-/.test(p.file)));
  });
});

describe('loadSeries', () => {
  it('loads a valid series with defaults filled in and episodes in curriculum order', async () => {
    const dir = await writeTinySeries();
    const content = await loadSeries(dir);
    assert.equal(content.series.slug, 'tiny-test');
    assert.equal(content.series.voice.voice, 'rms');
    assert.deepEqual(content.episodes.map((e) => e.number), [1, 2, 3]);
    assert.match(content.episodes[0]!.script, /^Part one\. A GPU learns/);
    assert.equal(content.lexicon.GPU, 'gee pee you');
    await rm(dir, { recursive: true, force: true });
  });

  it('loads the AI Training series: 21 episodes whose headings equal the seed page, bottom-up', async () => {
    const content = await loadSeries('series/ai-training');
    const seed = await readFile('../shared/seed/ai-training-series.txt', 'utf8').catch(() => undefined);
    assert.equal(content.episodes.length, 21);
    if (seed === undefined) return; // the seed lives beside the repository, not in it
    const lines = seed.split('\n');
    const headings = lines.filter((line, i) => i >= 3 && line.trim() && (lines[i - 1] ?? '').trim() === '');
    const summaries = lines.filter((line, i) => i >= 3 && line.trim() && (lines[i - 1] ?? '').trim() !== '');
    const rendered = content.episodes.map((e) => (e.subtitle ? `${e.title} — ${e.subtitle}` : e.title)).reverse();
    assert.deepEqual(rendered, headings);
    // The editorial pass corrected two summaries the primary sources contradict; the rest are the seed's words.
    const corrected = new Map([
      [11, /slice of every layer, dividing the whole model's memory and compute/],
      [17, /a small fraction of the parameters, usually under 1%/],
    ]);
    content.episodes.forEach((e, i) => {
      const seedSummary = summaries[summaries.length - 1 - i];
      const fix = corrected.get(e.number);
      if (fix) {
        assert.notEqual(e.summary, seedSummary);
        assert.match(e.summary, fix);
      } else {
        assert.equal(e.summary, seedSummary, `episode ${e.number}`);
      }
    });
  });
});
