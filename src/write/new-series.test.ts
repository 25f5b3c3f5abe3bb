import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ProgressReporter } from '../build/progress.js';
import { inspectSeries } from '../series/load.js';
import { writerReplies, type WriterOptions } from '../testkit/writer.js';
import { OpenAiCompatibleModel } from './model/openai.js';
import { startModelServer, type ModelServer } from './model/server.js';
import { continueSeries, newSeries, type NewSeriesOptions } from './new-series.js';
import type { OutlinedEpisode } from './outlined.js';
import { rewriteEpisode } from './rewrite.js';
import { readWrittenSeries } from './written-series.js';

const FIXTURES = fileURLToPath(new URL('../../src/sources/fixtures/', import.meta.url));

const quiet: ProgressReporter = { start: () => undefined, episodeDone: () => undefined, note: () => undefined, finish: () => undefined };

async function withServer(options: WriterOptions = {}) {
  const server = await startModelServer({ respond: writerReplies(options) });
  const model = new OpenAiCompatibleModel(
    { baseUrl: server.baseUrl, model: 'test-model', keyVariable: 'NINETY_LLM_API_KEY', timeoutMs: 5000 },
    { retryDelayMs: 10, maxRetries: 1 },
  );
  return { server, model };
}

const scriptCalls = (server: ModelServer) => server.requests.filter((r) => !JSON.stringify(r.messages[0]).includes('You plan short audio series')).length;

