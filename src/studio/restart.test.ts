/**
 * The studio's jobs survive their server: `ninety serve` (the real command, in a child process) is
 * killed with -9 while it writes scripts, started again on the same folders, and the job it was
 * running resumes and finishes — no script lost, none written twice, no more model calls than one
 * run plus the scripts that were in flight.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { episodeScripts, startStudioProcess, studioClient, waitForJob, type StudioProcess } from '../testkit/studio.js';
import { writerReplies } from '../testkit/writer.js';
import { startModelServer, type ModelServer } from '../write/model/server.js';

const EPISODES = 6;
/** The studio writes this many scripts at once (steps.ts): at most this many are lost to a kill. */
const IN_FLIGHT = 2;

const isOutline = (r: { messages: { content: string }[] }) => r.messages[0]!.content.includes('You plan short audio series');

describe('studio server restarted mid-job', { timeout: 5 * 60_000 }, () => {
  let root: string;
  let model: ModelServer;
  let server: StudioProcess | undefined;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'ninety-studio-restart-'));
    await mkdir(join(root, 'out'));
    // Slow enough that the server can be killed between one script and the next.
    model = await startModelServer({ respond: writerReplies(), latencyMs: 400 });
  });
  after(async () => {
    await server?.kill('SIGTERM');
    await model?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  const start = () => startStudioProcess({ cwd: root, env: { NINETY_LLM_BASE_URL: model.baseUrl, NINETY_LLM_MODEL: 'test-model' } });

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
    const running = await waitForJob(c, slug, 'write-scripts', ['running', 'done']);
    assert.doesNotMatch(running.text, /failed/);
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
});
