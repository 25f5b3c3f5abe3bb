/**
 * The job handlers by kind: the pipeline steps the studio runs as jobs (writing an outline,
 * voicing a series, …), each a plain function of the job and its context. `ninety worker` and
 * the studio run whatever is registered here; a new step is one line in `HANDLERS`, and its import
 * stays lazy inside the handler so the registry costs nothing to load.
 *
 * @example
 *   const kinds = handlerKinds();   // ['write-outline', 'write-scripts', 'rewrite-episode', 'voice-series']
 */
import type { OutlineRequest, RewriteRequest, SeriesRequest, VoiceRequest } from '../steps.js';
import type { JobHandler } from './jobs.js';

const steps = () => import('../steps.js');

export const HANDLERS: Readonly<Record<string, JobHandler>> = {
  'write-outline': async (job, context) => (await steps()).writeOutlineStep(job.payload as OutlineRequest, context),
  'write-scripts': async (job, context) => (await steps()).writeScriptsStep(job.payload as SeriesRequest, context),
  'rewrite-episode': async (job, context) => (await steps()).rewriteStep(job.payload as RewriteRequest, context),
  'voice-series': async (job, context) => (await steps()).voiceStep(job.payload as VoiceRequest, context),
};

export function handlerKinds(): string[] {
  return Object.keys(HANDLERS);
}
