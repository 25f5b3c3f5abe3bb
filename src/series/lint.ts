/**
 * Script lint for `ninety check`: finds what would sound wrong before any audio is made —
 * Markdown or addresses left in a script, digits and symbols the normaliser cannot say, jargon
 * with no lexicon entry, and scripts too long or short for the target. Each finding names the
 * file, the line and the column. A dialogue is linted as it is spoken: without its speaker labels, each host
 * at its own pace.
 */
import { gapCounts } from '../audio/assemble.js';
import { matchedStretches } from '../audio/hosts.js';
import { estimateSpeechSeconds } from '../speech/pace.js';
import { spokenForm, unsayable } from '../speech/normalise.js';
import { normalisesLanguage } from '../speech/languages.js';
import { dialogueSentences, scriptText, splitLabel } from './dialogue.js';
import type { Problem } from './problems.js';
import type { Episode, SeriesContent } from './schema.js';
import { DEFAULT_TURN_PAUSE_MS } from './turn-pause.js';
import { countWords } from './text.js';
import { seriesVoices, voicePace } from './voices.js';

/** Lead-in and tail the audio stage adds around an episode. */
const EDGES_SECONDS = 0.85;

const MARKDOWN: [RegExp, string][] = [
  [/^\s{0,3}#{1,6}\s/, 'a Markdown heading'],
  [/^\s*[-*+]\s+\S/, 'a Markdown list item'],
  [/^\s*\d+[.)]\s+\S/, 'a numbered list item'],
  [/^\s*>/, 'a Markdown quote'],
  [/\*\*|__|`/, 'Markdown emphasis or code'],
  [/\[[^\]]+\]\([^)]*\)/, 'a Markdown link'],
  [/(^|\s)_[^_\s][^_]*_(?=\s|[.,!?]|$)|(^|\s)\*[^*\s][^*]*\*(?=\s|[.,!?]|$)/, 'Markdown emphasis'],
];
const URL = /\bhttps?:\/\/\S+|\bwww\.\S+|\b[a-z0-9-]+\.(?:com|org|net|io|ai|dev)\b/i;

/**
 * Length at the series' starting rate: each voice's pace per spoken letter plus the pauses. In a
 * dialogue every host speaks at the stretch that matches the hosts' paces, as the build does.
 */
export function estimateSeconds(script: string, content: SeriesContent): number {
  const { voice, hosts } = content.series;
  const voices = seriesVoices(content.series);
  const paces = voices.map(voicePace);
  const stretches = hosts ? matchedStretches(paces, voice.stretch, { min: voice.minStretch, max: voice.maxStretch }) : [voice.stretch];
  const sentences = dialogueSentences(script, hosts);
  const gaps = gapCounts(sentences.map((s) => s.paragraph), sentences.map((s) => s.speaker));
  const turnPauseMs = voice.turnPauseMs ?? DEFAULT_TURN_PAUSE_MS;
  const pauses =
    (gaps.sentence * voice.sentencePauseMs + gaps.paragraph * voice.paragraphPauseMs + gaps.turn * turnPauseMs) / 1000;
  const speech = voices.reduce((sum, _, h) => {
    const spoken = sentences.filter((s) => (s.speaker ?? 0) === h).map((s) => spokenForm(s.text, content.lexicon, content.series.language));
    return sum + estimateSpeechSeconds(spoken, paces[h]!, stretches[h]!);
  }, 0);
  return speech + pauses + EDGES_SECONDS;
}

export function lintEpisode(episode: Episode, fileText: string, content: SeriesContent): Problem[] {
  const problems: Problem[] = [];
  const { series, lexicon } = content;
  // The loader hands over the script with Windows line endings made plain; count lines the same way.
  const plain = fileText.replace(/^\ufeff/, '').replace(/\r\n/g, '\n');
  const scriptStart = plain.indexOf(episode.script);
  const firstLine = scriptStart < 0 ? 1 : plain.slice(0, scriptStart).split('\n').length;
  const hosts = series.hosts?.map((h) => h.name);
  // A host's label is not spoken, so it is not linted either; columns still count it.
  const unlabelled = (line: string) => {
    const { label, text } = splitLabel(line);
    return label !== undefined && hosts?.includes(label) ? { text, offset: line.length - text.length } : { text: line, offset: 0 };
  };

  episode.script.split('\n').map(unlabelled).forEach(({ text, offset }, i) => {
    const line = firstLine + i;
    const at = (index: number, rule: string, message: string) =>
      problems.push({ file: episode.file, line, column: offset + Math.max(index, 0) + 1, field: 'script', rule, message, severity: 'error' });
    for (const [pattern, what] of MARKDOWN) {
      const found = pattern.exec(text);
      if (found) {
        const column = found.index + found[0].length - found[0].trimStart().length;
        at(column, 'markdown', `${what} in the script — scripts are read aloud: write it as plain speech`);
      }
    }
    const url = URL.exec(text);
    if (url) at(url.index, 'address', `an address (${url[0]}) in the script — move it to the sources and say the name instead`);
    // Other languages go to the engine as written: there is nothing the normaliser would say.
    const findings = normalisesLanguage(series.language) ? unsayable(text.replace(URL, (m) => ' '.repeat(m.length)), lexicon) : [];
    for (const finding of findings) {
      at(finding.index, 'unsayable', `"${finding.token}": ${finding.reason}`);
    }
  });

  const words = countWords(scriptText(episode.script, series.hosts));
  const seconds = estimateSeconds(episode.script, content);
  const target = series.targetSeconds;
  if (Math.abs(seconds - target) > series.toleranceSeconds) {
    const perWord = seconds / words;
    const change = Math.round((seconds - target) / perWord);
    problems.push({
      file: episode.file,
      line: firstLine,
      column: 1,
      field: 'script',
      rule: 'length',
      severity: 'warning',
      message: `${words} words is about ${Math.round(seconds)} s against a target of ${target} s — ${
        change > 0 ? `cut about ${change}` : `add about ${-change}`
      } words (the build adjusts the rate a little, within the voice's bounds)`,
    });
  }
  return problems;
}
