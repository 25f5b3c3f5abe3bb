/**
 * Checks a drafted script as `ninety check` would (Markdown, addresses, digits and symbols the voice
 * cannot say, dialogue labels, length at the voices' pace) plus the grounding check, and says each
 * finding two ways: as a Problem for the user (file, line, field) and as a sentence for the model.
 *
 * @example
 *   const findings = checkDraft({ script, file: 'episodes/03-x.md' }, content, passages);
 *   if (findings.length) retry with findings.map((f) => f.forModel)
 */
import { dialogueProblems } from '../series/dialogue.js';
import { estimateSeconds, lintEpisode } from '../series/lint.js';
import type { Problem } from '../series/problems.js';
import type { Episode, SeriesContent } from '../series/schema.js';
import { ungroundedFigures, type Figure } from './grounding.js';

export interface DraftFinding {
  problem: Problem;
  forModel: string;
}

export interface DraftCheck {
  findings: DraftFinding[];
  /** Figures the script states that its passages do not contain (empty without passages). */
  ungrounded: Figure[];
}

export function checkDraft(
  draft: { script: string; file: string },
  content: SeriesContent,
  passages: readonly string[],
): DraftCheck {
  const episode = { script: draft.script, file: draft.file } as Episode;
  const problems = [
    ...dialogueProblems(episode, content.series.hosts, draft.script),
    ...lintEpisode(episode, draft.script, content),
  ];
  // The build fits a script to its length by changing the rate within the voice's bounds: a length
  // it can fit that way is no reason to ask the model again, nor to tell the user.
  const fits = lengthFits(draft.script, content);
  const findings = problems.filter((p) => !(p.rule === 'length' && fits)).map((problem) => ({ problem, forModel: forModel(problem) }));
  const ungrounded = passages.length > 0 ? ungroundedFigures(draft.script, passages) : [];
  if (ungrounded.length > 0) {
    const list = ungrounded.map((f) => `"${f.text}"`).join(', ');
    findings.push({
      problem: {
        file: draft.file,
        field: 'script',
        rule: 'ungrounded',
        severity: 'warning',
        message: `states ${list}, which its sources do not contain: check the figure against the sources, or cut it`,
      },
      forModel: `The script states ${list}, but the source passages do not contain ${ungrounded.length === 1 ? 'that figure' : 'those figures'}. Use only figures from the passages, or leave the figure out.`,
    });
  }
  return { findings, ungrounded };
}

/** Whether some rate within the voice's bounds brings the script within the target's tolerance. */
export function lengthFits(script: string, content: SeriesContent): boolean {
  const { voice, targetSeconds, toleranceSeconds } = content.series;
  const seconds = estimateSeconds(script, content);
  // Relative to the starting rate; pauses and the lead-in do not stretch, so this is a little generous.
  const shortest = (seconds * voice.minStretch) / voice.stretch;
  const longest = (seconds * voice.maxStretch) / voice.stretch;
  return shortest <= targetSeconds + toleranceSeconds && longest >= targetSeconds - toleranceSeconds;
}

function forModel(problem: Problem): string {
  const where = problem.line ? `Line ${problem.line} of the script: ` : '';
  // The model cannot edit lexicon.yaml; it can propose the term with its answer.
  const token = problem.rule === 'unsayable' ? /^"([^"]+)"/.exec(problem.message)?.[1] : undefined;
  if (token) return `${where}the voice cannot say "${token}" as written: list it in "terms" with how to say it in plain words, or write it out.`;
  return `${where}${problem.message}.`;
}
