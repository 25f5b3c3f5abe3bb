/**
 * Reads WAV files: the 16-bit PCM Flite writes, and what speech servers send — 8/24/32-bit
 * integer or 32-bit float samples, WAVE_FORMAT_EXTENSIBLE headers, and streamed files whose data
 * size is unknown (written as 0 or 0xFFFFFFFF: the data then runs to the end). Anything else is a
 * clear error rather than noise in an episode.
 */
import type { Pcm } from './engine.js';

const PCM = 1;
const FLOAT = 3;
const EXTENSIBLE = 0xfffe;

export function decodeWav(bytes: Uint8Array): Pcm {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
    throw new Error('not a WAV file');
  }
  let sampleRate = 0;
  let channels = 0;
  let bits = 0;
  let format = 0;
  for (let offset = 12; offset + 8 <= bytes.byteLength; ) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'fmt ') {
      format = view.getUint16(body, true);
      channels = view.getUint16(body + 2, true);
      sampleRate = view.getUint32(body + 4, true);
      bits = view.getUint16(body + 14, true);
      // The extensible header carries the real format in the first two bytes of its sub-format GUID.
      if (format === EXTENSIBLE && size >= 26) format = view.getUint16(body + 24, true);
      const known = (format === PCM && [8, 16, 24, 32].includes(bits)) || (format === FLOAT && bits === 32);
      if (!known) throw new Error(`unsupported WAV format ${format}/${bits}-bit`);
      if (channels < 1 || sampleRate < 1) throw new Error(`WAV header has ${channels} channels at ${sampleRate} Hz`);
    } else if (id === 'data') {
      if (!sampleRate) throw new Error('WAV data before its format');
      const streamed = size === 0xffffffff || (size === 0 && body < bytes.byteLength);
      const end = streamed ? bytes.byteLength : Math.min(body + size, bytes.byteLength);
      return { samples: readSamples(view, body, end, channels, bits, format), sampleRate };
    }
    offset = body + size + (size % 2);
  }
  throw new Error('WAV file has no data chunk');
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function readSamples(view: DataView, start: number, end: number, channels: number, bits: number, format: number) {
  const width = bits / 8;
  const frames = Math.floor((end - start) / (width * channels));
  const samples = new Float32Array(frames);
  if (bits === 16 && format === PCM && channels === 1 && LITTLE_ENDIAN && (view.byteOffset + start) % 2 === 0) {
    // The common case (Flite, most servers), read without a call per sample.
    const ints = new Int16Array(view.buffer, view.byteOffset + start, frames);
    for (let i = 0; i < frames; i++) samples[i] = ints[i]! / 32768;
    return samples;
  }
  const read = sampleReader(view, bits, format);
  for (let i = 0; i < frames; i++) {
    // Mix down to mono if a voice ever writes more than one channel.
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += read(start + (i * channels + c) * width);
    samples[i] = sum / channels;
  }
  return samples;
}

function sampleReader(view: DataView, bits: number, format: number): (at: number) => number {
  if (format === FLOAT) return (at) => Math.max(-1, Math.min(1, view.getFloat32(at, true)));
  switch (bits) {
    case 8:
      return (at) => (view.getUint8(at) - 128) / 128;
    case 16:
      return (at) => view.getInt16(at, true) / 32768;
    case 24:
      return (at) => ((view.getUint8(at + 2) << 24) | (view.getUint8(at + 1) << 16) | (view.getUint8(at) << 8)) / 2147483648;
    default:
      return (at) => view.getInt32(at, true) / 2147483648;
  }
}

/** A 16-bit mono PCM WAV file: what a speech server sends when asked for `wav`. */
export function encodeWav({ samples, sampleRate }: Pcm): Uint8Array {
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const text = (offset: number, value: string) => [...value].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, PCM, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  const ints = LITTLE_ENDIAN ? new Int16Array(bytes.buffer, 44, samples.length) : undefined;
  for (let i = 0; i < samples.length; i++) {
    const value = Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32768)));
    if (ints) ints[i] = value;
    else view.setInt16(44 + i * 2, value, true);
  }
  return bytes;
}
