/**
 * Speech worker process: loads the speech engine and the loudness meter once, then renders
 * episodes as tasks arrive from the build. Usage (by the pool): audio-worker.js <engine-name>.
 */
import { loudnessMeter } from '../audio/ebur128.js';
import { createEngine } from '../speech/engines.js';
import { renderEpisodeAudio, type EpisodeAudioTask } from './episode-audio.js';

const send = process.send?.bind(process);
if (!send) throw new Error('audio-worker runs as a child process of the build');

const ready = (async () => {
  const engine = await createEngine(process.argv[2] ?? 'flite');
  return [engine, await loudnessMeter()] as const;
})();

process.on('message', async (message: { id: number; task: EpisodeAudioTask }) => {
  try {
    const [engine, meter] = await ready;
    send({ id: message.id, result: await renderEpisodeAudio(message.task, engine, meter) });
  } catch (error) {
    send({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
// The build disconnects when it is done; then this process has nothing left to do.
process.on('disconnect', () => process.exit(0));
