/**
 * Broken inputs, each written as a real file into a copy of the tiny series and run through the
 * real loader, with the exact findings a writer sees: file:line:column, severity, message.
 */
import assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { episodeFile, SERIES_YAML, writeTinySeries } from '../testkit/series.js';
import { inspectSeries, loadSeries } from './load.js';
import { formatProblem } from './problems.js';

type Edit = string | Buffer | ((before: string) => string);

interface Case {
  name: string;
  /** Files to write (relative to the series folder); a function edits the file that is there. */
  files?: Record<string, Edit>;
  remove?: string[];
  /** Every finding, as printed, with the series folder left out. */
  expect: string[];
  /** The rule of each finding, in the same order. */
  rules: string[];
}

const EP1 = 'episodes/01-episode-1.md';
const EP2 = 'episodes/02-episode-2.md';
const EP3 = 'episodes/03-episode-3.md';
const replace = (from: string | RegExp, to: string) => (before: string) => {
  const after = before.replace(from, to);
  assert.notEqual(after, before, `the test's edit ${String(from)} changed nothing`);
  return after;
};
const long = (n: number) => 'x'.repeat(n);

const cases: Case[] = [
  // series.yaml: the file itself
  {
    name: 'series.yaml missing',
    remove: ['series.yaml'],
    expect: ['series.yaml: error: file not found — create series.yaml in the series folder'],
    rules: ['file-not-found'],
  },
  {
    name: 'series.yaml empty',
    files: { 'series.yaml': '' },
    expect: [
      "series.yaml:1:1: error: the file is empty — add the series' fields: slug, title, topic, description, author, owner, language, category and explicit",
    ],
    rules: ['empty-file'],
  },
  {
    name: 'series.yaml holding a list',
    files: { 'series.yaml': '- a\n- b\n' },
    expect: ['series.yaml:1:1: error: the file holds a list — write fields instead, one per line as name: value'],
    rules: ['not-fields'],
  },
  // YAML syntax, at known positions
  {
    name: 'an unclosed [ points at the bracket, not the end of the file',
    files: { 'series.yaml': replace('topic: testing', 'topic: [testing') },
    expect: ['series.yaml:3:8: error: this [ is never closed — end it with ], or put the whole value in quotes'],
    rules: ['yaml-syntax'],
  },
  {
    name: 'a value holding ": " is shown quoted',
    files: { 'series.yaml': replace('title: Tiny Test', 'title: Tiny: Test') },
    expect: ['series.yaml:2:8: error: this value contains ": ", which YAML reads as another field — put the value in quotes: title: "Tiny: Test"'],
    rules: ['yaml-syntax'],
  },
  {
    name: 'a tab in the indentation',
    files: { 'series.yaml': replace('  email: tests', '\temail: tests') },
    expect: ['series.yaml:8:1: error: a tab indents this line — YAML indents with spaces only: replace the tab with spaces'],
    rules: ['tab-indent'],
  },
  {
    name: 'a tab after spaces in the indentation, at the tab',
    files: { 'series.yaml': replace('  email: tests', '  \temail: tests') },
    expect: ['series.yaml:8:3: error: a tab indents this line — YAML indents with spaces only: replace the tab with spaces'],
    rules: ['tab-indent'],
  },
  {
    name: 'a line indented differently from its neighbours',
    files: { 'series.yaml': replace('  email: tests', ' email: tests') },
    expect: ['series.yaml:8:2: error: this line is indented differently from the lines around it — line up fields at the same level under each other'],
    rules: ['yaml-syntax'],
  },
  {
    name: 'a duplicate key, with the line of the first',
    files: { 'series.yaml': replace('explicit: false\n', 'explicit: false\nexplicit: true\n') },
    expect: ['series.yaml:12:1: error: explicit appears twice (first on line 11) — keep one of them'],
    rules: ['duplicate-key'],
  },
  {
    name: 'a value starting with a reserved character',
    files: { 'series.yaml': replace('author: Ninety Tests', 'author: @ninety') },
    expect: ['series.yaml:5:9: error: a value cannot start with @ — put the whole value in quotes: author: "@ninety"'],
    rules: ['yaml-syntax'],
  },
  {
    name: 'no space after the colon',
    files: { 'series.yaml': replace('category: Technology', 'category:Technology') },
    expect: ['series.yaml:10:1: error: this line is not a field — put a space after the colon: name: value'],
    rules: ['yaml-syntax'],
  },
  // series.yaml: every schema rule
  {
    name: 'a missing field points at the first field',
    files: { 'series.yaml': replace(/^title: .*\n/m, '') },
    expect: ["series.yaml:1:1: error: title is missing — add the series' title, e.g. title: AI Training"],
    rules: ['missing'],
  },
  {
    name: 'a missing nested field points at its parent',
    files: { 'series.yaml': replace('  email: tests@ninety.example\n', '') },
    expect: ["series.yaml:6:1: error: owner.email is missing — add the owner's email, e.g. email: ada@example.com"],
    rules: ['missing'],
  },
  {
    name: 'a field with no value',
    files: { 'series.yaml': replace('category: Technology', 'category:') },
    expect: ['series.yaml:10:1: error: category has no value — add an Apple Podcasts category, e.g. category: Technology'],
    rules: ['empty'],
  },
  {
    name: 'a bad slug',
    files: { 'series.yaml': replace('slug: tiny-test', 'slug: Tiny Test') },
    expect: ['series.yaml:1:7: error: slug "Tiny Test" is not a valid slug — use lower-case letters, digits and single hyphens, e.g. "ai-training"'],
    rules: ['bad-slug'],
  },
  {
    name: 'a slug the build owns keeps its own message',
    files: { 'series.yaml': replace('slug: tiny-test', 'slug: assets') },
    expect: ['series.yaml:1:7: error: "assets" is a folder the build writes into: choose another slug, e.g. "assets-series"'],
    rules: ['reserved-name'],
  },
  {
    name: 'a bad email',
    files: { 'series.yaml': replace('tests@ninety.example', 'not-an-email') },
    expect: ['series.yaml:8:10: error: owner.email "not-an-email" is not an email address — write it like name@example.com'],
    rules: ['bad-email'],
  },
  {
    name: 'true or false expected',
    files: { 'series.yaml': replace('explicit: false', 'explicit: maybe') },
    expect: ['series.yaml:11:11: error: explicit should be true or false, not text ("maybe") — write explicit: true or explicit: false'],
    rules: ['wrong-type'],
  },
  {
    name: 'a bad language code',
    files: { 'series.yaml': replace('language: en', 'language: English') },
    expect: ['series.yaml:9:11: error: language "English" is not a language code — use a language code such as "en" or "en-US"'],
    rules: ['bad-language'],
  },
  {
    name: 'a number too small',
    files: { 'series.yaml': replace('targetSeconds: 12', 'targetSeconds: -5') },
    expect: ['series.yaml:12:16: error: targetSeconds is -5, too small — use a number above 0'],
    rules: ['too-small'],
  },
  {
    name: 'a number too large, in a nested field',
    files: { 'series.yaml': `${SERIES_YAML}voice:\n  stretch: 1.6\n` },
    expect: ['series.yaml:15:12: error: voice.stretch is 1.6, too large — use 1.5 or less'],
    rules: ['too-large'],
  },
  {
    name: 'a rule across fields keeps its own message',
    files: { 'series.yaml': `${SERIES_YAML}voice:\n  stretch: 1.4\n  maxStretch: 1.3\n` },
    expect: ['series.yaml:15:12: error: stretch must lie between minStretch and maxStretch'],
    rules: ['stretch-bounds'],
  },
  {
    name: 'a text too long',
    files: { 'series.yaml': replace('title: Tiny Test', `title: ${long(300)}`) },
    expect: ['series.yaml:2:8: error: title is 300 characters long, over the limit of 255 — shorten it by at least 45'],
    rules: ['too-long'],
  },
  {
    name: 'an address that is not http or https',
    files: { 'series.yaml': `${SERIES_YAML}baseUrl: ftp://example.com/podcasts\n` },
    expect: ['series.yaml:14:10: error: baseUrl "ftp://example.com/podcasts" is not a web address — write the full address, starting with https://'],
    rules: ['bad-url'],
  },
  {
    name: 'an unknown field with no close name lists the fields',
    files: { 'series.yaml': `${SERIES_YAML}colour: blue\n` },
    expect: [
      'series.yaml:14:1: error: colour is not a field of series.yaml — remove it, or check its spelling (the fields are slug, title, topic, description, author, owner, language, category, subcategory, explicit, copyright, baseUrl, targetSeconds, toleranceSeconds, voice, hosts, provenance)',
    ],
    rules: ['unknown-key'],
  },
  {
    name: 'a misspelt field: did you mean',
    files: { 'series.yaml': replace('language: en', 'langauge: en') },
    expect: [
      'series.yaml:1:1: error: language is missing — add the language code, e.g. language: en',
      'series.yaml:9:1: error: langauge is not a field of series.yaml — did you mean language?',
    ],
    rules: ['missing', 'unknown-key'],
  },
  {
    name: 'a misspelt nested field',
    files: { 'series.yaml': `${SERIES_YAML}voice:\n  stretsh: 1\n` },
    expect: ['series.yaml:15:3: error: stretsh is not a field of voice — did you mean stretch?'],
    rules: ['unknown-key'],
  },
  // lexicon.yaml
  {
    name: 'lexicon with a syntax error',
    files: { 'lexicon.yaml': 'GPU: gee pee you\nTPU: [tee\n' },
    expect: ['lexicon.yaml:2:6: error: this [ is never closed — end it with ], or put the whole value in quotes'],
    rules: ['yaml-syntax'],
  },
  {
    name: 'lexicon term with an empty spoken form',
    files: { 'lexicon.yaml': 'GPU: ""\n' },
    expect: ['lexicon.yaml:1:6: error: the spoken form of "GPU" is empty — write how to say it after the colon, e.g. GPU: gee pee you'],
    rules: ['empty'],
  },
  {
    name: 'lexicon term with no spoken form',
    files: { 'lexicon.yaml': 'GPU: gee pee you\nTPU:\n' },
    expect: ['lexicon.yaml:2:1: error: the spoken form of "TPU" has no value — write how to say it after the colon, e.g. TPU: tee pee you'],
    rules: ['empty'],
  },
  // episode files: the file itself
  {
    name: 'an empty episode file',
    files: { [EP1]: '' },
    expect: [`${EP1}:1:1: error: the file is empty — start it with the front matter (a --- line, the fields, another --- line), then the script`],
    rules: ['empty-file'],
  },
  {
    name: 'a binary file',
    files: { [EP1]: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) },
    expect: [`${EP1}:1:1: error: not a text file (it holds binary data) — content files are plain text: is this the right file?`],
    rules: ['not-text'],
  },
  {
    name: 'a file saved as UTF-16',
    files: { [EP1]: Buffer.from(`\ufeff${episodeFile(1)}`, 'utf16le') },
    expect: [`${EP1}:1:1: error: the file is saved as UTF-16 — save it as UTF-8`],
    rules: ['not-utf8'],
  },
  {
    name: 'a file in another encoding, at the first byte that is not UTF-8',
    files: { [EP1]: Buffer.from(episodeFile(1, { title: 'Caf\u00e9 talk' }), 'latin1') },
    expect: [`${EP1}:4:11: error: the file is not UTF-8 text — save it as UTF-8 (most editors offer it under "Save with encoding")`],
    rules: ['not-utf8'],
  },
  {
    name: 'a huge file is refused unparsed',
    files: { [EP1]: `${episodeFile(1)}${'Words and more words. '.repeat(50_000)}` },
    expect: [`${EP1}:1:1: error: the file is 1.05 MB, more than a content file may hold (1 MB) — is this the right file?`],
    rules: ['file-too-large'],
  },
  {
    name: 'no front matter',
    files: { [EP1]: 'Just a script.\n' },
    expect: [`${EP1}:1:1: error: there is no front matter — start the file with a --- line, the fields, another --- line, then the script`],
    rules: ['no-front-matter'],
  },
  {
    name: 'front matter never closed',
    files: { [EP1]: replace(/\n---\n/, '\n') },
    expect: [`${EP1}:1:1: error: the front matter is never closed — add a --- line after the last field, before the script`],
    rules: ['unclosed-front-matter'],
  },
  {
    name: 'empty front matter',
    files: { [EP1]: '---\n---\nA script.\n' },
    expect: [`${EP1}:1:1: error: the front matter is empty — add the fields: number, id, title, summary and published`],
    rules: ['empty-front-matter'],
  },
  {
    name: 'an empty script, at the line after the front matter',
    files: { [EP1]: episodeFile(1, { script: '   ' }) },
    expect: [`${EP1}:15:1: error: the script is empty — write the spoken script after the front matter, or have it written with ninety new --continue <series folder>`],
    rules: ['empty-script'],
  },
  // episode front matter: syntax, counted in the episode file
  {
    name: 'a colon in an episode title',
    files: { [EP1]: episodeFile(1, { title: 'Colons: here: break' }) },
    expect: [`${EP1}:4:8: error: this value contains ": ", which YAML reads as another field — put the value in quotes: title: "Colons: here: break"`],
    rules: ['yaml-syntax'],
  },
  {
    name: 'an unclosed quote in the front matter',
    files: { [EP1]: episodeFile(1, { title: '"Episode one' }) },
    expect: [`${EP1}:4:8: error: this quote (") is never closed — add a closing " at the end of the value`],
    rules: ['yaml-syntax'],
  },
  {
    name: 'a tab in the front matter',
    files: { [EP1]: replace('    url: https://example.com/a', '\turl: https://example.com/a') },
    expect: [`${EP1}:11:1: error: a tab indents this line — YAML indents with spaces only: replace the tab with spaces`],
    rules: ['tab-indent'],
  },
  {
    name: 'tabs inside a block of notes are text, but not as its indentation',
    files: { [EP1]: replace(/^notes: .*$/m, 'notes: |\n\tIndented with a tab.') },
    expect: [`${EP1}:9:1: error: a tab indents this line — YAML indents with spaces only: replace the tab with spaces`],
    rules: ['tab-indent'],
  },
  {
    name: 'a duplicate key in the front matter',
    files: { [EP1]: replace('subtitle: a short test\n', 'subtitle: a short test\nsubtitle: again\n') },
    expect: [`${EP1}:6:1: error: subtitle appears twice (first on line 5) — keep one of them`],
    rules: ['duplicate-key'],
  },
  // episode front matter: every schema rule
  {
    name: 'a figure of a kind there is none of',
    files: { [EP1]: replace('sources:\n', 'figure:\n  kind: pie\n  caption: Shares.\nsources:\n') },
    expect: [`${EP1}:10:9: error: figure.kind is "pie" — use one of compute-optimal, lr-schedule, zero-memory, pipeline-bubble, lora-params, training-compute, bars, data-parallel, tensor-parallel, decision, task-vectors`],
    rules: ['invalid'],
  },
  {
    name: 'a figure whose numbers come from a source the episode does not cite',
    files: {
      [EP1]: replace(
        'sources:\n',
        'figure:\n  kind: pipeline-bubble\n  stages: 4\n  microBatches: 16\n  caption: The bubble.\n  source:\n    title: GPipe\n    url: https://arxiv.org/abs/1811.06965\nsources:\n',
      ),
    },
    expect: [
      `${EP1}:16:10: error: the figure's source https://arxiv.org/abs/1811.06965 is not among the episode's sources — add it to sources, or cite one of them`,
    ],
    rules: ['figure-source-not-cited'],
  },
  {
    name: 'a figure missing a parameter of its kind',
    files: {
      [EP1]: replace('sources:\n', 'figure:\n  kind: pipeline-bubble\n  stages: 4\n  caption: The bubble.\n  source:\n    title: First source\n    url: https://example.com/a\nsources:\n'),
    },
    expect: [`${EP1}:9:1: error: figure.microBatches is missing — give it a number`],
    rules: ['missing'],
  },
  {
    name: 'sources missing',
    files: { [EP1]: replace(/sources:\n(?: {2}.*\n)+/, '') },
    expect: [`${EP1}:2:1: error: no sources are listed — list the sources the episode relies on, each with title and url`],
    rules: ['no-sources'],
  },
  {
    name: 'a source with both a web address and a file',
    files: { [EP1]: replace('    url: https://example.com/b\n', '    url: https://example.com/b\n    file: sources/01-b.txt\n') },
    expect: [`${EP1}:14:11: error: give a source a url (a web page) or a file (a document in sources/), not both`],
    rules: ['source-address'],
  },
  {
    name: 'sources as text, not a list',
    files: { [EP1]: replace(/sources:\n(?: {2}.*\n)+/, 'sources: see the notes\n') },
    expect: [`${EP1}:9:10: error: sources should be a list, not text ("see the notes") — list the sources the episode relies on, each with title and url`],
    rules: ['wrong-type'],
  },
  {
    name: 'a source without its address',
    files: { [EP1]: replace('    url: https://example.com/b\n', '') },
    expect: [`${EP1}:12:5: error: url of source 2 is missing — give each source its full address, starting with https://, e.g. url: https://example.com/paper`],
    rules: ['missing'],
  },
  {
    name: 'a source address that is not an address',
    files: { [EP1]: replace('https://example.com/b', 'example dot com') },
    expect: [`${EP1}:13:10: error: url of source 2 "example dot com" is not a web address — write the full address, starting with https://`],
    rules: ['bad-url'],
  },
  {
    name: 'an unknown field in a source',
    files: { [EP1]: replace('    url: https://example.com/a\n', '    url: https://example.com/a\n    author: someone\n') },
    expect: [`${EP1}:12:5: error: author is not a field of source 1 — remove it, or check its spelling (the fields are title, url, file, address)`],
    rules: ['unknown-key'],
  },
  {
    name: 'subtitel: did you mean subtitle',
    files: { [EP1]: replace('subtitle:', 'subtitel:') },
    expect: [`${EP1}:5:1: error: subtitel is not a field of an episode — did you mean subtitle?`],
    rules: ['unknown-key'],
  },
  {
    name: 'an episode title missing',
    files: { [EP1]: episodeFile(1, { title: '' }) },
    expect: [`${EP1}:2:1: error: title is missing — add the episode's title, e.g. title: How a model learns`],
    rules: ['missing'],
  },
  {
    name: 'an episode title that is empty text',
    files: { [EP1]: episodeFile(1, { title: '""' }) },
    expect: [`${EP1}:4:8: error: title is empty — add the episode's title, e.g. title: How a model learns`],
    rules: ['empty'],
  },
  {
    name: 'a title YAML reads as a number is to be quoted',
    files: { [EP1]: episodeFile(1, { title: '1984' }) },
    expect: [`${EP1}:4:8: error: title should be text, not the number 1984 — put it in quotes: title: "1984"`],
    rules: ['wrong-type'],
  },
  {
    name: 'a summary too long',
    files: { [EP1]: episodeFile(1, { summary: long(601) }) },
    expect: [`${EP1}:6:10: error: summary is 601 characters long, over the limit of 600 — shorten it by at least 1`],
    rules: ['too-long'],
  },
  {
    name: 'a number written in words',
    files: { [EP1]: episodeFile(1, { number: 'first' }) },
    expect: [`${EP1}:2:9: error: number should be a whole number, not text ("first") — e.g. number: 3`],
    rules: ['wrong-type'],
  },
  {
    name: 'a number with a fraction',
    files: { [EP1]: episodeFile(1, { number: '1.5' }) },
    expect: [`${EP1}:2:9: error: number should be a whole number, not 1.5 — e.g. number: 3`],
    rules: ['wrong-type'],
  },
  {
    name: 'a number below one',
    files: { [EP1]: episodeFile(1, { number: '0' }) },
    expect: [`${EP1}:2:9: error: number is 0, too small — use a number above 0`],
    rules: ['too-small'],
  },
  {
    name: 'a bad id',
    files: { [EP1]: episodeFile(1, { id: 'Episode_One' }) },
    expect: [`${EP1}:3:5: error: id "Episode_One" is not a valid id — use lower-case letters, digits and single hyphens, e.g. "ai-training"`],
    rules: ['bad-slug'],
  },
  {
    name: 'an id the build owns keeps its own message',
    files: { [EP1]: episodeFile(1, { id: 'audio' }) },
    expect: [`${EP1}:3:5: error: "audio" is a folder the build writes into: choose another id, e.g. "audio-basics"`],
    rules: ['reserved-name'],
  },
  {
    name: 'a date that is not a date',
    files: { [EP1]: episodeFile(1, { published: 'next tuesday' }) },
    expect: [`${EP1}:7:12: error: published "next tuesday" is not a date — write a real date as year-month-day, e.g. 2026-05-04`],
    rules: ['bad-date'],
  },
  {
    name: 'a day that does not exist',
    files: { [EP1]: episodeFile(1, { published: '2026-02-30' }) },
    expect: [`${EP1}:7:12: error: published "2026-02-30" is not a date — write a real date as year-month-day, e.g. 2026-05-04`],
    rules: ['bad-date'],
  },
  {
    name: 'a date that is only a year',
    files: { [EP1]: episodeFile(1, { published: '2026' }) },
    expect: [`${EP1}:7:12: error: published should be a date, not the number 2026 — write a real date as year-month-day, e.g. 2026-05-04`],
    rules: ['wrong-type'],
  },
  // across episodes
  {
    name: 'two episodes with one number',
    files: { [EP2]: episodeFile(1, { id: 'another' }) },
    expect: [`${EP2}:2:9: error: number 1 is also used by 01-episode-1.md — each episode needs its own number`],
    rules: ['duplicate-number'],
  },
  {
    name: 'two episodes with one id',
    files: { [EP2]: episodeFile(2, { id: 'episode-1' }) },
    expect: [`${EP2}:3:5: error: id episode-1 is also used by 01-episode-1.md — each episode needs its own id`],
    rules: ['duplicate-id'],
  },
  {
    name: 'a gap in the numbers',
    files: { [EP3]: episodeFile(5) },
    expect: [`${EP3}:2:9: error: episode numbers must run 1, 2, 3… without gaps — expected 3 here`],
    rules: ['number-gap'],
  },
  // line endings and byte-order marks change nothing but are no excuse for wrong positions
  {
    name: 'Windows line endings: positions still right',
    files: { [EP1]: episodeFile(1, { published: 'soon' }).replace(/\n/g, '\r\n') },
    expect: [`${EP1}:7:12: error: published "soon" is not a date — write a real date as year-month-day, e.g. 2026-05-04`],
    rules: ['bad-date'],
  },
  {
    name: 'a byte-order mark: columns on the first line still right',
    files: { 'series.yaml': `\ufeff${SERIES_YAML.replace('slug: tiny-test', 'slug: Tiny')}` },
    expect: ['series.yaml:1:7: error: slug "Tiny" is not a valid slug — use lower-case letters, digits and single hyphens, e.g. "ai-training"'],
    rules: ['bad-slug'],
  },
  // folders
  {
    name: 'no episodes folder',
    remove: ['episodes'],
    expect: ['episodes: error: episodes folder not found — add one Markdown file per episode there'],
    rules: ['folder-not-found'],
  },
];

