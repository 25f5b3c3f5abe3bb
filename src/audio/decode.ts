/**
 * Decodes an MP3 with an independent decoder (mpg123 in WebAssembly), so `ninety verify` and the
 * tests check what a listener's player gets, not what the encoder believes it wrote.
 */
import { MPEGDecoder } from 'mpg123-decoder';

export interface DecodedMp3 {
  samples: Float32Array;
  sampleRate: number;
  channels: number;
  seconds: number;
  errors: number;
}

export async function decodeMp3(bytes: Uint8Array): Promise<DecodedMp3> {
  const decoder = new MPEGDecoder();
  await decoder.ready;
  try {
    const decoded = decoder.decode(bytes);
    const samples = decoded.channelData[0] ?? new Float32Array(0);
    return {
      samples,
      sampleRate: decoded.sampleRate,
      channels: modeChannels(bytes),
      seconds: decoded.samplesDecoded / decoded.sampleRate,
      errors: decoded.errors.length,
    };
  } finally {
    decoder.free();
  }
}

/** Channel mode from the first MPEG frame header (the decoder always hands back two arrays). */
function modeChannels(bytes: Uint8Array): number {
  let at = 0;
  if (bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33) {
    // Skip an ID3v2 tag: its size is a 28-bit synchsafe integer.
    const size = ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f);
    at = 10 + size;
  }
  while (at + 4 < bytes.length && !(bytes[at] === 0xff && (bytes[at + 1]! & 0xe0) === 0xe0)) at++;
  if (at + 4 >= bytes.length) return 0;
  return bytes[at + 3]! >> 6 === 3 ? 1 : 2;
}
