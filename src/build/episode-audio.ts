/**
 * One episode from spoken sentences to an untagged MP3 with sentence timings: synthesis sentence
 * by sentence, duration fitting, assembly with pauses, loudness mastering, encoding.
 * In a dialogue each sentence is spoken by its host's voice, the hosts matched in pace and
 * loudness (see audio/hosts.ts), and the whole dialogue fitted to the target length.
 * Runs inside a worker; everything it needs arrives in the task, so results can be cached by key.
 */
import { assemble, gapCounts, speechSeconds, trimSilence } from '../audio/assemble.js';
import type { LoudnessMeter } from '../audio/ebur128.js';
import { firstStretch, FIT_AIM_SECONDS, planFit, type FitInput } from '../audio/fit.js';
import { masterDialogue, matchedStretches, rateBounds } from '../audio/hosts.js';
import { master, PODCAST_MASTER } from '../audio/master.js';
import { encodeMp3 } from '../audio/mp3.js';
import { resample } from '../audio/resample.js';
import type { VoiceSettings } from '../series/schema.js';
import { DEFAULT_TURN_PAUSE_MS } from '../series/turn-pause.js';
import type { Pcm, SpeechEngine, SynthesisOptions } from '../speech/engine.js';
import { ESTIMATE_ERROR, estimateSpeechSeconds } from '../speech/pace.js';

export interface EpisodeAudioTask {
  /** Cache key: a hash of everything below plus the engine version. */
  key: string;
  label: string;
  /** `speaker` (an index into `hosts`) only in a dialogue. */
  sentences: { spoken: string; paragraph: number; speaker?: number }[];
  words: number;
  voice: VoiceSettings;
  targetSeconds: number;
  toleranceSeconds: number;
  /**
   * The engine's pace (see EngineInfo.secondsPerLetter) for a first guess at the speaking rate; in
   * a dialogue, the common pace the hosts are matched to.
   */
  secondsPerLetter: number;
  /**
   * A dialogue's hosts in the series' order, each with its own voice and pace; absent when one
   * voice speaks everything. Names are not here: renaming a host changes no sound.
   */
  hosts?: TaskHost[];
}

export interface TaskHost {
  engine: string;
  voice: string;
  secondsPerLetter: number;
}

/** How each host of a dialogue came out (in the task's order): the stretch that matched its pace, and its loudness. */
export interface HostAudio {
  stretch: number;
  /** Integrated loudness of the host's speech as the engine spoke it. */
  lufsBefore: number;
  /** Gain that brought it to the hosts' common loudness before mastering. */
  gainDb: number;
  /** Integrated loudness of the host's speech in the finished episode (as the MP3 will measure). */
  lufs: number;
}

export interface EpisodeAudioResult {
  key: string;
  /** MP3 without tags: tags are added by the build, so a new title does not mean new speech. */
  mp3: Uint8Array;
  spans: { start: number; end: number }[];
  durationSeconds: number;
  /** The speaking rate; in a dialogue, the hosts' common rate (their own stretches are in `hosts`). */
  stretch: number;
  lufs: number;
  /** Words to cut (+) or add (−) when the script cannot fit the target even at the bounded rate. */
  wordsToCut?: number;
  hosts?: HostAudio[];
  synthesisSeconds: number;
  encodeSeconds: number;
}

/**
 * One sentence for a worker to speak, when an episode is spread over the pool: the build keeps
 * the episode (fitting, loudness, encoding) and the workers speak its sentences side by side.
 */
export interface SentenceTask {
  sentence: SentenceRequest;
}

/** One sentence as a speech engine is asked for it. */
export interface SentenceRequest {
  engine: string;
  text: string;
  options: SynthesisOptions;
}

/** What a speech worker is given: a whole episode, or one sentence of one. */
export type SpeechTask = EpisodeAudioTask | SentenceTask;
export type SpeechResult = EpisodeAudioResult | Pcm;

/** Gives the engine of a name, loading it on first use. */
export type EngineSource = (name: string) => Promise<SpeechEngine>;

