/**
 * Worker thread entry: compiles the speech engine and the loudness meter once, then renders
 * episodes as tasks arrive. One worker per core keeps every core speaking.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loudnessMeter } from '../audio/ebur128.js';
import { createEngine } from '../speech/engine.js';
import { renderEpisodeAudio, type EpisodeAudioTask } from './episode-audio.js';

const port = parentPort;
if (!port) throw new Error('audio-worker must run in a worker thread');

const ready = Promise.all([createEngine((workerData as { engine: string }).engine), loudnessMeter()]);

port.on('message', async (message: { id: number; task: EpisodeAudioTask }) => {
  try {
    const [engine, meter] = await ready;
    const result = await renderEpisodeAudio(message.task, engine, meter);
    port.postMessage({ id: message.id, result }, [result.mp3.buffer as ArrayBuffer]);
  } catch (error) {
    port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
