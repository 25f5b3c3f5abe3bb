import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { episodeFile, SERIES_YAML, writeTinySeries } from '../testkit/series.js';
import { dialogueProblems, dialogueSentences, paragraphLines, scriptText, splitLabel } from './dialogue.js';
import { loadSeries } from './load.js';
import { ContentError, formatProblem, type Problem } from './problems.js';

const hosts = [{ name: 'Ada' }, { name: 'Ben' }];
const DIALOGUE = 'Ada: Hello there. Nice day.\n\nBen: It is.\n\nBen: Really.\n\nAda: Bye.';

describe('splitLabel', () => {
  it('takes the name before the first colon of a paragraph, and the text after it', () => {
    assert.deepEqual(splitLabel('Ada: Hello: there.'), { label: 'Ada', text: 'Hello: there.' });
    assert.deepEqual(splitLabel('Mary Ann: Hi.'), { label: 'Mary Ann', text: 'Hi.' });
    assert.deepEqual(splitLabel('Ada:\nHello.'), { label: 'Ada', text: 'Hello.' });
  });
  it('finds no label in ordinary sentences, times or long lead-ins', () => {
    assert.deepEqual(splitLabel('At 10:30 we met.'), { text: 'At 10:30 we met.' });
    assert.deepEqual(splitLabel('So the rule is this: train small.'), { text: 'So the rule is this: train small.' });
    assert.deepEqual(splitLabel('Ratio:2'), { text: 'Ratio:2' });
  });
});

describe('dialogueSentences', () => {
  it('gives each sentence its paragraph and the index of its host, without the label', () => {
    assert.deepEqual(dialogueSentences(DIALOGUE, hosts), [
      { text: 'Hello there.', paragraph: 0, speaker: 0 },
      { text: 'Nice day.', paragraph: 0, speaker: 0 },
      { text: 'It is.', paragraph: 1, speaker: 1 },
      { text: 'Really.', paragraph: 2, speaker: 1 },
      { text: 'Bye.', paragraph: 3, speaker: 0 },
    ]);
  });
  it('is the one-voice sentence split, speaker-free and labels kept, when the series has no hosts', () => {
    assert.deepEqual(dialogueSentences('Note: this is said.\n\nAll of it.'), [
      { text: 'Note: this is said.', paragraph: 0 },
      { text: 'All of it.', paragraph: 1 },
    ]);
  });
});

describe('scriptText', () => {
  it('drops the labels of a dialogue and keeps a monologue as written', () => {
    assert.equal(scriptText(DIALOGUE, hosts), 'Hello there. Nice day.\n\nIt is.\n\nReally.\n\nBye.');
    assert.equal(scriptText(DIALOGUE), DIALOGUE);
  });
});

describe('paragraphLines', () => {
  it('counts each paragraph from the first line of the script, blank runs included', () => {
    assert.deepEqual(paragraphLines('One\ntwo\n\nThree\n\n\n  Four\n \nFive'), [0, 3, 6, 8]);
  });
});

describe('dialogueProblems', () => {
  const file = 'episodes/01-x.md';
  const fileText = (script: string) => `---\nnumber: 1\n---\n${script}\n`;
  /** `null`: a series without hosts. */
  const check = (script: string, withHosts: typeof hosts | null = hosts): Problem[] =>
    dialogueProblems({ script, file }, withHosts ?? undefined, fileText(script));

  it('accepts a dialogue in which every paragraph opens with a host and both speak', () => {
    assert.deepEqual(check(DIALOGUE), []);
  });

  it('names a label that is no host, on its line, and lists the hosts', () => {
    const [problem, ...more] = check('Ada: Hi.\n\nCam: Hello.\n\nBen: Hey.');
    assert.equal(more.length, 0);
    assert.deepEqual({ line: problem!.line, field: problem!.field }, { line: 6, field: 'script' });
    assert.match(problem!.message, /"Cam:" names no host: begin the paragraph with "Ada:" or "Ben:"/);
  });

  it('suggests the host when only the case of the label differs', () => {
    const [problem] = check('Ada: Hi.\n\nben: Hello.');
    assert.match(problem!.message, /"ben:" names no host: write it as in series.yaml, "Ben:"/);
  });

  it('refuses a dialogue with one speaker, naming who else could speak', () => {
    const [problem, ...more] = check('Ada: Hi.\n\nAda: Hello again.');
    assert.equal(more.length, 0);
    assert.equal(problem!.line, 4);
    assert.match(problem!.message, /only Ada speaks in this dialogue: give Ben a turn too \(a paragraph beginning "Ben:"\)/);
  });

  it('names each unlabelled paragraph of a script that mixes labelled and unlabelled ones', () => {
    const problems = check('Ada: Hi.\n\nAnd then some.\n\nBen: Hey.\n\nMore.');
    assert.deepEqual(problems.map((p) => p.line), [6, 10]);
    assert.match(problems[0]!.message, /no speaker label, unlike the others: begin it with "Ada:" or "Ben:"/);
  });

  it('says once that a script of a series with hosts has no labels at all', () => {
    const problems = check('Hello there.\n\nA monologue.');
    assert.equal(problems.length, 1);
    assert.match(problems[0]!.message, /series.yaml lists hosts \(Ada and Ben\) but this script has no speaker labels/);
  });

  it('refuses a label with nothing after it', () => {
    const [problem] = check('Ada: Hi.\n\nBen:\n\nAda: So.');
    assert.match(problem!.message, /nothing follows "Ben:"/);
  });

  it('refuses a labelled dialogue in a series without hosts, and leaves ordinary scripts alone', () => {
    const [problem] = check('Ada: Hi.\n\nBen: Hey.', null);
    assert.match(problem!.message, /is a dialogue \(its paragraphs begin with "Ada:" and "Ben:"\) but series.yaml lists no hosts/);
    assert.deepEqual(check('Note: one thing.\n\nAnother paragraph.', null), []);
    assert.deepEqual(check('Step: one.\n\nStep: two.', null), []);
  });
});

