/**
 * Is the configured speech server usable right now? Asks `GET {base}/models` with a short
 * timeout: costs nothing on paid APIs, and any HTTP answer proves the server is there. A refused
 * key or a server that does not answer makes it unusable, with what to set.
 */
import type { EngineStatus } from '../engines.js';
import { request, TransportError } from './http.js';
import { serverMessage } from './engine.js';
import type { OpenAiSettings } from './settings.js';

const START = 'e.g. export NINETY_TTS_BASE_URL=http://localhost:8880/v1';

export async function openAiStatus(settings: OpenAiSettings, timeoutMs: number): Promise<EngineStatus> {
  if (settings.problem) return { usable: false, detail: 'not configured', fix: settings.problem };
  const url = new URL(`${settings.baseUrl}/models`);
  const started = performance.now();
  let response;
  try {
    response = await request(url, {
      method: 'GET',
      timeoutMs,
      maxBytes: 4 * 1024 * 1024,
      headers: { accept: 'application/json', ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}) },
    });
  } catch (error) {
    const why = error instanceof TransportError ? error.message : String(error);
    return {
      usable: false,
      detail: `no answer from ${settings.baseUrl} (${why})`,
      fix: `start the speech server, or set NINETY_TTS_BASE_URL to its address (${START})`,
    };
  }
  const ms = Math.round(performance.now() - started);
  if (response.status === 401 || response.status === 403) {
    return {
      usable: false,
      detail: `${settings.baseUrl} refused ${settings.apiKey ? 'the API key' : 'a request without an API key'} (${response.status})`,
      fix: 'set NINETY_TTS_API_KEY to a key this server accepts',
    };
  }
  if (response.status >= 500) {
    const says = serverMessage(response);
    return {
      usable: false,
      detail: `${settings.baseUrl} answered ${response.status}${says ? ` ("${says}")` : ''}`,
      fix: "check the speech server's log",
    };
  }
  const detail = `${settings.baseUrl} answered in ${ms} ms`;
  const models = listedModels(response.status, response.body);
  if (!models) return { usable: true, detail: `${detail} (it does not list its models)` };
  if (models.includes(settings.model)) return { usable: true, detail: `${detail}; it has model ${settings.model}` };
  return {
    usable: true,
    detail: `${detail}, but model ${settings.model} is not among those it lists (${models.slice(0, 8).join(', ')}${
      models.length > 8 ? ', …' : ''
    }): set NINETY_TTS_MODEL or voice.model in series.yaml to one of them`,
  };
}

function listedModels(status: number, body: Uint8Array): string[] | undefined {
  if (status !== 200) return undefined;
  try {
    const json = JSON.parse(new TextDecoder().decode(body)) as { data?: { id?: unknown }[] };
    const ids = json.data?.map((m) => m.id).filter((id): id is string => typeof id === 'string');
    return ids && ids.length > 0 ? ids : undefined;
  } catch {
    return undefined;
  }
}
