/**
 * The studio's first page: the series on disk (AI Training among them), the form for a new series
 * written by the model, and the form for one written by hand. Without a model, it says how to
 * configure one in the CLI's words, and the hand-written form still works.
 *
 * @example
 *   renderHome({ series, voices: ['rms', 'slt'], modelProblem: undefined, csrf });
 */
import { html } from '../../publish/pages/html.js';
import type { SeriesSummary } from '../workspace.js';
import { csrfInput, notice, studioPage } from './shared.js';

export interface HomeView {
  series: readonly SeriesSummary[];
  voices: readonly string[];
  modelProblem: string | undefined;
  csrf: string;
  /** A problem with the last form sent, shown above the forms. */
  problem?: string | undefined;
}

/** How many episodes and how long each: the same two fields in both forms, ids apart. */
function lengthFields(idPrefix: string, episodes: number) {
  return html`<div class="studio-row">
<div class="studio-field"><label for="${idPrefix}episodes">Episodes</label><input id="${idPrefix}episodes" name="episodes" type="number" min="1" max="30" value="${String(episodes)}"></div>
<div class="studio-field"><label for="${idPrefix}seconds">Seconds each</label><input id="${idPrefix}seconds" name="seconds" type="number" min="20" max="300" value="90"></div>
</div>`;
}

function voiceSelect(id: string, label: string, voices: readonly string[], chosen: string) {
  return html`<div class="studio-field studio-voice">
<label for="${id}">${label}</label>
<select id="${id}" name="voice">${voices.map((v) => html`<option value="${v}"${v === chosen ? html` selected` : ''}>${v}</option>`)}</select>
<button type="button" class="button studio-sample" data-voice-for="${id}">Play a sample</button>
</div>`;
}

export function renderHome(view: HomeView): string {
  const list = view.series.length
    ? html`<ul class="studio-list">${view.series.map(
        (s) => html`<li><a href="/studio/series/${s.slug}">${s.title}</a> <span class="studio-muted">${s.problem ? `cannot be read: ${s.problem}` : `${s.episodes} episodes, ${s.scripts} scripts`}</span></li>`,
      )}</ul>`
    : html`<p>No series yet.</p>`;
  const [first = 'rms', second = 'slt'] = view.voices.includes('slt') ? ['slt', 'rms'] : view.voices;
  const modelForm = view.modelProblem
    ? notice(`${view.modelProblem[0]!.toUpperCase()}${view.modelProblem.slice(1)}. Restart the studio with those set to have a series written for you; meanwhile you can write one by hand below.`)
    : html`<form class="studio-form" method="post" action="/studio/series" enctype="multipart/form-data">
${csrfInput(view.csrf)}
<div class="studio-field"><label for="topic">Topic</label><input id="topic" name="topic" required maxlength="255"></div>
${lengthFields('', 6)}
<div class="studio-field"><label for="audience">Audience (optional)</label><input id="audience" name="audience" maxlength="200"></div>
<fieldset class="studio-field"><legend>Hosts</legend>
<label><input type="radio" name="hosts" value="1" checked> One host</label>
<label><input type="radio" name="hosts" value="2"> Two hosts, a conversation</label>
</fieldset>
${voiceSelect('voice-1', 'Voice of the first host', view.voices, first)}
${voiceSelect('voice-2', 'Voice of the second host (two hosts only)', view.voices, second)}
<div class="studio-field"><label for="files">Your documents (optional: text, Markdown, HTML or PDF, 5 MB each)</label><input id="files" name="files" type="file" multiple accept=".txt,.md,.markdown,.html,.htm,.pdf"></div>
<div class="studio-field"><label for="urls">Web pages to read (optional, one address per line)</label><textarea id="urls" name="urls" rows="2"></textarea></div>
<p><button class="button button-primary" type="submit">Write the outline</button></p>
</form>`;
  const main = html`<div class="studio">
<h1>Studio</h1>
${view.problem ? html`<p class="studio-error" role="alert">${view.problem}</p>` : ''}
<section aria-labelledby="series-heading"><h2 id="series-heading" class="section-title">Series</h2>${list}</section>
<section aria-labelledby="new-heading"><h2 id="new-heading" class="section-title">New series</h2>${modelForm}</section>
<section aria-labelledby="hand-heading"><h2 id="hand-heading" class="section-title">Write a series by hand</h2>
<form class="studio-form" method="post" action="/studio/handwritten">
${csrfInput(view.csrf)}
<div class="studio-field"><label for="hand-title">Title</label><input id="hand-title" name="title" required maxlength="255"></div>
${lengthFields('hand-', 3)}
${voiceSelect('hand-voice', 'Voice', view.voices, first)}
<p><button class="button" type="submit">Create the series</button></p>
</form></section>
</div>`;
  return studioPage({ title: 'Studio', main });
}
