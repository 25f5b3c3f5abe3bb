/**
 * The job handlers by kind: the pipeline steps the studio runs as jobs (writing an outline,
 * voicing a series, …), each a plain function of the job and its context. `write-scripts` and
 * `voice-series` are parents: each queues one `write-script` or `voice-episode` job per episode. `ninety worker` and
 * the studio run whatever is registered here; a new step is one line in `HANDLERS`, and its import
 * stays lazy inside the handler so the registry costs nothing to load.
 *
 * @example
 *   const kinds = handlerKinds();   // ['write-outline', 'write-scripts', 'write-script', 'rewrite-episode', 'voice-series', 'voice-episode']
 */
import type { EpisodeRequest, OutlineRequest, RewriteRequest, SeriesRequest, VoiceEpisodeRequest, VoiceRequest } from '../steps.js';
import type { JobHandler } from './jobs.js';

const steps = () => import('../steps.js');

export const HANDLERS: Readonly<Record<string, JobHandler>> = {
  'write-outline': async (job, context) => (await steps()).writeOutlineStep(job.payload as OutlineRequest, context),
  'write-scripts': async (job, context) => (await steps()).writeScriptsStep(job.payload as SeriesRequest, context),
  'write-script': async (job, context) => (await steps()).writeScriptStep(job.payload as EpisodeRequest, context),
  'rewrite-episode': async (job, context) => (await steps()).rewriteStep(job.payload as RewriteRequest, context),
  'voice-series': async (job, context) => (await steps()).voiceStep(job.payload as VoiceRequest, context),
  'voice-episode': async (job, context) => (await steps()).voiceEpisodeStep(job.payload as VoiceEpisodeRequest, context),
};

export function handlerKinds(): string[] {
  return Object.keys(HANDLERS);
}
