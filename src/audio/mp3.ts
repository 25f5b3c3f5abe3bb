/**
 * MP3 encoding (LAME compiled to WebAssembly by `wasm-media-encoders`) and ID3v2 tags (`node-id3`).
 * LAME also resamples: Flite speaks at 16 kHz and the feed wants 44.1 kHz, and LAME's own
 * resampler is several times faster than a separate pass.
 */
import NodeID3 from 'node-id3';
import type { createMp3Encoder } from 'wasm-media-encoders';

export interface Mp3Options {
  outputSampleRate: 44100;
  bitrate: 64;
}

/** Encoder instances are reused: creating one compiles LAME again. */
let encoder: ReturnType<typeof createMp3Encoder> | undefined;

/**
 * LAME, compiled on first use (a build whose audio all comes from the cache never needs it), or
 * ahead of it by a caller with time to spare.
 */
export function loadMp3Encoder(): Promise<Awaited<ReturnType<typeof createMp3Encoder>>> {
  encoder ??= import('wasm-media-encoders').then((m) => m.createMp3Encoder());
  return encoder;
}

export async function encodeMp3(
  samples: Float32Array,
  sampleRate: number,
  options: Mp3Options = { outputSampleRate: 44100, bitrate: 64 },
): Promise<Uint8Array> {
  const lame = await loadMp3Encoder();
  lame.configure({ channels: 1, sampleRate, bitrate: options.bitrate, outputSampleRate: options.outputSampleRate });
  const chunks: Uint8Array[] = [];
  const block = sampleRate; // one second at a time keeps LAME's buffers small
  for (let at = 0; at < samples.length; at += block) {
    // encode() returns memory the encoder reuses on the next call, so each chunk is copied.
    chunks.push(lame.encode([samples.subarray(at, at + block)]).slice());
  }
  chunks.push(lame.finalize().slice());
  return concat(chunks);
}

export interface EpisodeTags {
  title: string;
  series: string;
  author: string;
  episode: number;
  year: string;
  language: string;
  cover?: Uint8Array;
}

/**
 * The ID3v2 tag that goes before an episode's audio. It is written as its own part, ahead of the
 * audio, so the build never joins a whole MP3 in memory only to find the file already written.
 */
export function id3Header(tags: EpisodeTags): Uint8Array {
  return NodeID3.create({
    title: tags.title,
    album: tags.series,
    artist: tags.author,
    performerInfo: tags.author,
    trackNumber: String(tags.episode),
    year: tags.year,
    language: tags.language,
    genre: 'Podcast',
    ...(tags.cover
      ? {
          image: {
            mime: 'image/png',
            type: { id: 3, name: 'front cover' },
            description: 'Cover',
            imageBuffer: Buffer.from(tags.cover),
          },
        }
      : {}),
  });
}

/** Buffer.concat: one allocation, not zero-filled first (each byte is written anyway). */
function concat(parts: readonly Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}