async function findingsFor(c: Case) {
  const dir = await writeTinySeries();
  try {
    for (const path of c.remove ?? []) await rm(join(dir, path), { recursive: true });
    for (const [path, edit] of Object.entries(c.files ?? {})) {
      const full = join(dir, path);
      await writeFile(full, typeof edit === 'function' ? edit(await readFile(full, 'utf8')) : edit);
    }
    const { problems } = await inspectSeries(dir);
    return problems.map((p) => ({ text: formatProblem(p).split(`${dir}/`).join(''), rule: p.rule, severity: p.severity }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('every broken input is reported at its line and column, in plain words', () => {
  it('has a case for at least thirty broken inputs', () => {
    assert.ok(cases.length >= 30, `only ${cases.length} cases`);
  });

  for (const c of cases) {
    it(c.name, async () => {
      const found = await findingsFor(c);
      assert.deepEqual(
        found.map((f) => f.text),
        c.expect,
      );
      assert.deepEqual(
        found.map((f) => f.rule),
        c.rules,
      );
      assert.ok(found.every((f) => f.severity === 'error'));
    });
  }
});

describe('what a writer may do without being told off', () => {
  it('loads files with a byte-order mark and Windows line endings as if they had neither', async () => {
    const dir = await writeTinySeries();
    const crlf = (text: string) => `\ufeff${text.replace(/\n/g, '\r\n')}`;
    await writeFile(join(dir, 'series.yaml'), crlf(SERIES_YAML));
    await writeFile(join(dir, 'lexicon.yaml'), crlf('GPU: gee pee you\n'));
    await writeFile(join(dir, EP1), crlf(episodeFile(1)));
    const content = await loadSeries(dir);
    await rm(dir, { recursive: true, force: true });
    assert.equal(content.series.slug, 'tiny-test');
    assert.equal(content.lexicon.GPU, 'gee pee you');
    const plain = content.episodes[0]!;
    assert.equal(plain.title, 'Episode one');
    assert.doesNotMatch(plain.script, /\r|\ufeff/);
    assert.equal(plain.script, content.episodes[1]!.script.replace(/two/g, 'one'));
  });

  it('accepts an empty lexicon or one with comments only', async () => {
    for (const text of ['', '# terms go here\n']) {
      const dir = await writeTinySeries();
      await writeFile(join(dir, 'lexicon.yaml'), text);
      const content = await loadSeries(dir);
      await rm(dir, { recursive: true, force: true });
      assert.deepEqual(content.lexicon, {});
    }
  });

  it('reports a finding in every broken file at once, sorted by file and line', async () => {
    const dir = await writeTinySeries();
    await writeFile(join(dir, EP2), episodeFile(2, { published: 'soon', title: '' }));
    await writeFile(join(dir, EP1), episodeFile(1, { number: 'one' }));
    await writeFile(join(dir, 'series.yaml'), SERIES_YAML.replace('language: en', 'language: English'));
    await mkdir(join(dir, 'episodes', 'drafts'));
    const { problems } = await inspectSeries(dir);
    await rm(dir, { recursive: true, force: true });
    assert.deepEqual(
      problems.map((p) => `${p.file.slice(dir.length + 1)}:${p.line}`),
      [`${EP1}:2`, `${EP2}:2`, `${EP2}:6`, 'series.yaml:9'],
    );
  });
});
