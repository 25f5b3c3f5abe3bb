/**
 * The outline while it is being written: the episodes the outline job has reported so far (kept in
 * the job's progress, so a reloaded page, another tab or a studio whose worker runs elsewhere sees
 * them), read back through the same schema the model's answer passed — they are the model's words.
 *
 * @example
 *   outlineDraft(await jobs.latest('sourdough'));   // [{ number: 1, title: 'Flour', subtitle: '…', summary: '…' }]
 */
import type { OutlineEpisode } from '../write/answers.js';
import { outlinedEpisodes, type OutlinedEpisode } from '../write/outlined.js';
import type { Job } from './jobs/jobs.js';

/** What the outline step records as its progress' `partial`: the outline answer's whole episodes. */
export interface OutlineDraft {
  episodes: OutlineEpisode[];
}

export function outlineDraft(job: Job | undefined): OutlinedEpisode[] {
  if (job?.kind !== 'write-outline') return [];
  return outlinedEpisodes(job.progress?.partial);
}
