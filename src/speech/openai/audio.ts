/**
 * Turns a speech server's response body into PCM, whatever it chose to send: WAV (asked for),
 * raw 16-bit PCM (when the content type says so), or MP3 (servers that ignore the format asked
 * for). Anything else — an HTML page, JSON, an empty body — is an `AudioBodyError` saying what
 * arrived instead, so the caller can name the likely cause.
 *
 * @example
 *   const pcm = await decodeSpeech(body, 'audio/wav');
 */
import type { Pcm } from '../engine.js';
import { decodeWav } from '../wav.js';

export class AudioBodyError extends Error {}

/** OpenAI's `pcm` format: 16-bit little-endian mono at 24 kHz, unless the content type says otherwise. */
const DEFAULT_PCM_RATE = 24000;

export async function decodeSpeech(body: Uint8Array, contentType: string): Promise<Pcm> {
  if (body.byteLength === 0) throw new AudioBodyError('an empty body instead of audio');
  const type = contentType.toLowerCase();
  const head = String.fromCharCode(...body.subarray(0, 4));
  if (head === 'RIFF') {
    try {
      return decodeWav(body);
    } catch (error) {
      throw new AudioBodyError(`a WAV file Ninety cannot read (${(error as Error).message})`);
    }
  }
  if (/audio\/(pcm|l16)/.test(type)) return rawPcm(body, type);
  if (head.startsWith('ID3') || (body[0] === 0xff && (body[1]! & 0xe0) === 0xe0)) return mp3(body);
  if (head === 'OggS' || head === 'fLaC') {
    throw new AudioBodyError(`${head === 'OggS' ? 'Ogg' : 'FLAC'} audio, which Ninety cannot read`);
  }
  throw new AudioBodyError(describeNonAudio(body, type));
}

function rawPcm(body: Uint8Array, type: string): Pcm {
  const rate = Number(/rate=(\d+)/.exec(type)?.[1] ?? DEFAULT_PCM_RATE);
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const samples = new Float32Array(Math.floor(body.byteLength / 2));
  for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(i * 2, true) / 32768;
  return { samples, sampleRate: rate };
}

async function mp3(body: Uint8Array): Promise<Pcm> {
  let decode: typeof import('../../audio/decode.js').decodeMp3;
  try {
    // Loaded only when a server sends MP3: most ask-for-WAV servers never need it.
    decode = (await import('../../audio/decode.js')).decodeMp3;
  } catch {
    throw new AudioBodyError('MP3, and the MP3 decoder (mpg123-decoder) is not installed: run "npm ci"');
  }
  const decoded = await decode(body);
  if (decoded.samples.length === 0 && decoded.errors > 0) throw new AudioBodyError('an MP3 that does not decode');
  return { samples: decoded.samples, sampleRate: decoded.sampleRate };
}

function describeNonAudio(body: Uint8Array, type: string): string {
  const text = new TextDecoder().decode(body.subarray(0, 2000)).trim();
  if (/html/.test(type) || /^<(!doctype|html|head|body)/i.test(text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    return `an HTML page${title ? ` ("${title}")` : ''} instead of audio`;
  }
  if (/json/.test(type) || /^[{[]/.test(text)) return `JSON instead of audio: ${text.replace(/\s+/g, ' ').slice(0, 120)}`;
  return `${type || 'an unlabelled body'} that is not audio (${body.byteLength} bytes)`;
}
