/**
 * What every studio page shares: the site's shell (its stylesheet, header and footer) with the
 * studio's own stylesheet and script, the progress panel that server-sent events keep current,
 * and the hidden form token. Everything the user or the model wrote goes through `html`, which
 * escapes it: none of it is ever markup.
 *
 * @example
 *   studioPage({ title: 'Studio', main: html`<h1>Studio</h1>` });
 */
import { html, type Html } from '../../publish/pages/html.js';
import { renderPage } from '../../publish/pages/layout.js';
import type { Job } from '../jobs/jobs.js';
import { CSRF_FIELD } from '../guard.js';

export const ROOT = '/studio/';

export function studioPage(o: { title: string; main: Html; bodyClass?: string }): string {
  return renderPage({
    lang: 'en',
    title: `${o.title} — Ninety studio`,
    description: 'Write, review, voice and publish a series.',
    root: ROOT,
    script: 'studio.js',
    bodyClass: `page-studio ${o.bodyClass ?? ''}`.trim(),
    nav: html`<nav class="studio-nav" aria-label="Studio"><a href="/studio/">Studio</a> <a href="/">Library</a></nav>`,
    main: o.main,
    footer: html`<p>Ninety studio — the series folders under series/ are the source of truth.</p>`,
  }).replace('<link rel="stylesheet" href="/studio/assets/site.css">', '<link rel="stylesheet" href="/studio/assets/site.css">\n<link rel="stylesheet" href="/studio/assets/studio.css">');
}

export function csrfInput(token: string): Html {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${token}">`;
}

const KINDS: Record<string, string> = {
  'write-outline': 'Writing the outline',
  'write-scripts': 'Writing the scripts',
  'rewrite-episode': 'Rewriting an episode',
  'voice-series': 'Voicing and publishing',
};

/** One line a screen reader can read: what runs, how far along, or how it ended. */
export function describeJob(job: Job | undefined): string {
  if (!job) return 'Nothing is running.';
  const what = KINDS[job.kind] ?? job.kind;
  const p = job.progress;
  const count = p && p.total > 0 ? ` ${p.done} of ${p.total}.` : '';
  switch (job.state) {
    case 'queued':
      return `${what}: waiting to start.`;
    case 'running':
      return `${what}:${count || ' started.'}${p?.line ? ` ${p.line}` : ''}`;
    case 'done':
      return `${what}: done.${voiced(job.result)}`;
    case 'failed':
      return `${what} failed: ${job.error ?? 'no reason given'}`;
    case 'cancelled':
      return `${what}: cancelled.`;
  }
}

/** What a voicing did, from the build's report: how many episodes were spoken and how many came from the cache. */
function voiced(result: unknown): string {
  const { spoken, cached } = (result ?? {}) as { spoken?: unknown; cached?: unknown };
  if (typeof spoken !== 'number' || typeof cached !== 'number') return '';
  return ` ${spoken} ${spoken === 1 ? 'episode' : 'episodes'} spoken, ${cached} from the cache.`;
}

/** The panel's buttons, each shown while the job is in one of its states (the script keeps them current). */
const JOB_ACTIONS = [
  { action: 'cancel', label: 'Cancel', states: ['queued', 'running'] },
  { action: 'retry', label: 'Retry', states: ['failed', 'cancelled'] },
] as const;

export function progressPanel(slug: string, job: Job | undefined, csrf: string): Html {
  const p = job?.progress;
  const value = p && p.total > 0 ? html` value="${p.done}" max="${p.total}"` : '';
  const state = job?.state ?? 'none';
  const actions = JOB_ACTIONS.map(
    (a) => html`<form class="studio-job-action" method="post" action="/studio/series/${slug}/jobs/${a.action}" data-show-when="${a.states.join(' ')}"${(a.states as readonly string[]).includes(state) ? '' : html` hidden`}>
${csrfInput(csrf)}<input type="hidden" name="job" value="${job?.id ?? ''}"><button class="button" type="submit">${a.label}</button></form>`,
  );
  return html`<section class="studio-progress" aria-labelledby="progress-heading" data-events="/studio/series/${slug}/events">
<h2 id="progress-heading" class="section-title">Progress</h2>
<p id="job-status" role="status" aria-live="polite" data-state="${state}" data-kind="${job?.kind ?? ''}">${describeJob(job)}</p>
<p id="connection-status" class="studio-muted" role="status" aria-live="polite"></p>
<progress id="job-progress" aria-labelledby="progress-heading"${value}${job?.state === 'running' || job?.state === 'queued' ? '' : html` hidden`}></progress>
<div class="studio-actions">${actions}</div>
</section>`;
}

export function notice(text: string): Html {
  return html`<p class="studio-notice" role="note">${text}</p>`;
}