describe('ninety new writes a series folder a user can check, edit and build', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'ninety-new-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  const options = (dir: string, more: Partial<NewSeriesOptions> = {}): NewSeriesOptions => ({
    topic: 'sourdough baking',
    episodes: 4,
    seconds: 30,
    hosts: 1,
    sources: [],
    dir: join(root, dir),
    outlineOnly: false,
    concurrency: 2,
    today: new Date('2026-11-29T12:00:00Z'),
    ...more,
  });

  it('writes an outline and every script, in a folder that passes ninety check', async () => {
    const { server, model } = await withServer();
    try {
      const result = await newSeries(model, options('plain'), quiet);
      assert.equal(result.written, 4);
      assert.deepEqual(result.failures, []);
      const inspection = await inspectSeries(result.dir);
      assert.deepEqual(inspection.problems.filter((p) => p.severity === 'error'), []);
      assert.equal(inspection.episodes.length, 4);
      assert.equal(inspection.series?.provenance?.model, 'test-model');
      assert.equal(inspection.series?.targetSeconds, 30);
      // Without sources, the model's suggestions are unverified further reading, never sources.
      for (const episode of inspection.episodes) {
        assert.deepEqual(episode.sources, []);
        assert.equal(episode.reading?.[0]?.title, 'Harold McGee, On Food and Cooking (2004)');
      }
      // The first episode is the oldest, the last is today.
      assert.deepEqual(inspection.episodes.map((e) => e.published), ['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
      // One outline and one call per script; every call sums into the usage.
      assert.equal(server.requests.length, 5);
      assert.equal(result.usage.calls, 5);
      assert.ok(result.usage.promptTokens > 0);
    } finally {
      await server.close();
    }
  });

  it('reports each outline episode as the streamed answer brings it, before the outline is on disk', async () => {
    const { server, model } = await withServer();
    try {
      const dir = join(root, 'streamed');
      const reports: { titles: string[]; onDisk: boolean }[] = [];
      const onOutlined = (episodes: OutlinedEpisode[]) => {
        reports.push({ titles: episodes.map((e) => `${e.number}. ${e.title}`), onDisk: existsSync(dir) });
      };
      await newSeries(model, options('streamed', { outlineOnly: true, onOutlined }), quiet);
      assert.equal(server.requests[0]?.streamed, true);
      assert.deepEqual(reports.map((r) => r.titles.length), [1, 2, 3, 4]);
      assert.ok(reports.every((r) => !r.onDisk), 'every episode was reported before the outline was written');
      const saved = (await readWrittenSeries(dir)).episodes.map((e) => `${e.number}. ${e.title}`);
      assert.deepEqual(reports.at(-1)?.titles, saved);
    } finally {
      await server.close();
    }
  });

  it('asks each script for the length the voice will need, and the scripts land near it', async () => {
    const { server, model } = await withServer();
    try {
      const result = await newSeries(model, options('length', { seconds: 60, episodes: 2 }), quiet);
      const lengthWarnings = result.findings.filter((f) => f.rule === 'length');
      assert.deepEqual(lengthWarnings, []);
      const asked = Number(/about (\d+) spoken words/.exec(server.requests[1]!.messages[1]!.content)?.[1]);
      // Flite rms speaks about 2.6 words a second with its pauses.
      assert.ok(asked > 120 && asked < 190, `asked for ${asked} words for 60 s`);
    } finally {
      await server.close();
    }
  });

  it('stops after the outline with --outline-only, and --continue writes the scripts of the outline as edited', async () => {
    const { server, model } = await withServer();
    try {
      const dir = join(root, 'edited');
      const outline = await newSeries(model, options('edited', { outlineOnly: true }), quiet);
      assert.equal(outline.outlineOnly, true);
      assert.equal(server.requests.length, 1);
      const episodes = join(dir, 'episodes');
      const files = (await readdir(episodes)).sort();
      assert.equal(files.length, 4);
      const first = await readFile(join(episodes, files[0]!), 'utf8');
      assert.match(first, /^---\nnumber: 1\nid: foundations\ntitle: Foundations\nsubtitle: step 1 of 4\nsummary: .+\npublished: 2026-11-26\n---\n$/);

      // The user deletes episode 4, retitles episode 2 and adds a fifth of their own.
      await rm(join(episodes, files[3]!));
      const second = await readFile(join(episodes, files[1]!), 'utf8');
      await writeFile(join(episodes, files[1]!), second.replace('title: Ingredients', 'title: Flour and water # my title'));
      await writeFile(join(episodes, '05-my-own.md'), '---\nnumber: 4\ntitle: My own episode\nsummary: Something I want covered.\npublished: 2026-11-30\n---\n');

      const result = await continueSeries(model, dir, 2, quiet);
      assert.equal(result.written, 4);
      assert.equal(scriptCalls(server), 4);
      const edited = await readFile(join(episodes, files[1]!), 'utf8');
      assert.match(edited, /title: Flour and water # my title/, "the user's line and comment are kept");
      const prompt = server.requests.find((r) => r.messages[1]!.content.includes('Write episode 2'))!.messages[1]!.content;
      assert.match(prompt, /Flour and water/);
      assert.match(prompt, /My own episode/, 'every episode sees the whole outline as it now stands');
      const inspection = await inspectSeries(dir);
      assert.deepEqual(inspection.problems.filter((p) => p.severity === 'error'), []);
      assert.equal(inspection.episodes.length, 4);

      // Nothing left to write: a second --continue asks nothing.
      const again = await continueSeries(model, dir, 2, quiet);
      assert.equal(again.written, 0);
      assert.equal(scriptCalls(server), 4);
    } finally {
      await server.close();
    }
  });

  it('sends an over-long script back once with the finding, and keeps the repaired one', async () => {
    const { server, model } = await withServer({ behaviour: (n, attempt) => (n === 2 && attempt === 1 ? 'long' : 'good') });
    try {
      const result = await newSeries(model, options('long', { episodes: 3 }), quiet);
      assert.equal(result.written, 3);
      const repair = server.requests.find((r) => r.messages.length > 2);
      assert.ok(repair, 'the long script was sent back');
      assert.match(repair.messages.at(-1)!.content, /words is about \d+ s against a target of 30 s — cut about \d+ words/);
      assert.deepEqual(result.findings.filter((f) => f.rule === 'length'), []);
    } finally {
      await server.close();
    }
  });

  it('saves the other scripts when the model declines one, and a rerun writes only that one', async () => {
    let refuse = true;
    const { server, model } = await withServer({ behaviour: (n) => (n === 3 && refuse ? { refusal: 'I cannot help with that.' } : 'good') });
    try {
      const first = await newSeries(model, options('refused'), quiet);
      assert.equal(first.written, 3);
      assert.equal(first.failures.length, 1);
      assert.match(first.failures[0]!, /^episode 3 \("Timing"\): the model declined/);
      refuse = false;
      const callsBefore = server.requests.length;
      const second = await newSeries(model, options('refused'), quiet);
      assert.equal(second.continued, true);
      assert.equal(second.written, 1);
      assert.equal(server.requests.length - callsBefore, 1, 'only the missing script is asked for');
    } finally {
      await server.close();
    }
  });

  it('refuses a folder that holds another series', async () => {
    const { server, model } = await withServer();
    try {
      await newSeries(model, options('taken', { outlineOnly: true }), quiet);
      await assert.rejects(newSeries(model, options('taken', { topic: 'something else' }), quiet), /already exists and was not written for "something else": choose another folder with --out/);
    } finally {
      await server.close();
    }
  });

  it('proposes pronunciations for the jargon its scripts use, never changing an entry the user wrote', async () => {
    const jargon = [
      { term: 'QLoRA', say: 'cue lora', propose: true },
      { term: 'FSDP', say: 'eff ess dee pee', propose: true },
    ];
    const { server, model } = await withServer({ jargon });
    try {
      const dir = join(root, 'jargon');
      await newSeries(model, options('jargon', { episodes: 2, outlineOnly: true }), quiet);
      await writeFile(join(dir, 'lexicon.yaml'), '# mine\nFSDP: fully sharded\n');
      const result = await continueSeries(model, dir, 2, quiet);
      assert.equal(result.written, 2);
      assert.equal(scriptCalls(server), 2, 'a term the answer proposes is no reason to send the script back');
      assert.equal(await readFile(join(dir, 'lexicon.yaml'), 'utf8'), '# mine\nFSDP: fully sharded\nQLoRA: cue lora\n');
    } finally {
      await server.close();
    }
  });

  it('sends a script back when the voice could not say a term the answer did not propose', async () => {
    const { server, model } = await withServer({ jargon: [{ term: 'PyTorch', say: 'pie torch', propose: false }] });
    try {
      const result = await newSeries(model, options('unsayable', { episodes: 1 }), quiet);
      const repair = server.requests.find((r) => r.messages.length > 2)!;
      assert.match(repair.messages.at(-1)!.content, /the voice cannot say "PyTorch" as written: list it in "terms"/);
      assert.ok(result.findings.some((f) => f.rule === 'unsayable' && /PyTorch/.test(f.message)), 'what still fails is reported');
    } finally {
      await server.close();
    }
  });

  it('writes dialogues for two hosts, each paragraph labelled', async () => {
    const { server, model } = await withServer();
    try {
      const result = await newSeries(model, options('hosts', { hosts: 2, episodes: 2 }), quiet);
      const inspection = await inspectSeries(result.dir);
      assert.deepEqual(inspection.problems.filter((p) => p.severity === 'error'), []);
      assert.deepEqual(inspection.series?.hosts?.map((h) => h.name), ['Ada', 'Ben']);
      assert.match(inspection.episodes[0]!.script, /^Ada: .+\n\nBen: /);
    } finally {
      await server.close();
    }
  });

  it('rewrites one episode, keeping the script it replaces', async () => {
    const { server, model } = await withServer();
    try {
      const result = await newSeries(model, options('rewrite', { episodes: 2 }), quiet);
      const file = join(result.dir, 'episodes', (await readdir(join(result.dir, 'episodes'))).find((n) => n.startsWith('02'))!);
      const mine = (await readFile(file, 'utf8')).replace(/\n---\n[\s\S]*$/, '\n---\nMy own words, typed by hand.\n');
      await writeFile(file, mine);
      const rewritten = await rewriteEpisode(model, result.dir, 2, 'simpler, with a cooking example', quiet, new Date('2026-11-29T10:00:00Z'));
      assert.equal(rewritten.written, 1);
      assert.equal(await readFile(rewritten.kept!, 'utf8'), mine);
      assert.doesNotMatch(await readFile(file, 'utf8'), /My own words/);
      const prompt = server.requests.at(-1)!.messages[1]!.content;
      assert.match(prompt, /My own words, typed by hand\./);
      assert.match(prompt, /What to change: simpler, with a cooking example/);
      const inspection = await inspectSeries(result.dir);
      assert.deepEqual(inspection.problems.filter((p) => p.severity === 'error'), [], 'the kept copy is not read as an episode');
    } finally {
      await server.close();
    }
  });
});

describe('ninety new grounds scripts in the user sources', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'ninety-grounded-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  const grounded = (dir: string): NewSeriesOptions => ({
    topic: 'the Chinchilla scaling law',
    episodes: 3,
    seconds: 30,
    hosts: 1,
    sources: [join(FIXTURES, 'chinchilla.md')],
    dir: join(root, dir),
    outlineOnly: false,
    concurrency: 3,
  });

  it('gives each script numbered passages, cites the sources it used and keeps their text in the folder', async () => {
    const { server, model } = await withServer();
    try {
      const result = await newSeries(model, grounded('cited'), quiet);
      assert.equal(result.written, 3);
      const inspection = await inspectSeries(result.dir);
      assert.deepEqual(inspection.problems.filter((p) => p.severity === 'error'), []);
      const provenance = inspection.series!.provenance!;
      assert.equal(provenance.sources.length, 1);
      assert.match(provenance.sources[0]!.sha256, /^[0-9a-f]{64}$/);
      assert.deepEqual(provenance.ungrounded, []);
      const kept = await readFile(join(result.dir, provenance.sources[0]!.file), 'utf8');
      assert.match(kept, /Chinchilla/);
      for (const episode of inspection.episodes) {
        assert.equal(episode.sources[0]?.title, provenance.sources[0]!.title);
        assert.equal(episode.reading, undefined);
      }
      assert.match(server.requests[1]!.messages[1]!.content, /^\[1\] \(/m);
    } finally {
      await server.close();
    }
  });

  it('sends back a script with a figure its sources do not contain, and records it when it stays', async () => {
    const { server, model } = await withServer({ behaviour: (n) => (n === 2 ? 'invent' : 'good') });
    try {
      const result = await newSeries(model, grounded('invented'), quiet);
      const repair = server.requests.find((r) => r.messages.length > 2)!;
      assert.match(repair.messages.at(-1)!.content, /two point one trillion/);
      const flagged = result.findings.filter((f) => f.rule === 'ungrounded');
      assert.equal(flagged.length, 1);
      assert.match(flagged[0]!.file, /02-/);
      const inspection = await inspectSeries(result.dir);
      assert.deepEqual(inspection.series!.provenance!.ungrounded.map((u) => u.episode), [2]);
      assert.ok(inspection.series!.provenance!.ungrounded[0]!.figures.some((f) => /two point one trillion/.test(f)));
    } finally {
      await server.close();
    }
  });

  it('reads no model before a source that cannot be read is reported', async () => {
    const { server, model } = await withServer();
    try {
      await assert.rejects(newSeries(model, { ...grounded('missing'), sources: [join(root, 'nowhere.md')] }, quiet), /nowhere\.md/);
      assert.equal(server.requests.length, 0);
      await assert.rejects(readdir(join(root, 'missing')), /ENOENT/);
    } finally {
      await server.close();
    }
  });
});
