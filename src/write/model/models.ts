/**
 * The language model clients Ninety knows, by protocol. One protocol covers the servers people
 * use today (OpenAI, Ollama, llama.cpp, vLLM, LM Studio, LocalAI); a client for another is one
 * more line in `REGISTRY`, and passes `model.contract.ts` like the first.
 *
 * @example
 *   const settings = modelSettings(process.env, { model: flags.model });
 *   if ('problem' in settings) fail(settings.problem);
 *   const model = createModel(settings);
 */
import type { LanguageModel } from './model.js';
import { OpenAiCompatibleModel, type ModelOptions } from './openai.js';
import type { ModelSettings } from './settings.js';

const REGISTRY = {
  'openai-compatible': (settings: ModelSettings, options?: ModelOptions) => new OpenAiCompatibleModel(settings, options),
} satisfies Record<string, (settings: ModelSettings, options?: ModelOptions) => LanguageModel>;

export type ModelProtocol = keyof typeof REGISTRY;

export function createModel(settings: ModelSettings, options: ModelOptions & { protocol?: ModelProtocol } = {}): LanguageModel {
  const { protocol = 'openai-compatible', ...rest } = options;
  return REGISTRY[protocol](settings, rest);
}
