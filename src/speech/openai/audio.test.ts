import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeWav } from '../wav.js';
import { AudioBodyError, decodeSpeech } from './audio.js';

const text = (s: string) => new TextEncoder().encode(s);
const tone = new Float32Array(160).map((_, i) => Math.sin(i / 5) * 0.5);

describe('decodeSpeech', () => {
  it('reads WAV whatever the content type says', async () => {
    const pcm = await decodeSpeech(encodeWav({ samples: tone, sampleRate: 16000 }), 'application/octet-stream');
    assert.equal(pcm.sampleRate, 16000);
    assert.equal(pcm.samples.length, 160);
  });

  it('reads raw 16-bit PCM at the rate the content type gives, else at 24 kHz', async () => {
    const raw = encodeWav({ samples: tone, sampleRate: 16000 }).subarray(44);
    assert.equal((await decodeSpeech(raw, 'audio/pcm;rate=22050')).sampleRate, 22050);
    const pcm = await decodeSpeech(raw, 'audio/pcm');
    assert.equal(pcm.sampleRate, 24000);
    assert.equal(pcm.samples.length, 160);
  });

  it('says what arrived when it is not audio', async () => {
    const cases: [Uint8Array, string, RegExp][] = [
      [new Uint8Array(0), 'audio/wav', /^an empty body instead of audio$/],
      [text('<!DOCTYPE html><title>Gateway</title>'), 'text/html', /^an HTML page \("Gateway"\) instead of audio$/],
      [text('{"status":"queued"}'), 'application/json', /^JSON instead of audio: \{"status":"queued"\}$/],
      [text('OggS\0\0\0'), 'audio/ogg', /^Ogg audio, which Ninety cannot read$/],
      [text('RIFF\0\0\0\0WAVEjunk'), 'audio/wav', /^a WAV file Ninety cannot read \(WAV file has no data chunk\)$/],
      [text('hello'), 'text/plain', /^text\/plain that is not audio \(5 bytes\)$/],
    ];
    for (const [body, type, pattern] of cases) {
      await assert.rejects(decodeSpeech(body, type), (error: Error) => {
        assert.ok(error instanceof AudioBodyError);
        assert.match(error.message, pattern);
        return true;
      });
    }
  });
});
