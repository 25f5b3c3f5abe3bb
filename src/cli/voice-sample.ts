/**
 * A short MP3 of some text in one voice, made the way an episode is: sentence by sentence, edge
 * silence trimmed, the series' default pauses between sentences, mastered to the podcast loudness
 * and encoded at the feed's rate. What `ninety voices --say` writes.
 *
 * @example
 *   const { mp3, seconds } = await speakSample({ text: 'Hello there.', engine: 'flite', voice: 'slt', language: 'en' });
 */
import { assemble, trimSilence } from '../audio/assemble.js';
import { loudnessMeter } from '../audio/ebur128.js';
import { master } from '../audio/master.js';
import { encodeMp3 } from '../audio/mp3.js';
import { voiceSettingsSchema } from '../series/schema.js';
import { scriptSentences } from '../series/text.js';
import { createEngine } from '../speech/engines.js';
import { spokenForm } from '../speech/normalise.js';

export interface SampleRequest {
  text: string;
  engine: string;
  voice: string;
  language: string;
  model?: string;
}

export async function speakSample(request: SampleRequest): Promise<{ mp3: Uint8Array; seconds: number }> {
  const defaults = voiceSettingsSchema.parse({});
  const engine = await createEngine(request.engine);
  const sentences = scriptSentences(request.text);
  const pieces = [];
  let sampleRate = 0;
  for (const sentence of sentences) {
    const pcm = await engine.synthesize(spokenForm(sentence.text, {}, request.language), {
      voice: request.voice,
      stretch: 1,
      ...(request.model ? { model: request.model } : {}),
    });
    sampleRate = pcm.sampleRate;
    pieces.push({ samples: trimSilence(pcm.samples, pcm.sampleRate), paragraph: sentence.paragraph });
  }
  const assembled = assemble(pieces, sampleRate, {
    sentence: defaults.sentencePauseMs / 1000,
    paragraph: defaults.paragraphPauseMs / 1000,
    lead: 0.25,
    tail: 0.6,
  });
  const mastered = master(assembled.samples, sampleRate, await loudnessMeter());
  return { mp3: await encodeMp3(mastered.samples, sampleRate), seconds: assembled.samples.length / sampleRate };
}
