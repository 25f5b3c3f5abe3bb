import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { matchedStretches } from '../audio/hosts.js';
import { toSpoken } from '../speech/normalise.js';
import { estimateSpeechSeconds } from '../speech/pace.js';
import { episodeFile, SERIES_YAML, writeTinySeries } from '../testkit/series.js';
import { estimateSeconds, lintEpisode } from './lint.js';
import { loadSeries } from './load.js';
import type { SeriesContent } from './schema.js';
import { voicePace } from './voices.js';

const HOSTS = 'hosts:\n  - name: AJ\n    voice: slt\n  - name: Ben\n    voice: rms\n';
const SCRIPT = 'AJ: A GPU learns by reading. It guesses the next word.\n\nBen: LoRA makes that cheaper, and it is simple.\n\nAJ: So.';

describe('linting a dialogue', () => {
  let dir: string;
  let content: SeriesContent;
  let fileText: string;

  before(async () => {
    dir = await writeTinySeries(undefined, 1);
    await writeFile(join(dir, 'series.yaml'), `${SERIES_YAML}${HOSTS}`);
    fileText = episodeFile(1, { script: SCRIPT });
    await writeFile(join(dir, 'episodes', '01-episode-1.md'), fileText);
    content = await loadSeries(dir);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('does not lint the speaker labels, which are never spoken', () => {
    const problems = lintEpisode(content.episodes[0]!, fileText, content);
    assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
    // An all-capitals word in the spoken text is still jargon without a lexicon entry.
    const shouted = episodeFile(1, { script: SCRIPT.replace('It guesses', 'AJ guesses') });
    const withJargon = lintEpisode({ ...content.episodes[0]!, script: SCRIPT.replace('It guesses', 'AJ guesses') }, shouted, content);
    assert.equal(withJargon.filter((p) => /"AJ"/.test(p.message)).length, 1);
  });

  it('estimates the length with each host at its own pace and matched stretch, and turn pauses', () => {
    const { voice } = content.series;
    const paces = [voicePace({ engine: 'flite', voice: 'slt' }), voicePace({ engine: 'flite', voice: 'rms' })];
    const stretches = matchedStretches(paces, voice.stretch, { min: voice.minStretch, max: voice.maxStretch });
    const said = (texts: string[]) => texts.map((t) => toSpoken(t, content.lexicon));
    const speech =
      estimateSpeechSeconds(said(['A GPU learns by reading.', 'It guesses the next word.', 'So.']), paces[0]!, stretches[0]!) +
      estimateSpeechSeconds(said(['LoRA makes that cheaper, and it is simple.']), paces[1]!, stretches[1]!);
    // One sentence pause inside the first turn, two turn pauses (400 ms by default), the edges.
    const expected = speech + (350 + 2 * 400) / 1000 + 0.85;
    assert.ok(Math.abs(estimateSeconds(SCRIPT, content) - expected) < 1e-9, `${estimateSeconds(SCRIPT, content)} vs ${expected}`);
  });

  it('counts the words that are said, not the labels', () => {
    const [warning] = lintEpisode(content.episodes[0]!, fileText, content).filter((p) => p.severity === 'warning');
    assert.match(warning!.message, /^19 words is about/);
  });
});
