/**
 * The studio's jobs in the real `ninety serve`, run as a child process against a model on loopback:
 * - killed with -9 while it writes scripts and started again on the same folders, the server
 *   resumes the job and finishes it — no script lost, none written twice, no more model calls than
 *   one run plus the scripts that were in flight;
 * - a step that fails (the model refuses) is shown failed with its reason, and Retry queues the
 *   same job again;
 * - Cancel stops a running step before its next script: the model is asked nothing more.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { episodeScripts, jobOf, startStudioProcess, studioClient, waitForJob, type StudioClient, type StudioProcess } from '../testkit/studio.js';
import { writerReplies } from '../testkit/writer.js';
import { startModelServer, type ModelRequest, type ModelServer, type Reply } from '../write/model/server.js';

const EPISODES = 6;
/** The studio runs this many jobs (scripts) at once (studio-jobs.ts): at most this many are lost to a kill. */
const IN_FLIGHT = 2;

const isOutline = (r: { messages: { content: string }[] }) => r.messages[0]!.content.includes('You plan short audio series');
/** The model requests made for a series, told by its title in the prompt. */
const requestsFor = (model: ModelServer, title: string) => model.requests.filter((r) => r.messages.some((m) => m.content.includes(title)));

describe('studio jobs in a ninety serve process', { timeout: 5 * 60_000 }, () => {
  let root: string;
  let model: ModelServer;
  let server: StudioProcess | undefined;
  const good = writerReplies();
  /** What the model answers now; a test may change it and must put `good` back. */
  let answer: (request: ModelRequest) => Reply | Promise<Reply> = good;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'ninety-studio-restart-'));
    await mkdir(join(root, 'out'));
    // Slow enough that the server can be killed between one script and the next.
    model = await startModelServer({ respond: (request) => answer(request), latencyMs: 400 });
  });
  after(async () => {
    await server?.kill('SIGTERM');
    await model?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  const start = () => startStudioProcess({ cwd: root, env: { NINETY_LLM_BASE_URL: model.baseUrl, NINETY_LLM_MODEL: 'test-model' } });
  /** The server the tests share: the one the restart left running, or a new one. */
  const running = async () => (server && server.child.exitCode === null && server.child.signalCode === null ? server : (server = await start()));
  const handWritten = async (c: StudioClient, title: string, episodes: number) => {
    const made = await c.post('/studio/handwritten', c.form({ title, episodes: String(episodes), seconds: '20' }));
    assert.equal(made.status, 303, await made.text());
    return made.headers.get('location')!.split('/').at(-1)!;
  };

  it('resumes the script writing a killed server was doing, and finishes it with nothing lost or duplicated', async () => {
    server = await start();
    let c = await studioClient(server.url);
    const made = await c.post('/studio/series', c.form({ topic: 'bread scoring', episodes: String(EPISODES), seconds: '20' }));
    assert.equal(made.status, 303, await made.text());
    const slug = made.headers.get('location')!.split('/').at(-1)!;
    const dir = join(root, 'series', slug);
    await waitForJob(c, slug, 'write-outline', ['done']);

    assert.equal((await c.post(`/studio/series/${slug}/scripts`, c.form({}))).status, 303);
    let written = 0;
    while (written < 2) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      written = (await episodeScripts(dir)).filter((e) => e.script).length;
    }
    await server.kill('SIGKILL');
    const writtenBefore = (await episodeScripts(dir)).filter((e) => e.script).length;
    assert.ok(writtenBefore < EPISODES, `the server was killed before the job could finish (${writtenBefore} of ${EPISODES} written)`);

    server = await start();
    c = await studioClient(server.url);
    // Nothing is asked of the new server: the job it finishes is the one the killed server left.
    const resumed = await waitForJob(c, slug, 'write-scripts', ['running', 'done']);
    assert.doesNotMatch(resumed.text, /failed/);
    const done = await waitForJob(c, slug, 'write-scripts', ['done', 'failed']);
    assert.equal(done.state, 'done', done.text);

    const episodes = await episodeScripts(dir);
    assert.equal(episodes.length, EPISODES, `one file per episode: ${episodes.map((e) => e.file).join(', ')}`);
    for (const [i, episode] of episodes.entries()) {
      assert.ok(episode.script, `${episode.file} has its script`);
      // The stand-in model opens every script with this question, so two scripts in one file show.
      assert.equal(episode.script.match(/Why does episode/g)?.length, 1, `${episode.file} holds one script`);
      assert.match(episode.script, new RegExp(`^Why does episode ${['one', 'two', 'three', 'four', 'five', 'six'][i]} matter\\?`));
    }

    const outlineCalls = model.requests.filter(isOutline).length;
    const scriptCalls = model.requests.length - outlineCalls;
    assert.equal(outlineCalls, 1, 'the outline is not written again');
    assert.ok(scriptCalls >= EPISODES && scriptCalls <= EPISODES + IN_FLIGHT, `${scriptCalls} script calls: one per episode and at most the ${IN_FLIGHT} in flight again`);
    assert.ok(scriptCalls < 2 * EPISODES, 'fewer calls than two full runs');
  });

  it('shows a failed step with its reason and a Retry button that runs the same job again', async () => {
    const c = await studioClient((await running()).url);
    const slug = await handWritten(c, 'Refused Topic', 2);
    answer = () => ({ refusal: 'I would rather not write about this.' });
    try {
      assert.equal((await c.post(`/studio/series/${slug}/scripts`, c.form({}))).status, 303);
      const failed = await waitForJob(c, slug, 'write-scripts', ['failed', 'done']);
      assert.equal(failed.state, 'failed');
      assert.match(failed.text, /^Writing the scripts failed: episode \d \("Episode \d"\): the model declined to write the script of episode \d: "I would rather not write about this\."/);
      const page = await (await c.get(`/studio/series/${slug}`)).text();
      assert.match(page, /<form class="studio-job-action" method="post" action="\/studio\/series\/refused-topic\/jobs\/retry" data-show-when="failed cancelled">/, 'the Retry button is shown');
      assert.match(page, /action="\/studio\/series\/refused-topic\/jobs\/cancel" data-show-when="queued running" hidden>/, 'the Cancel button is not');
      assert.equal((await c.post(`/studio/series/${slug}/jobs/cancel`, c.form({ job: failed.id }))).status, 409, 'a failed job cannot be cancelled');
    } finally {
      answer = good;
    }
    assert.equal((await c.post(`/studio/series/another/jobs/retry`, c.form({ job: (await jobOf(c, slug)).id }))).status, 404, 'a job is retried only from its own series');
    const retried = await c.post(`/studio/series/${slug}/jobs/retry`, c.form({ job: (await jobOf(c, slug)).id }));
    assert.equal(retried.status, 303);
    const done = await waitForJob(c, slug, 'write-scripts', ['done', 'failed']);
    assert.equal(done.state, 'done', done.text);
    assert.equal(done.id, (await jobOf(c, slug)).id);
    assert.ok((await episodeScripts(join(root, 'series', slug))).every((e) => e.script), 'every script is written on the retry');
  });

  it('cancels a running step: the model is asked nothing after the scripts in flight', async () => {
    const c = await studioClient((await running()).url);
    const slug = await handWritten(c, 'Cancelled Topic', EPISODES);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    answer = async (request) => {
      await held;
      return good(request);
    };
    try {
      assert.equal((await c.post(`/studio/series/${slug}/scripts`, c.form({}))).status, 303);
      while (requestsFor(model, 'Cancelled Topic').length < IN_FLIGHT) await new Promise((resolve) => setTimeout(resolve, 50));
      const job = await waitForJob(c, slug, 'write-scripts', ['running']);
      assert.equal((await c.post(`/studio/series/${slug}/jobs/cancel`, c.form({ job: job.id }))).status, 303);
      const cancelled = await waitForJob(c, slug, 'write-scripts', ['cancelled', 'done', 'failed']);
      assert.equal(cancelled.state, 'cancelled', cancelled.text);
      assert.equal(cancelled.text, 'Writing the scripts: cancelled.');
    } finally {
      release();
      answer = good;
    }
    // The scripts in flight hold both of the server's slots and the other parts were cancelled: once
    // another step starts, the cancelled step's scripts have returned.
    const marker = await handWritten(c, 'Marker Topic', 1);
    assert.equal((await c.post(`/studio/series/${marker}/voice`, c.form({}))).status, 303);
    await waitForJob(c, marker, 'voice-series', ['running', 'done', 'failed']);
    assert.equal(requestsFor(model, 'Cancelled Topic').length, IN_FLIGHT, 'no script was asked for after the cancel');
    assert.ok((await episodeScripts(join(root, 'series', slug))).filter((e) => e.script).length <= IN_FLIGHT);
  });
});
