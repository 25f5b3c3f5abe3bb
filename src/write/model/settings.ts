/**
 * Settings of the language model that writes series, read from the environment (and the
 * command's `--base-url` / `--model` flags, which win). Pure: the environment is a parameter.
 *
 *   NINETY_LLM_BASE_URL         the OpenAI-compatible API address, e.g. http://localhost:11434/v1
 *                               (default https://api.openai.com/v1 when a key is set)
 *   NINETY_LLM_API_KEY          the key, sent as a bearer token (falls back to OPENAI_API_KEY)
 *   NINETY_LLM_MODEL            the model's name as the server knows it (required)
 *   NINETY_LLM_TIMEOUT_SECONDS  how long one answer may take (default 120)
 *
 * @example
 *   const settings = modelSettings(process.env, { model: 'llama3.1' });
 *   if ('problem' in settings) fail(settings.problem);
 *   else model = createModel(settings);
 */

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_TIMEOUT_SECONDS = 120;

export interface ModelSettings {
  /** The API address without a trailing slash and without credentials. */
  baseUrl: string;
  apiKey?: string;
  /** Which variable the key came from, for messages. */
  keyVariable: 'NINETY_LLM_API_KEY' | 'OPENAI_API_KEY';
  model: string;
  timeoutMs: number;
}

/** Why no model can be used as configured: one line that says what to set, with examples. */
export interface SettingsProblem {
  problem: string;
}

export interface ModelFlags {
  baseUrl?: string;
  model?: string;
}

const EXAMPLES =
  'e.g. export NINETY_LLM_BASE_URL=http://localhost:11434/v1 NINETY_LLM_MODEL=llama3.1 (Ollama), ' +
  'or NINETY_LLM_API_KEY=sk-… NINETY_LLM_MODEL=gpt-4o-mini for OpenAI';

export const NOT_CONFIGURED = `no language model is configured: set NINETY_LLM_BASE_URL and NINETY_LLM_MODEL, ${EXAMPLES}`;

export function modelSettings(env: NodeJS.ProcessEnv, flags: ModelFlags = {}): ModelSettings | SettingsProblem {
  const ownKey = env.NINETY_LLM_API_KEY?.trim();
  const apiKey = ownKey || env.OPENAI_API_KEY?.trim() || undefined;
  const keyVariable = ownKey || !apiKey ? 'NINETY_LLM_API_KEY' : 'OPENAI_API_KEY';
  const urlSource = flags.baseUrl?.trim() ? '--base-url' : 'NINETY_LLM_BASE_URL';
  const givenUrl = flags.baseUrl?.trim() || env.NINETY_LLM_BASE_URL?.trim();
  const model = flags.model?.trim() || env.NINETY_LLM_MODEL?.trim();

  // A key alone means OpenAI; nothing at all means the user has not chosen a model yet.
  if (!givenUrl && !apiKey) return { problem: NOT_CONFIGURED };
  const baseUrl = checkedUrl(givenUrl ?? OPENAI_BASE_URL, urlSource);
  if (typeof baseUrl !== 'string') return baseUrl;

  if (!model) {
    const example = new URL(baseUrl).hostname === 'api.openai.com' ? 'gpt-4o-mini' : 'llama3.1 for Ollama';
    return { problem: `no model is named for ${baseUrl}: set NINETY_LLM_MODEL (or --model) to a model the server has, e.g. ${example}` };
  }
  if (!apiKey && new URL(baseUrl).hostname === 'api.openai.com') {
    return { problem: `the OpenAI API needs a key: set NINETY_LLM_API_KEY, or point NINETY_LLM_BASE_URL at a local server (${EXAMPLES})` };
  }
  const seconds = env.NINETY_LLM_TIMEOUT_SECONDS?.trim();
  let timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
  if (seconds) {
    timeoutSeconds = Number(seconds);
    if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 3600) {
      return { problem: `NINETY_LLM_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 3600, got "${seconds}"` };
    }
  }
  return { baseUrl, ...(apiKey ? { apiKey } : {}), keyVariable, model, timeoutMs: timeoutSeconds * 1000 };
}

/** The address without a trailing slash, or the problem with it, naming where it came from. */
function checkedUrl(given: string, source: string): string | SettingsProblem {
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    return { problem: `${source} must be an http:// or https:// address such as http://localhost:11434/v1, got "${given}"` };
  }
  if (!/^https?:$/.test(url.protocol)) {
    return { problem: `${source} must be an http:// or https:// address such as http://localhost:11434/v1, got "${given}"` };
  }
  // fetch refuses addresses with credentials, and the address is printed: the key has its own variable.
  if (url.username || url.password) {
    return { problem: `${source} must not contain a user name or password: put the key in NINETY_LLM_API_KEY` };
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}
