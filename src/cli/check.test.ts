import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { episodeFile, SERIES_YAML, writeTinySeries } from '../testkit/series.js';

const cli = fileURLToPath(new URL('../../bin/ninety.js', import.meta.url));

/** Runs the real command from `cwd`, so findings name files relative to it, as a writer sees them. */
function ninety(cwd: string, args: string[]) {
  const run = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface JsonReport {
  series: string;
  errors: number;
  warnings: number;
  findings: Record<string, unknown>[];
}

describe('ninety check', () => {
  let root: string;
  /** A fresh copy of the tiny series at `root/<name>`, with room enough around the target length. */
  const series = async (name: string) => {
    const dir = await writeTinySeries(join(root, name));
    await writeFile(join(dir, 'series.yaml'), SERIES_YAML.replace('toleranceSeconds: 3', 'toleranceSeconds: 30'));
    return name;
  };
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'ninety-check-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('says all good and exits 0 for a clean series, in both formats', async () => {
    const name = await series('clean');
    const text = ninety(root, ['check', name]);
    assert.equal(text.code, 0);
    assert.equal(text.stdout, 'clean: all good.\n');
    const json = ninety(root, ['check', name, '--format', 'json']);
    assert.equal(json.code, 0);
    assert.deepEqual(JSON.parse(json.stdout), { series: 'clean', errors: 0, warnings: 0, findings: [] });
  });

  it('exits 0 when there are warnings only', async () => {
    const name = await series('long');
    await writeFile(join(root, name, 'series.yaml'), SERIES_YAML.replace('toleranceSeconds: 3', 'toleranceSeconds: 1'));
    const run = ninety(root, ['check', name]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^long\/episodes\/0\d-episode-\d\.md:15:1: warning: \d+ words is about \d+ s against a target of 12 s — cut about \d+ words/m);
    assert.match(run.stdout, /^long: 0 errors, \d+ warnings?\.\n$/m);
  });

  it('prints every finding at once: errors first, then warnings, each by file and line, then a summary', async () => {
    const name = await series('broken');
    const dir = join(root, name);
    await writeFile(join(dir, 'series.yaml'), SERIES_YAML.replace('toleranceSeconds: 3', 'toleranceSeconds: 1'));
    await writeFile(join(dir, 'episodes', '03-episode-3.md'), episodeFile(3).replace('subtitle:', 'subtitel:'));
    const second = await readFile(join(dir, 'episodes', '02-episode-2.md'), 'utf8');
    await writeFile(join(dir, 'episodes', '02-episode-2.md'), `${second}\nRead **this** at https://example.com/x today.\n`);
    await writeFile(join(dir, 'episodes', '01-episode-1.md'), episodeFile(1, { published: 'soon' }));

    const text = ninety(root, ['check', name]);
    assert.equal(text.code, 1);
    const lines = text.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, 4), [
      'broken/episodes/01-episode-1.md:7:12: error: published "soon" is not a date — write a real date as year-month-day, e.g. 2026-05-04',
      'broken/episodes/02-episode-2.md:19:6: error: Markdown emphasis or code in the script — scripts are read aloud: write it as plain speech',
      'broken/episodes/02-episode-2.md:19:18: error: an address (https://example.com/x) in the script — move it to the sources and say the name instead',
      'broken/episodes/03-episode-3.md:5:1: error: subtitel is not a field of an episode — did you mean subtitle?',
    ]);
    // Episode 2 is the one valid script left to measure.
    assert.match(lines[4]!, /^broken\/episodes\/02-episode-2\.md:15:1: warning: \d+ words is about \d+ s/);
    assert.equal(lines[5], 'broken: 4 errors, 1 warning.');
    assert.equal(lines.length, 6);

    const json = ninety(root, ['check', name, '--format', 'json']);
    assert.equal(json.code, 1);
    const report = JSON.parse(json.stdout) as JsonReport;
    assert.equal(report.series, 'broken');
    assert.equal(report.errors, 4);
    assert.equal(report.warnings, 1);
    assert.deepEqual(report.findings[0], {
      file: 'broken/episodes/01-episode-1.md',
      line: 7,
      column: 12,
      severity: 'error',
      rule: 'bad-date',
      field: 'published',
      message: 'published "soon" is not a date — write a real date as year-month-day, e.g. 2026-05-04',
    });
    assert.deepEqual(
      report.findings.map((f) => [f.line, f.column, f.severity, f.rule]),
      [
        [7, 12, 'error', 'bad-date'],
        [19, 6, 'error', 'markdown'],
        [19, 18, 'error', 'address'],
        [5, 1, 'error', 'unknown-key'],
        [15, 1, 'warning', 'length'],
      ],
    );
  });

  it('reports a series folder that is not there with no line, and exits 1', () => {
    const json = ninety(root, ['check', 'nowhere', '--format', 'json']);
    assert.equal(json.code, 1);
    assert.deepEqual(JSON.parse(json.stdout).findings, [
      {
        file: 'nowhere',
        line: null,
        column: null,
        severity: 'error',
        rule: 'folder-not-found',
        message: 'series folder not found — give the path of a folder holding series.yaml and episodes/',
      },
    ]);
    const text = ninety(root, ['check', 'nowhere']);
    assert.equal(text.code, 1);
    assert.equal(
      text.stdout,
      'nowhere: error: series folder not found — give the path of a folder holding series.yaml and episodes/\nnowhere: 1 error, 0 warnings.\n',
    );
  });

  it('points at the voice in series.yaml when the engine has no such voice', async () => {
    const name = await series('robot');
    await writeFile(join(root, name, 'series.yaml'), `${SERIES_YAML}voice:\n  voice: robot\n`);
    const run = ninety(root, ['check', name]);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /^robot\/series\.yaml:15:10: error: unknown voice "robot" for engine flite — choose one of rms/m);
  });

  it('exits 2 for a usage error, whatever the format', () => {
    for (const args of [['--format', 'xml'], ['--frmat', 'json'], ['one', 'two']]) {
      const run = ninety(root, ['check', ...args]);
      assert.equal(run.code, 2, args.join(' '));
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /^ninety check: .+\n\nUsage: ninety check/);
    }
  });
});

describe('ninety build', () => {
  it('prints content problems in the same file:line:column form and writes nothing', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ninety-build-'));
    const dir = await writeTinySeries(join(root, 'tiny'));
    await writeFile(join(dir, 'episodes', '02-episode-2.md'), episodeFile(2, { title: '' }).replace('sources:', 'sources:\n  - title: Third source\n    url: www.example.com'));
    const run = ninety(root, ['build', 'tiny', '--out', 'out']);
    await rm(root, { recursive: true, force: true });
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr,
      [
        "tiny/episodes/02-episode-2.md:2:1: error: title is missing — add the episode's title, e.g. title: How a model learns",
        'tiny/episodes/02-episode-2.md:10:10: error: url of source 1 "www.example.com" is not a web address — write the full address, starting with https://',
        'ninety build: 2 problems found; nothing was written.',
        '',
      ].join('\n'),
    );
  });

  it('points at the voice when the build refuses it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ninety-build-'));
    const dir = await writeTinySeries(join(root, 'tiny'));
    await writeFile(join(dir, 'series.yaml'), `${SERIES_YAML}voice:\n  voice: robot\n`);
    const run = ninety(root, ['build', 'tiny', '--out', 'out']);
    await rm(root, { recursive: true, force: true });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^tiny\/series\.yaml:15:10: error: unknown voice "robot"/m);
  });
});
