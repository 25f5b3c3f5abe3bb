/**
 * A series in the studio: its progress, its outline as one form (titles, subtitles and summaries
 * saved as the user types; up, down, delete and add as submit buttons that work without the
 * script), each episode's script state, and the steps that follow: write the scripts, voice and
 * publish.
 *
 * @example
 *   renderSeries({ slug, written, job, csrf, canWrite: true, published: false });
 */
import { html } from '../../publish/pages/html.js';
import type { WrittenSeries } from '../../write/written-series.js';
import type { OutlinedEpisode } from '../../write/outlined.js';
import type { Job } from '../jobs/jobs.js';
import { outlineDraft } from '../outline-draft.js';
import { csrfInput, progressPanel, studioPage } from './shared.js';
import { basename } from 'node:path';

export interface SeriesView {
  slug: string;
  written: WrittenSeries | undefined;
  /** Why the folder cannot be read, when it exists but cannot. */
  problem?: string | undefined;
  job: Job | undefined;
  csrf: string;
  canWrite: boolean;
  published: boolean;
}

export function scriptState(words: number): string {
  return words > 0 ? `script written, ${words} words` : 'no script yet';
}

/**
 * The outline's episodes so far, in a polite live region: each one that arrives (appended by the
 * page's script, in this same markup) is read out once, after whatever is being read.
 */
function draftSection(episodes: readonly OutlinedEpisode[]) {
  return html`<section aria-labelledby="draft-heading">
<h2 id="draft-heading" class="section-title">Outline so far</h2>
<ol id="outline-draft" class="studio-draft" aria-live="polite">${episodes.map(
    (e) => html`<li data-number="${e.number}"><p class="studio-draft-title">${e.title}: ${e.subtitle}</p><p class="studio-draft-summary">${e.summary}</p></li>`,
  )}</ol>
</section>`;
}

export function renderSeries(view: SeriesView): string {
  const { slug, written } = view;
  const title = written?.series.title ?? slug;
  if (!written) {
    const main = html`<div class="studio">
<h1>${title}</h1>
${view.problem ? html`<p class="studio-error" role="alert">${view.problem}</p>` : html`<p>The outline is on its way: its episodes appear here as the model writes them.</p>`}
${progressPanel(slug, view.job, view.csrf)}
${view.problem ? '' : draftSection(outlineDraft(view.job))}
</div>`;
    return studioPage({ title, main });
  }
  const count = written.episodes.length;
  const rows = written.episodes.map((e, i) => {
    const n = i + 1;
    const words = e.script ? e.script.split(/\s+/).filter(Boolean).length : 0;
    return html`<li class="studio-episode" data-number="${e.number}">
<fieldset>
<legend>Episode ${n}</legend>
<input type="hidden" name="file" value="${basename(e.path)}">
<div class="studio-field"><label for="title-${n}">Title</label><input id="title-${n}" name="title" value="${e.title}" maxlength="255" required></div>
<div class="studio-field"><label for="subtitle-${n}">Subtitle</label><input id="subtitle-${n}" name="subtitle" value="${e.subtitle ?? ''}" maxlength="255"></div>
<div class="studio-field"><label for="summary-${n}">Summary</label><textarea id="summary-${n}" name="summary" rows="2" maxlength="600">${e.summary}</textarea></div>
<p class="studio-actions">
<span class="studio-script-state">${scriptState(words)}</span>
<a class="button" href="/studio/series/${slug}/episodes/${e.number}">Edit script<span class="visually-hidden"> of episode ${n}</span></a>
<button class="button" type="submit" name="action" value="up:${i}"${i === 0 ? html` disabled` : ''}>Up<span class="visually-hidden">: move episode ${n} earlier</span></button>
<button class="button" type="submit" name="action" value="down:${i}"${i === count - 1 ? html` disabled` : ''}>Down<span class="visually-hidden">: move episode ${n} later</span></button>
<button class="button" type="submit" name="action" value="delete:${i}"${count === 1 ? html` disabled` : ''}>Delete<span class="visually-hidden"> episode ${n}</span></button>
</p>
</fieldset>
</li>`;
  });
  const main = html`<div class="studio">
<h1>${title}</h1>
<p class="studio-muted">${count} episodes of about ${written.series.targetSeconds} seconds, in series/${slug}/.${view.published ? html` <a href="/${slug}/">Listen in the library</a>.` : ''}</p>
${progressPanel(slug, view.job, view.csrf)}
<section aria-labelledby="outline-heading">
<h2 id="outline-heading" class="section-title">Outline</h2>
<form class="studio-form studio-outline" method="post" action="/studio/series/${slug}/outline" data-autosave>
${csrfInput(view.csrf)}
<ol class="studio-episodes">${rows}</ol>
<p class="studio-actions"><button class="button" type="submit" name="action" value="add">Add an episode</button>
<button class="button" type="submit" name="action" value="save">Save the outline</button>
<span class="studio-saved studio-muted" role="status"></span></p>
</form>
</section>
<section aria-labelledby="next-heading">
<h2 id="next-heading" class="section-title">Next</h2>
<div class="studio-actions">
${view.canWrite ? html`<form method="post" action="/studio/series/${slug}/scripts">${csrfInput(view.csrf)}<button class="button button-primary" type="submit">Write the missing scripts</button></form>` : ''}
<form method="post" action="/studio/series/${slug}/voice">${csrfInput(view.csrf)}<button class="button button-primary" type="submit">Voice and publish</button></form>
</div>
</section>
</div>`;
  return studioPage({ title, main });
}
