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
import { withTerms } from './terms.js';
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
  const check = (answer: ScriptAnswer) => {
    // The pronunciations the answer proposes go to lexicon.yaml with it: check the script as it will be said.
    const content = { ...request.content, lexicon: withTerms(request.content.lexicon, answer, request.content.series.hosts?.map((h) => h.name)) };
    return checkDraft({ script: answer.script, file: request.file }, content, request.passages);
  };
  const firstCheck = check(first.value);
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
  const secondCheck = check(second.value);
  const usage = addUsage(addUsage(NO_USAGE, first.usage), second.usage);
  // The repair is kept unless it made things worse.
  const better = blocking(secondCheck.findings).length <= blocking(firstCheck.findings).length;
  return better
    ? { answer: second.value, ...secondCheck, repaired: true, usage }
    : { answer: first.value, ...firstCheck, repaired: true, usage };
}
