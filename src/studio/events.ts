/**
 * The progress of a series, pushed to its pages as server-sent events: the latest job (what it is
 * doing, k of N, how it ended), the outline's episodes while it is being written, and each
 * episode's script state, sent whenever any changes. The
 * state lives in the job store and the folder, so a reloaded page (or another tab) picks it up.
 * Each stream opens with the session's form token: a server started again keys the tokens anew,
 * and a page that reconnects takes the new one, so its forms still post without a reload.
 *
 * @example
 *   app.get('/studio/series/:slug/events', (c) => events(c, slug, dir, jobs));
 *   // event: session
 *   // data: {"csrf":"…"}
 *   // event: progress
 *   // data: {"job":{"kind":"write-scripts","state":"running","done":2,"total":6,"text":"…"},"episodes":[{"number":1,"words":212}]}
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { splitEpisode } from '../series/front-matter.js';
import { countWords } from '../series/text.js';
import { csrfToken } from './guard.js';
import { outlineDraft } from './outline-draft.js';
import { describeJob } from './pages/shared.js';
import type { StudioJobs } from './studio-jobs.js';

/** Open event streams at most; beyond it a page falls back to reloading by hand. */
const MAX_STREAMS = 64;
const INTERVAL_MS = 600;
let open = 0;

export function events(c: Context, slug: string, dir: string, jobs: StudioJobs): Response | Promise<Response> {
  if (open >= MAX_STREAMS) return c.text('Too many open progress streams.\n', 503);
  open++;
  return streamSSE(c, async (stream) => {
    try {
      await stream.writeSSE({ event: 'session', data: JSON.stringify({ csrf: csrfToken(c) }) });
      let last = '';
      while (!stream.aborted && !stream.closed) {
        const snapshot = JSON.stringify(await snapshotOf(slug, dir, jobs));
        if (snapshot !== last) {
          await stream.writeSSE({ event: 'progress', data: snapshot });
          last = snapshot;
        }
        await stream.sleep(INTERVAL_MS);
      }
    } finally {
      open--;
    }
  });
}

export async function snapshotOf(slug: string, dir: string, jobs: StudioJobs) {
  const job = jobs.isReady() ? await jobs.latest(slug) : undefined;
  return {
    job: job
      ? { id: job.id, kind: job.kind, state: job.state, done: job.progress?.done ?? 0, total: job.progress?.total ?? 0, text: describeJob(job), number: (job.payload as { number?: number }).number ?? null }
      : { id: '', kind: '', state: 'none', done: 0, total: 0, text: jobs.isReady() ? describeJob(undefined) : 'The job store is starting.', number: null },
    outline: outlineDraft(job),
    episodes: await episodeStates(dir),
  };
}

/** Each episode file's number and script length in words, read lightly (no validation). */
async function episodeStates(dir: string): Promise<{ number: number; words: number }[]> {
  const folder = join(dir, 'episodes');
  const names = (await readdir(folder).catch(() => [] as string[])).filter((n) => n.endsWith('.md')).sort();
  const states = [];
  for (const name of names) {
    const parts = splitEpisode(await readFile(join(folder, name), 'utf8').catch(() => ''));
    if (parts.kind !== 'split') continue;
    const number = Number(/^number:\s*(\d+)\s*$/m.exec(parts.yaml)?.[1]);
    if (Number.isInteger(number)) states.push({ number, words: countWords(parts.script) });
  }
  return states.sort((a, b) => a.number - b.number);
}