/** Loads the tiny series changed by `change`; returns the problems it is refused with (or none). */
async function problemsFor(change: (dir: string) => Promise<void>): Promise<Problem[]> {
  const dir = await writeTinySeries(undefined, 2);
  try {
    await change(dir);
    await loadSeries(dir);
    return [];
  } catch (error) {
    assert.ok(error instanceof ContentError, `expected a ContentError, got ${String(error)}`);
    return error.problems;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const HOSTS_YAML = 'hosts:\n  - name: Ada\n    voice: slt\n  - name: Ben\n    voice: rms\n';
const withHosts = (dir: string, hostsYaml = HOSTS_YAML) => writeFile(join(dir, 'series.yaml'), `${SERIES_YAML}${hostsYaml}`);
const script = (dir: string, n: number, text: string) =>
  writeFile(join(dir, 'episodes', `0${n}-episode-${n}.md`), episodeFile(n, { script: text }));
const twoDialogues = async (dir: string) => {
  await withHosts(dir);
  await script(dir, 1, 'Ada: A GPU learns by reading.\n\nBen: And LoRA makes it cheaper.');
  await script(dir, 2, 'Ben: Part two.\n\nAda: Still short.');
};

describe('loading a series with hosts', () => {
  it('loads a series whose scripts are all dialogues of its hosts', async () => {
    assert.deepEqual(await problemsFor(twoDialogues), []);
  });

  it('reports the file and line of a label that names no host', async () => {
    const problems = await problemsFor(async (dir) => {
      await twoDialogues(dir);
      await script(dir, 2, 'Ben: Part two.\n\nCam: Still short.');
    });
    assert.equal(problems.length, 1);
    // The front matter takes 14 lines, then comes the script.
    assert.match(formatProblem(problems[0]!), /02-episode-2\.md:17(:\d+)?: error: "Cam:" names no host/);
  });

  it('refuses a script without labels in a series with hosts', async () => {
    const problems = await problemsFor(async (dir) => {
      await twoDialogues(dir);
      await script(dir, 1, 'A GPU learns by reading.\n\nLoRA makes it cheaper.');
    });
    assert.match(problems[0]!.message, /lists hosts \(Ada and Ben\) but this script has no speaker labels/);
    assert.match(problems[0]!.file, /01-episode-1\.md$/);
  });

  const schemaCases: { name: string; hosts: string; field: string; message: RegExp }[] = [
    {
      name: 'two hosts with one name',
      hosts: 'hosts:\n  - name: Ada\n    voice: slt\n  - name: ada\n    voice: rms\n',
      field: 'hosts.1.name',
      message: /"ada" is also the name of host 1: give each host a name of their own/,
    },
    {
      name: 'a host without a voice',
      hosts: 'hosts:\n  - name: Ada\n  - name: Ben\n    voice: rms\n',
      field: 'hosts.0.voice',
      message: /give each host a voice, e.g. "voice: slt"/,
    },
    {
      name: 'a host without a name',
      hosts: 'hosts:\n  - voice: slt\n  - name: Ben\n    voice: rms\n',
      field: 'hosts.0.name',
      message: /give each host a name/,
    },
    {
      name: 'a host whose name holds a colon',
      hosts: 'hosts:\n  - name: "Ada: the host"\n    voice: slt\n  - name: Ben\n    voice: rms\n',
      field: 'hosts.0.name',
      message: /no colon/,
    },
    {
      name: 'a single host',
      hosts: 'hosts:\n  - name: Ada\n    voice: slt\n',
      field: 'hosts',
      message: /at least two hosts, or leave hosts out and set voice for a single narrator/,
    },
    {
      name: 'an unknown field on a host',
      hosts: 'hosts:\n  - name: Ada\n    voice: slt\n    pitch: 3\n  - name: Ben\n    voice: rms\n',
      field: 'hosts.0',
      message: /pitch/,
    },
  ];
  for (const c of schemaCases) {
    it(`refuses ${c.name}, naming the field`, async () => {
      const problems = await problemsFor((dir) => withHosts(dir, c.hosts));
      // An unknown key is reported on the key itself (hosts.0.pitch).
      const found = problems.find((p) => p.field === c.field) ?? problems.find((p) => p.field?.startsWith(`${c.field}.`));
      assert.ok(found, `no problem on ${c.field}: ${problems.map(formatProblem).join('; ')}`);
      assert.match(found.message, c.message);
      assert.match(found.file, /series\.yaml$/);
    });
  }

  it('accepts a turn pause in the voice settings and refuses one out of range', async () => {
    const set = (ms: number) => async (dir: string) => {
      await twoDialogues(dir);
      const text = await readFile(join(dir, 'series.yaml'), 'utf8');
      await writeFile(join(dir, 'series.yaml'), `${text}voice:\n  turnPauseMs: ${ms}\n`);
    };
    assert.deepEqual(await problemsFor(set(250)), []);
    const [problem] = await problemsFor(set(-5));
    assert.equal(problem!.field, 'voice.turnPauseMs');
  });
});
