/**
 * The job handlers by kind: the pipeline steps the studio runs as jobs (writing an outline,
 * voicing an episode, …), each a plain function of the job and its context. `ninety worker` and
 * the studio run whatever is registered here; a new step is one line in `HANDLERS`, and its import
 * stays lazy inside the handler so the registry costs nothing to load.
 *
 * @example
 *   // 'voice-episode': async (job, { signal, progress }) =>
 *   //   (await import('../voice-step.js')).voiceEpisode(job.payload as VoiceRequest, { signal, progress }),
 *   const kinds = handlerKinds();
 */
import type { JobHandler } from './jobs.js';

export const HANDLERS: Readonly<Record<string, JobHandler>> = {};

export function handlerKinds(): string[] {
  return Object.keys(HANDLERS);
}
