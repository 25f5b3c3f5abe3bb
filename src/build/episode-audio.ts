/**
 * One episode from spoken sentences to an untagged MP3 with sentence timings: synthesis sentence
 * by sentence, duration fitting, assembly with pauses, loudness mastering, encoding.
 * Runs inside a worker; everything it needs arrives in the task, so results can be cached by key.
 */
import { assemble, gapCounts, speechSeconds, trimSilence } from '../audio/assemble.js';
import type { LoudnessMeter } from '../audio/ebur128.js';
import { planFit } from '../audio/fit.js';
import { master, PODCAST_MASTER } from '../audio/master.js';
import { encodeMp3 } from '../audio/mp3.js';
import type { VoiceSettings } from '../series/schema.js';
import type { SpeechEngine } from '../speech/engine.js';
import { estimateSpeechSeconds } from '../speech/pace.js';

export interface EpisodeAudioTask {
  /** Cache key: a hash of everything below plus the engine version. */
  key: string;
  label: string;
  sentences: { spoken: string; paragraph: number }[];
  words: number;
  voice: VoiceSettings;
  targetSeconds: number;
  toleranceSeconds: number;
  /** The engine's pace (see EngineInfo.secondsPerLetter) for a first guess at the speaking rate. */
  secondsPerLetter: number;
}

export interface EpisodeAudioResult {
  key: string;
  /** MP3 without tags: tags are added by the build, so a new title does not mean new speech. */
  mp3: Uint8Array;
  spans: { start: number; end: number }[];
  durationSeconds: number;
  stretch: number;
  lufs: number;
  /** Words to cut (+) or add (−) when the script cannot fit the target even at the bounded rate. */
  wordsToCut?: number;
  synthesisSeconds: number;
  encodeSeconds: number;
}

/** Seconds before the first word and after the last. */
const LEAD = 0.25;
const TAIL = 0.6;

export async function renderEpisodeAudio(
  task: EpisodeAudioTask,
  engine: SpeechEngine,
  meter: LoudnessMeter,
): Promise<EpisodeAudioResult> {
  let synthesisSeconds = 0;
  let sampleRate = 0;
  const speak = async (stretch: number): Promise<Float32Array[]> => {
    const started = performance.now();
    const pieces: Float32Array[] = [];
    for (const sentence of task.sentences) {
      const pcm = await engine.synthesize(sentence.spoken, { voice: task.voice.voice, stretch });
      sampleRate = pcm.sampleRate;
      pieces.push(trimSilence(pcm.samples, pcm.sampleRate));
    }
    synthesisSeconds += (performance.now() - started) / 1000;
    return pieces;
  };

  const fit = (speech: number, stretch: number) => planFit({
    speechSeconds: speech,
    stretch,
    words: task.words,
    gaps: gapCounts(task.sentences.map((s) => s.paragraph)),
    pauses: {
      sentence: task.voice.sentencePauseMs / 1000,
      paragraph: task.voice.paragraphPauseMs / 1000,
      lead: LEAD,
      tail: TAIL,
    },
    target: task.targetSeconds,
    tolerance: task.toleranceSeconds,
    minStretch: task.voice.minStretch,
    maxStretch: task.voice.maxStretch,
  });

  // Plan from an estimate first, so most episodes are spoken once at the right rate.
  const estimate = estimateSpeechSeconds(task.sentences.map((s) => s.spoken), task.secondsPerLetter, task.voice.stretch);
  let stretch = fit(estimate, task.voice.stretch).stretch;
  let pieces = await speak(stretch);
  const plan = fit(speechSeconds(pieces, sampleRate), stretch);
  if (plan.resynthesize) {
    stretch = plan.stretch;
    pieces = await speak(stretch);
  }

  const assembled = assemble(
    pieces.map((samples, i) => ({ samples, paragraph: task.sentences[i]!.paragraph })),
    sampleRate,
    plan.pauses,
  );
  const mastered = master(assembled.samples, sampleRate, meter);
  const encodeStarted = performance.now();
  const mp3 = await encodeMp3(mastered.samples, sampleRate);
  const encodeSeconds = (performance.now() - encodeStarted) / 1000;

  return {
    key: task.key,
    mp3,
    spans: assembled.spans,
    durationSeconds: assembled.samples.length / sampleRate,
    stretch,
    // What the MP3 will measure: the master is set that much louder on purpose (see master.ts).
    lufs: mastered.lufs - PODCAST_MASTER.encodingLossLu,
    ...(plan.wordsToCut !== undefined ? { wordsToCut: plan.wordsToCut } : {}),
    synthesisSeconds,
    encodeSeconds,
  };
}
