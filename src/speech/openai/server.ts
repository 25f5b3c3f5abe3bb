/**
 * A small speech server on loopback that speaks the OpenAI speech protocol with Flite behind it:
 * real requests, real speech, for the tests and the benchmark. It answers `POST /v1/audio/speech`
 * and `GET /v1/models` the way OpenAI does (errors included), and can be told to misbehave —
 * 429, 503, a hang, a reset connection, an HTML page, an empty body — for the next requests.
 * Its voices are Flite's, and some of OpenAI's names answered by them (as openedai-speech answers
 * them with Piper voices), so a series can name `alloy` and build against it.
 *
 * @example
 *   const server = await startSpeechServer({ apiKey: 'sk-test' });
 *   server.inject({ status: 429, headers: { 'retry-after': '0' } }); // the next request is refused once
 *   // … point the engine at server.url …
 *   await server.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readBody, send, sendOpenAiError } from '../../testkit/openai-http.js';
import { encodeMp3 } from '../../audio/mp3.js';
import type { SpeechEngine } from '../engine.js';
import { createFliteEngine, FLITE_VOICES } from '../flite.js';
import { encodeWav } from '../wav.js';

/** How to answer one request instead of speaking (`speak`: answer it properly, to space faults out). */
export type Fault =
  | { status: number; body?: string; headers?: Record<string, string> }
  | 'speak'
  | 'hang'
  | 'reset'
  | 'html'
  | 'empty'
  | 'zero-length';

export interface SpeechServerOptions {
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  models?: readonly string[];
  /** `mp3` answers MP3 whatever format was asked for, as some servers do. */
  reply?: 'as-asked' | 'mp3';
  /** Extra time before each answer, as a busy or distant server takes. */
  latencyMs?: number;
}

export interface SpeechRequest {
  model: string;
  voice: string;
  input: string;
  speed?: number;
  response_format?: string;
}

export interface SpeechServer {
  /** The API address, e.g. http://127.0.0.1:40123/v1. */
  url: string;
  /** Every `/audio/speech` request received, in order (faulted ones included). */
  requests: SpeechRequest[];
  /** The most `/audio/speech` requests that were open at once. */
  readonly peakInFlight: number;
  /** Answers the next requests with these, one each, before speaking again. */
  inject(...faults: Fault[]): void;
  close(): Promise<void>;
}

const ERROR_TYPE = 'invalid_request_error';

/** OpenAI's voice names answered by Flite voices, as openedai-speech answers them with Piper voices. */
const OPENAI_NAMES: Record<string, string> = { alloy: 'slt', echo: 'rms', fable: 'awb', nova: 'slt', onyx: 'kal16', shimmer: 'kal' };
const VOICES = [...FLITE_VOICES, ...Object.keys(OPENAI_NAMES)];

export async function startSpeechServer(options: SpeechServerOptions = {}): Promise<SpeechServer> {
  const models = options.models ?? ['tts-1', 'tts-1-hd'];
  const flite: SpeechEngine = await createFliteEngine();
  const faults: Fault[] = [];
  const requests: SpeechRequest[] = [];
  const sockets = new Set<Socket>();
  let inFlight = 0;
  let peakInFlight = 0;
  // Flite runs one sentence at a time; requests queue behind each other, as on a one-GPU server.
  let queue: Promise<unknown> = Promise.resolve();

  const server = createServer((req, res) => {
    const speech = req.url === '/v1/audio/speech';
    if (speech) peakInFlight = Math.max(peakInFlight, ++inFlight);
    if (speech) res.on('close', () => inFlight--);
    void handle(req, res).catch((error: Error) => sendError(res, 500, error.message, 'server_error'));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const speech = req.method === 'POST' && req.url === '/v1/audio/speech';
    let parsed: SpeechRequest | undefined;
    if (speech) {
      try {
        parsed = JSON.parse(body) as SpeechRequest;
        requests.push(parsed);
      } catch {
        return sendError(res, 400, 'We could not parse the JSON body of your request.', null);
      }
    }
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return sendError(
        res,
        401,
        req.headers.authorization ? 'Incorrect API key provided.' : "You didn't provide an API key.",
        'invalid_api_key',
      );
    }
    if (req.method === 'GET' && req.url === '/v1/models') {
      return send(res, 200, 'application/json', JSON.stringify({ object: 'list', data: models.map((id) => ({ id, object: 'model' })) }));
    }
    if (!parsed) return sendError(res, 404, `no route ${req.method} ${req.url}`, null);
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    const fault = faults.shift();
    if (fault && fault !== 'speak') return misbehave(fault, req, res);

    if (!models.includes(parsed.model)) {
      return sendError(res, 404, `The model '${parsed.model}' does not exist or you do not have access to it.`, 'model_not_found');
    }
    if (!VOICES.includes(parsed.voice)) {
      const supported = VOICES.map((v) => `'${v}'`).join(', ');
      return sendError(res, 400, `Invalid value for 'voice' = ${parsed.voice}. Supported values are: ${supported}.`, 'invalid_value');
    }
    const speed = parsed.speed ?? 1;
    if (!(speed >= 0.25 && speed <= 4)) return sendError(res, 400, `Invalid 'speed': ${speed}; it must be from 0.25 to 4.`, 'invalid_value');
    if (typeof parsed.input !== 'string' || !parsed.input.trim()) return sendError(res, 400, "'input' is required.", null);

    const format = options.reply === 'mp3' ? 'mp3' : (parsed.response_format ?? 'mp3');
    const voice = OPENAI_NAMES[parsed.voice] ?? parsed.voice;
    const spoken = queue.then(() => flite.synthesize(parsed.input, { voice, stretch: 1 / speed }));
    queue = spoken.catch(() => undefined);
    const pcm = await spoken;
    if (format === 'wav') return send(res, 200, 'audio/wav', encodeWav(pcm));
    if (format === 'mp3') return send(res, 200, 'audio/mpeg', await encodeMp3(pcm.samples, pcm.sampleRate));
    if (format === 'pcm') {
      const wav = encodeWav(pcm);
      return send(res, 200, `audio/pcm;rate=${pcm.sampleRate}`, wav.subarray(44));
    }
    return sendError(res, 400, `Unsupported response_format '${format}': use wav, pcm or mp3.`, 'invalid_value');
  }

  function misbehave(fault: Exclude<Fault, 'speak'>, req: IncomingMessage, res: ServerResponse): void {
    if (fault === 'hang') return; // never answers; close() tears the socket down
    if (fault === 'reset') return void req.socket.destroy();
    if (fault === 'html') {
      return send(res, 200, 'text/html; charset=utf-8', '<!doctype html><html><head><title>Sign in</title></head><body>Please sign in.</body></html>');
    }
    if (fault === 'empty') return send(res, 200, 'audio/wav', new Uint8Array(0));
    if (fault === 'zero-length') return send(res, 200, 'audio/wav', encodeWav({ samples: new Float32Array(0), sampleRate: 16000 }));
    const json = fault.body ?? JSON.stringify({ error: { message: `injected ${fault.status}`, type: ERROR_TYPE, param: null, code: null } });
    res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
    res.end(json);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get peakInFlight() {
      return peakInFlight;
    },
    inject: (...more) => void faults.push(...more),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function sendError(res: ServerResponse, status: number, message: string, code: string | null): void {
  sendOpenAiError(res, status, message, code, ERROR_TYPE);
}
