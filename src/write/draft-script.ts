/**
 * One episode's script from the model: ask, check the draft as `ninety check` would (plus the
 * grounding check), send it back once with the findings, and keep the better of the two. What still
 * fails is returned, to be reported by file and field: the script is kept either way, since a
 * nearly right script is something the user can finish by hand.
 *
 * @example
 *   const draft = await draftScript(model, { input, content, file, passages });
 */
import { type DraftFinding, checkDraft } from './check-draft.js';
import type { Figure } from './grounding.js';
import { addUsage, type LanguageModel, NO_USAGE, type Usage } from './model/model.js';
import { repairMessages, scriptMessages, type ScriptInput } from './prompts/script.js';
import { scriptAnswer, type ScriptAnswer } from './answers.js';
import type { SeriesContent } from '../series/schema.js';

export interface DraftRequest {
  input: ScriptInput;
  /** The series' settings and lexicon, for the checks. */
  content: SeriesContent;
  /** The episode file, as findings name it. */
  file: string;
  /** Texts of the passages the model was given (empty without sources). */
  passages: readonly string[];
}

export interface Draft {
  answer: ScriptAnswer;
  findings: DraftFinding[];
  ungrounded: Figure[];
  repaired: boolean;
  usage: Usage;
}

export async function draftScript(model: LanguageModel, request: DraftRequest): Promise<Draft> {
  const purpose = `the script of episode ${request.input.index + 1}`;
  const messages = scriptMessages(request.input);
  const first = await model.generate({ purpose, messages, schema: scriptAnswer, schemaName: 'episode_script', temperature: 0.7 });
  const firstCheck = checkDraft({ script: first.value.script, file: request.file }, request.content, request.passages);
  const blocking = (findings: DraftFinding[]) => findings.filter((f) => f.problem.severity === 'error' || f.problem.rule === 'length' || f.problem.rule === 'ungrounded');
  if (blocking(firstCheck.findings).length === 0) {
    return { answer: first.value, ...firstCheck, repaired: false, usage: first.usage };
  }
  const retry = repairMessages(
    messages,
    JSON.stringify(first.value),
    blocking(firstCheck.findings).map((f) => f.forModel),
  );
  const second = await model.generate({ purpose, messages: retry, schema: scriptAnswer, schemaName: 'episode_script', temperature: 0.4 });
  const secondCheck = checkDraft({ script: second.value.script, file: request.file }, request.content, request.passages);
  const usage = addUsage(addUsage(NO_USAGE, first.usage), second.usage);
  // The repair is kept unless it made things worse.
  const better = blocking(secondCheck.findings).length <= blocking(firstCheck.findings).length;
  return better
    ? { answer: second.value, ...secondCheck, repaired: true, usage }
    : { answer: first.value, ...firstCheck, repaired: true, usage };
}