/** How much closer than the tolerance an episode spoken at a kept rate must land on its target. */
const KEPT_RATE_MARGIN = 0.25;

/** Seconds before the first word and after the last. */
const LEAD = 0.25;
const TAIL = 0.6;

export interface RenderOptions {
  /**
   * Sentences in flight at once. One (the default) in a worker, which speaks with its own
   * engine; more when the engines hand each sentence to a pool of workers, so one episode is
   * spoken on every core.
   */
  concurrency?: number;
  /**
   * Rates at which the engines can give (many of) these sentences without speaking them, best
   * first (see sentence-cache.ts). The first at which the episode fits by its pauses alone is
   * chosen over a new rate, so a small edit speaks only the sentences it changed.
   */
  reusableRates?: readonly number[];
}

/** The voices of a task, and the stretch each speaks at for a common rate. */
function voicing(task: EpisodeAudioTask) {
  const { hosts } = task;
  // One voice speaks at the fitted rate itself; hosts each at the stretch that gives the common pace.
  const voices = hosts ?? [{ engine: task.voice.engine, voice: task.voice.voice, secondsPerLetter: task.secondsPerLetter }];
  const paces = voices.map((v) => v.secondsPerLetter);
  const bounds = { min: task.voice.minStretch, max: task.voice.maxStretch };
  return {
    voices,
    stretchesAt: (rate: number) => (hosts ? matchedStretches(paces, rate, bounds) : [rate]),
    rates: hosts ? rateBounds(paces, bounds) : bounds,
  };
}

/** What the engines are asked, sentence by sentence, when the episode is spoken at `rate`. */
export function sentenceRequests(task: EpisodeAudioTask, rate: number): SentenceRequest[] {
  const { voices, stretchesAt } = voicing(task);
  const stretches = stretchesAt(rate);
  return task.sentences.map((sentence) => {
    const speaker = sentence.speaker ?? 0;
    const { engine, voice } = voices[speaker]!;
    const options = { voice, stretch: stretches[speaker]!, ...(task.voice.model ? { model: task.voice.model } : {}) };
    return { engine, text: sentence.spoken, options };
  });
}

