/**
 * Speech worker process: loads the loudness meter and the engines named on its command line
 * once, then renders episodes as tasks arrive from the build. An engine a task names that is not
 * loaded yet (the second host's, say) is loaded the first time it is needed and kept. A task may
 * also be one sentence of an episode the build spreads over the pool (see build.ts). With
 * `--sentences=DIR`, every sentence goes through the sentence cache in DIR (sentence-cache.ts).
 * Usage (by the pool): audio-worker.js <engine-name>… [--sentences=DIR]
 */
import { loudnessMeter } from '../audio/ebur128.js';
import type { SpeechEngine } from '../speech/engine.js';
import { createEngine } from '../speech/engines.js';
import { renderEpisodeAudio, type SpeechResult, type SpeechTask } from './episode-audio.js';
import { reusableRates, SentenceCache, withSentenceCache } from './sentence-cache.js';

const send = process.send?.bind(process);
if (!send) throw new Error('audio-worker runs as a child process of the build');

const SENTENCES = '--sentences=';
const sentencesDir = process.argv.find((arg) => arg.startsWith(SENTENCES))?.slice(SENTENCES.length);
const sentences = sentencesDir ? new SentenceCache(sentencesDir) : undefined;

const engines = new Map<string, Promise<SpeechEngine>>();
function engineNamed(name: string): Promise<SpeechEngine> {
  let engine = engines.get(name);
  if (!engine) {
    engine = createEngine(name).then((loaded) => (sentences ? withSentenceCache(loaded, sentences) : loaded));
    engines.set(name, engine);
  }
  return engine;
}

const names = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
// Loaded before the first task arrives; a failure is reported with the first task that needs it.
for (const name of names.length > 0 ? names : ['flite']) engineNamed(name).catch(() => undefined);
const meter = loudnessMeter();
meter.catch(() => undefined);

/**
 * A build that stops early (one episode failed) disconnects while others are still speaking:
 * their late answers have nowhere to go, and that is fine — the callback keeps it from being an
 * error the user sees.
 */
function reply(message: object): void {
  if (process.connected) send!(message, undefined, {}, () => undefined);
}

async function perform(task: SpeechTask): Promise<SpeechResult> {
  if ('sentence' in task) {
    const { engine, text, options } = task.sentence;
    return (await engineNamed(engine)).synthesize(text, options);
  }
  return renderEpisodeAudio(task, engineNamed, await meter, { reusableRates: sentences ? await reusableRates(task, sentences) : [] });
}

process.on('message', async (message: { id: number; task: SpeechTask }) => {
  try {
    const result = await perform(message.task);
    // Its sentences are on disk before the build hears of the result, and may close the pool.
    await sentences?.settled();
    reply({ id: message.id, result });
  } catch (error) {
    reply({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
// The build disconnects when it is done; then this process has nothing left to do.
process.on('disconnect', () => process.exit(0));
