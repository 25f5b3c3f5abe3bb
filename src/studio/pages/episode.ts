/**
 * One episode's script in the studio: the script and its sources (saved as the user types), its
 * estimated length against the target and its `ninety check` findings (kept current as the user
 * edits), a rewrite with a note, and voicing — only changed episodes are spoken again.
 *
 * @example
 *   renderEpisode({ slug, episode, review, sources, job, csrf, canWrite: true });
 */
import { html } from '../../publish/pages/html.js';
import type { WrittenEpisode } from '../../write/written-series.js';
import type { Job } from '../jobs/jobs.js';
import type { Review } from '../review.js';
import { csrfInput, progressPanel, studioPage } from './shared.js';

export interface EpisodeView {
  slug: string;
  seriesTitle: string;
  episode: WrittenEpisode;
  review: Review;
  sources: string;
  job: Job | undefined;
  csrf: string;
  canWrite: boolean;
}

export function lengthLine(review: Pick<Review, 'seconds' | 'target' | 'words'>): string {
  if (review.words === 0) return `No script yet; the target is ${review.target} seconds.`;
  return `About ${Math.round(review.seconds)} seconds against a target of ${review.target} (${review.words} words).`;
}

export function renderEpisode(view: EpisodeView): string {
  const { slug, episode, review } = view;
  const base = `/studio/series/${slug}/episodes/${episode.number}`;
  const findings = review.findings.length
    ? review.findings.map((f) => html`<li class="studio-finding-${f.severity}">${f.severity}${f.line ? ` (line ${f.line})` : ''}: ${f.message}</li>`)
    : html`<li>No findings.</li>`;
  const main = html`<div class="studio">
<p><a href="/studio/series/${slug}">${view.seriesTitle}</a></p>
<h1>Episode ${episode.number}: ${episode.title}</h1>
${progressPanel(slug, view.job, view.csrf)}
<form class="studio-form studio-script" method="post" action="${base}" data-autosave data-review>
${csrfInput(view.csrf)}
<div class="studio-field"><label for="script">Script</label><textarea id="script" name="script" rows="18">${episode.script}</textarea></div>
<div class="studio-field"><label for="sources">Sources, one per line: title | https://address</label><textarea id="sources" name="sources" rows="3">${view.sources}</textarea></div>
<p class="studio-actions"><button class="button" type="submit">Save</button><span class="studio-saved studio-muted" role="status"></span></p>
</form>
<section aria-labelledby="review-heading" class="studio-review">
<h2 id="review-heading" class="section-title">Review</h2>
<div id="review" aria-live="polite">
<p id="review-length">${lengthLine(review)}</p>
<ul id="review-findings">${findings}</ul>
</div>
</section>
<section aria-labelledby="steps-heading">
<h2 id="steps-heading" class="section-title">Rewrite or voice</h2>
${view.canWrite ? html`<form class="studio-form" method="post" action="${base}/rewrite">${csrfInput(view.csrf)}
<div class="studio-field"><label for="note">Note for the rewrite (optional)</label><input id="note" name="note" maxlength="500"></div>
<p><button class="button" type="submit">Rewrite with this note</button></p></form>` : ''}
<form method="post" action="/studio/series/${slug}/voice">${csrfInput(view.csrf)}<button class="button button-primary" type="submit">Voice and publish</button></form>
</section>
</div>`;
  return studioPage({ title: `Episode ${episode.number}: ${episode.title}`, main });
}
