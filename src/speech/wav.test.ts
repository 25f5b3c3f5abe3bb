import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeWav, encodeWav } from './wav.js';

/** A WAV file with the given format fields and raw data bytes. */
function wav(format: number, bits: number, channels: number, data: number[], dataSize = data.length, extensible = false): Uint8Array {
  const fmtSize = extensible ? 40 : 16;
  const bytes = new Uint8Array(12 + 8 + fmtSize + 8 + data.length);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('RIFF'), 0);
  bytes.set(new TextEncoder().encode('WAVE'), 8);
  bytes.set(new TextEncoder().encode('fmt '), 12);
  view.setUint32(16, fmtSize, true);
  view.setUint16(20, extensible ? 0xfffe : format, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, 8000, true);
  view.setUint16(34, bits, true);
  if (extensible) view.setUint16(20 + 24, format, true);
  const dataAt = 20 + fmtSize;
  bytes.set(new TextEncoder().encode('data'), dataAt);
  view.setUint32(dataAt + 4, dataSize, true);
  bytes.set(data, dataAt + 8);
  return bytes;
}

describe('decodeWav', () => {
  it('round-trips 16-bit PCM exactly (what Flite writes)', () => {
    const samples = Float32Array.from([0, 0.5, -0.5, -1, 32767 / 32768]);
    assert.deepEqual(decodeWav(encodeWav({ samples, sampleRate: 16000 })), { samples, sampleRate: 16000 });
  });

  it('reads 24-bit and 8-bit integers and 32-bit floats', () => {
    assert.deepEqual([...decodeWav(wav(1, 24, 1, [0, 0, 0x40, 0, 0, 0xc0])).samples], [0.5, -0.5]);
    assert.deepEqual([...decodeWav(wav(1, 8, 1, [128, 192, 64])).samples], [0, 0.5, -0.5]);
    const float = new Uint8Array(new Float32Array([0.25, -2]).buffer);
    assert.deepEqual([...decodeWav(wav(3, 32, 1, [...float])).samples], [0.25, -1]);
  });

  it('reads the extensible header, and mixes channels down to mono', () => {
    const stereo = new Uint8Array(new Int16Array([16384, 0, -16384, -16384]).buffer);
    assert.deepEqual([...decodeWav(wav(1, 16, 2, [...stereo], stereo.length, true)).samples], [0.25, -0.5]);
  });

  it('reads a streamed file whose data size is unknown to its end', () => {
    const data = [...new Uint8Array(new Int16Array([16384, 16384, 16384]).buffer)];
    assert.equal(decodeWav(wav(1, 16, 1, data, 0xffffffff)).samples.length, 3);
    assert.equal(decodeWav(wav(1, 16, 1, data, 0)).samples.length, 3);
  });

  it('refuses formats it cannot read', () => {
    assert.throws(() => decodeWav(wav(2, 4, 1, [0])), /unsupported WAV format 2\/4-bit/);
    assert.throws(() => decodeWav(new TextEncoder().encode('ID3 not a wav')), /not a WAV file/);
  });
});
