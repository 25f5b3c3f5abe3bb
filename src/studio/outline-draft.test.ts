import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Job } from './jobs/jobs.js';
import { outlineDraft } from './outline-draft.js';
import { renderSeries } from './pages/series.js';

const job = (kind: string, partial: unknown): Job => ({
  id: 'j1',
  kind,
  payload: { slug: 'bread' },
  state: 'running',
  attempts: 1,
  progress: { done: 1, total: 3, line: 'The episodes appear below as they arrive.', partial },
  createdAt: new Date(),
  updatedAt: new Date(),
});

const markup = '<img src=x onerror=alert(1)>';
const episodes = [{ title: markup, subtitle: 'and water', summary: 'Why flour <b>matters</b>.' }];

describe('the outline while it is written', () => {
  it('is read from the outline job’s progress through the episode schema, and from no other job', () => {
    assert.deepEqual(outlineDraft(job('write-outline', { episodes })), [{ number: 1, ...episodes[0]! }]);
    assert.deepEqual(outlineDraft(job('write-scripts', { episodes })), []);
    assert.deepEqual(outlineDraft(job('write-outline', { episodes: [{ ...episodes[0], script: 'x' }] })), []);
    assert.deepEqual(outlineDraft(undefined), []);
  });

  it('is shown on the series page as text in a polite live region, never as markup', () => {
    const page = renderSeries({ slug: 'bread', written: undefined, job: job('write-outline', { episodes }), csrf: 't', canWrite: true, published: false });
    assert.match(page, /<ol id="outline-draft" class="studio-draft" aria-live="polite"><li data-number="1">/);
    assert.ok(page.includes('&lt;img src=x onerror=alert(1)&gt;: and water'));
    assert.ok(page.includes('Why flour &lt;b&gt;matters&lt;/b&gt;.'));
    assert.ok(!page.includes(markup) && !page.includes('<b>matters'));
  });
});