export async function renderEpisodeAudio(
  task: EpisodeAudioTask,
  engines: EngineSource,
  meter: LoudnessMeter,
  { concurrency = 1, reusableRates = [] }: RenderOptions = {},
): Promise<EpisodeAudioResult> {
  const { hosts } = task;
  const { stretchesAt, rates } = voicing(task);
  const speakers = task.sentences.map((s) => s.speaker ?? 0);

  // Side by side, the longest sentences go first, so the last to finish are short ones and no
  // worker is left idle while another speaks a long sentence at the end.
  const speakingOrder = task.sentences.map((_, i) => i);
  if (concurrency > 1) speakingOrder.sort((a, b) => task.sentences[b]!.spoken.length - task.sentences[a]!.spoken.length);
  let synthesisSeconds = 0;
  let sampleRate = 0;
  const speak = async (rate: number): Promise<Float32Array[]> => {
    const started = performance.now();
    const requests = sentenceRequests(task, rate);
    const spoken: { samples: Float32Array; sampleRate: number }[] = [];
    await eachOf(speakingOrder, concurrency, async (i) => {
      const { engine: name, text: sentence, options } = requests[i]!;
      const engine = await engines(name);
      let pcm;
      try {
        pcm = await engine.synthesize(sentence, options);
      } catch (error) {
        // Name the sentence: with a speech server, the answer is about one request.
        const text = sentence.length > 50 ? `${sentence.slice(0, 50)}…` : sentence;
        throw new Error(`sentence ${i + 1} ("${text}"): ${error instanceof Error ? error.message : String(error)}`);
      }
      spoken[i] = { samples: trimSilence(pcm.samples, pcm.sampleRate), sampleRate: pcm.sampleRate };
    });
    // Voices of different engines may speak at different rates: all meet at the highest.
    sampleRate = Math.max(...spoken.map((s) => s.sampleRate));
    synthesisSeconds += (performance.now() - started) / 1000;
    return spoken.map((s) => resample(s.samples, s.sampleRate, sampleRate));
  };

  const fitting = (speech: number, rate: number, keepRate = false): FitInput => ({
    speechSeconds: speech,
    stretch: rate,
    words: task.words,
    gaps: gapCounts(task.sentences.map((s) => s.paragraph), task.sentences.map((s) => s.speaker)),
    pauses: {
      sentence: task.voice.sentencePauseMs / 1000,
      paragraph: task.voice.paragraphPauseMs / 1000,
      ...(hosts ? { turn: (task.voice.turnPauseMs ?? DEFAULT_TURN_PAUSE_MS) / 1000 } : {}),
      lead: LEAD,
      tail: TAIL,
    },
    target: task.targetSeconds,
    tolerance: task.toleranceSeconds,
    minStretch: rates.min,
    maxStretch: rates.max,
    // The MP3's frames add a few hundredths of a second: a kept rate leaves room for them.
    ...(keepRate ? { keepRateWithin: Math.max(0, Math.min(FIT_AIM_SECONDS, task.toleranceSeconds) - KEPT_RATE_MARGIN) } : {}),
  });
  const fit = (speech: number, rate: number, keepRate = false) => planFit(fitting(speech, rate, keepRate));

  // Plan from an estimate first, so most episodes are spoken once at the right rate: a rate the
  // sentences were spoken at before if the pauses can make up the difference, else one at which
  // the estimate's error can be made up by the pauses.
  const estimate = estimateSpeechSeconds(task.sentences.map((s) => s.spoken), task.secondsPerLetter, task.voice.stretch);
  const fitsAt = (rate: number) =>
    rate >= rates.min && rate <= rates.max && !fit((estimate * rate) / task.voice.stretch, rate, true).resynthesize;
  const reused = reusableRates.find(fitsAt);
  let stretch = reused ?? firstStretch(fitting(estimate, task.voice.stretch), ESTIMATE_ERROR);
  let pieces = await speak(stretch);
  const plan = fit(speechSeconds(pieces, sampleRate), stretch, reused !== undefined);
  if (plan.resynthesize) {
    stretch = plan.stretch;
    pieces = await speak(stretch);
  }

  let assembled;
  let mastered;
  let hostAudio: HostAudio[] | undefined;
  if (hosts) {
    const sentences = pieces.map((samples, i) => ({ samples, paragraph: task.sentences[i]!.paragraph, speaker: speakers[i]! }));
    const dialogue = masterDialogue(sentences, hosts.length, sampleRate, plan.pauses, meter);
    ({ assembled, mastered } = dialogue);
    const stretches = stretchesAt(stretch);
    hostAudio = hosts.map((_, i) => ({
      stretch: stretches[i]!,
      lufsBefore: dialogue.hosts[i]!.before,
      gainDb: dialogue.hosts[i]!.gainDb,
      lufs: dialogue.hosts[i]!.after - PODCAST_MASTER.encodingLossLu,
    }));
  } else {
    assembled = assemble(
      pieces.map((samples, i) => ({ samples, paragraph: task.sentences[i]!.paragraph })),
      sampleRate,
      plan.pauses,
    );
    mastered = master(assembled.samples, sampleRate, meter);
  }
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
    ...(hostAudio ? { hosts: hostAudio } : {}),
    synthesisSeconds,
    encodeSeconds,
  };
}

/**
 * Runs `work(i)` for each `i` of `order`, at most `limit` at once, starting them in that order.
 * The first failure stops new starts and is thrown once the calls in flight have settled.
 */
async function eachOf(order: readonly number[], limit: number, work: (i: number) => Promise<void>): Promise<void> {
  const count = order.length;
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < count) {
      const i = order[next++]!;
      try {
        await work(i);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const lanes = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(limit, count)) }, lane));
  const rejected = lanes.find((lane): lane is PromiseRejectedResult => lane.status === 'rejected');
  if (rejected) throw rejected.reason;
}
