/**
 * The studio pages' script, a progressive enhancement of forms that work without it: edits are
 * saved as the user types (debounced), the script review (length, findings) is redrawn from the
 * server's answer, progress arrives as server-sent events into a live region, and a voice can be
 * heard before it is chosen. The progress panel's Retry and Cancel buttons follow the job's state.
 * When the server goes away and comes back (stopped, or killed and started again), the page says
 * so and takes the new server's form token, so its forms keep working. All text from the server
 * is set as text, never as markup.
 *
 * @example
 *   <form data-autosave data-review …>  <section data-events="/studio/series/x/events">
 */
import { debounce, draftLines, progressUpdate, type DraftEpisode, type Snapshot } from './progress-view.js';

const csrf = (form: HTMLFormElement): string => (form.elements.namedItem('_csrf') as HTMLInputElement | null)?.value ?? '';

async function save(form: HTMLFormElement): Promise<void> {
  const status = form.querySelector<HTMLElement>('.studio-saved');
  const data = new FormData(form);
  data.set('action', 'save');
  try {
    // Not form.action: the outline's buttons are named "action", and a named control shadows the property.
    const response = await fetch(form.getAttribute('action') ?? '', { method: 'POST', body: data, headers: { Accept: 'application/json', 'X-CSRF-Token': csrf(form) }, keepalive: true });
    if (!response.ok) throw new Error(await response.text());
    if (status) status.textContent = 'Saved.';
    if (form.hasAttribute('data-review')) showReview((await response.json()) as Review);
  } catch (error) {
    if (status) status.textContent = `Not saved: ${(error as Error).message.trim()}`;
  }
}

interface Review {
  seconds: number;
  target: number;
  words: number;
  findings: { severity: string; line: number | null; message: string }[];
}

function showReview(review: Review): void {
  const length = document.getElementById('review-length');
  const list = document.getElementById('review-findings');
  if (length) {
    length.textContent = review.words === 0
      ? `No script yet; the target is ${review.target} seconds.`
      : `About ${Math.round(review.seconds)} seconds against a target of ${review.target} (${review.words} words).`;
  }
  if (list) {
    const items = review.findings.map((f) => {
      const li = document.createElement('li');
      li.className = `studio-finding-${f.severity}`;
      li.textContent = `${f.severity}${f.line ? ` (line ${f.line})` : ''}: ${f.message}`;
      return li;
    });
    if (items.length === 0) {
      const li = document.createElement('li');
      li.textContent = 'No findings.';
      items.push(li);
    }
    list.replaceChildren(...items);
  }
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-autosave]')) {
  const later = debounce(() => void save(form), 700);
  form.addEventListener('input', () => {
    const status = form.querySelector<HTMLElement>('.studio-saved');
    if (status) status.textContent = 'Saving…';
    later.call();
  });
  // Leaving the page (or pressing a button that posts the form) saves what is pending.
  window.addEventListener('pagehide', () => later.flush());
}

const panel = document.querySelector<HTMLElement>('[data-events]');
const status = document.getElementById('job-status');
const bar = document.getElementById('job-progress') as HTMLProgressElement | null;
if (panel && status && bar && 'EventSource' in window) {
  let previous = { state: status.dataset.state ?? 'none', kind: status.dataset.kind ?? '' };
  const source = new EventSource(panel.dataset.events!);
  const connection = document.getElementById('connection-status');
  let lost = false;
  // The browser tries again by itself while the server is away (stopped, killed, restarting); the
  // page says so, and says when it is back, in a live region of its own.
  source.addEventListener('error', () => {
    if (!connection) return;
    if (source.readyState === EventSource.CLOSED) connection.textContent = 'The connection to the server was lost. Reload the page to follow the progress.';
    else if (!lost) connection.textContent = 'The connection to the server was lost; trying again…';
    lost = true;
  });
  // Every stream opens with the session's form token; a restarted server has a new one.
  source.addEventListener('session', (event) => {
    const { csrf } = JSON.parse((event as MessageEvent<string>).data) as { csrf: string };
    for (const input of document.querySelectorAll<HTMLInputElement>('input[name="_csrf"]')) input.value = csrf;
    if (lost && connection) connection.textContent = 'Connected to the server again.';
    lost = false;
  });
  source.addEventListener('progress', (event) => {
    const snapshot = JSON.parse((event as MessageEvent<string>).data) as Snapshot;
    const update = progressUpdate(previous, snapshot);
    if (status.textContent !== snapshot.job.text) status.textContent = snapshot.job.text;
    status.dataset.state = snapshot.job.state;
    status.dataset.kind = snapshot.job.kind;
    // Retry and Cancel act on the job the page now shows, and only in the states where they can.
    for (const form of panel.querySelectorAll<HTMLFormElement>('form[data-show-when]')) {
      const job = form.elements.namedItem('job') as HTMLInputElement | null;
      if (job) job.value = snapshot.job.id;
      form.hidden = !(form.dataset.showWhen ?? '').split(' ').includes(snapshot.job.state);
    }
    bar.hidden = !update.busy;
    if (snapshot.job.total > 0) {
      bar.max = snapshot.job.total;
      bar.value = snapshot.job.done;
    } else bar.removeAttribute('value');
    const draft = document.getElementById('outline-draft');
    if (draft) showDraft(draft, snapshot.outline ?? []);
    for (const episode of snapshot.episodes) {
      const state = document.querySelector(`.studio-episode[data-number="${episode.number}"] .studio-script-state`);
      const text = episode.words > 0 ? `script written, ${episode.words} words` : 'no script yet';
      if (state && state.textContent !== text) state.textContent = text;
    }
    previous = { state: snapshot.job.state, kind: snapshot.job.kind };
    if (update.reload) {
      source.close();
      window.location.reload();
    }
  });
}

/**
 * The outline's episodes so far: new ones appended (the list is a live region, so each is read
 * out once), changed ones rewritten, and those a retried answer has not reached yet removed.
 */
function showDraft(list: HTMLElement, episodes: readonly DraftEpisode[]): void {
  for (const episode of episodes) {
    const [titleLine, summary] = draftLines(episode);
    let item = list.querySelector<HTMLLIElement>(`li[data-number="${episode.number}"]`);
    if (!item) {
      item = document.createElement('li');
      item.dataset.number = String(episode.number);
      for (const name of ['studio-draft-title', 'studio-draft-summary']) {
        const line = document.createElement('p');
        line.className = name;
        item.append(line);
      }
      list.append(item);
    }
    const [title, text] = item.querySelectorAll('p');
    if (title && title.textContent !== titleLine) title.textContent = titleLine;
    if (text && text.textContent !== summary) text.textContent = summary;
  }
  for (const item of list.querySelectorAll<HTMLLIElement>('li[data-number]')) {
    if (Number(item.dataset.number) > episodes.length) item.remove();
  }
}

const player = new Audio();
for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-voice-for]')) {
  button.addEventListener('click', () => {
    const select = document.getElementById(button.dataset.voiceFor!) as HTMLSelectElement | null;
    if (!select) return;
    player.src = `/studio/voices/${encodeURIComponent(select.value)}/sample.mp3`;
    void player.play();
  });
}
