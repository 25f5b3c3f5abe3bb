/**
 * Whether generating stops the studio's server from serving the site: requests per second for an
 * episode page and for an audio range (`Range: bytes=0-65535`) on the real `ninety serve` process,
 * idle and then while its jobs write a series' scripts (the loopback model server holding each
 * answer back) and while they voice it, each reported against idle as a ratio. wrk loads the server
 * with the same settings as the server bench (serve-bench.ts); each loaded run is checked to have
 * overlapped its job (`overlapped`), since a job that ended early would measure an idle server.
 *
 * @example
 *   const load = await benchStudioLoad({ episodes: 24, latencyMs: 1200 });
 *   // node dist/bench/studio-load.js [--json]
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { jobOf, startStudioProcess, studioClient, waitForJob, type StudioClient } from '../testkit/studio.js';
import { writerReplies } from '../testkit/writer.js';
import { startModelServer } from '../write/model/server.js';
import { makeSample, runWrk } from './serve-bench.js';

export interface Rates {
  pageRps: number;
  rangeRps: number;
}

export interface StudioLoad {
  episodes: number;
  latencyMs: number;
  idle: Rates;
  writing: Rates & { overlapped: boolean };
  voicing: Rates & { overlapped: boolean };
  /** Loaded / idle: 1 means generating costs the site nothing. */
  writingRatio: { page: number; range: number };
  voicingRatio: { page: number; range: number };
}

export async function benchStudioLoad(
  options: { episodes?: number; latencyMs?: number; seconds?: number; rounds?: number; wrkPath?: string } = {},
): Promise<StudioLoad | { skipped: string }> {
  // Enough episodes that writing them (two at a time) outlasts the measurement.
  const episodes = options.episodes ?? 24;
  const latencyMs = options.latencyMs ?? 1200;
  const seconds = options.seconds ?? 2;
  const rounds = options.rounds ?? 3;
  const wrk = options.wrkPath ?? '/usr/bin/wrk';
  if (!existsSync(wrk)) return { skipped: `wrk not found at ${wrk}` };

  const work = await mkdtemp(join(tmpdir(), 'ninety-studio-load-'));
  const model = await startModelServer({ respond: writerReplies(), latencyMs });
  try {
    await mkdir(join(work, 'out'));
    const sample = await makeSample(join(work, 'out'));
    const server = await startStudioProcess({ cwd: work, env: { NINETY_LLM_BASE_URL: model.baseUrl, NINETY_LLM_MODEL: 'bench-model' } });
    try {
      // Best of alternating short runs, as in the server bench: the machine may be shared.
      const rates = async (): Promise<Rates> => {
        const run = async (path: string, headers: string[]) => (await runWrk(wrk, `${server.url}/${path}`, { seconds, connections: 32, threads: 1, headers })).rps;
        const best = { pageRps: 0, rangeRps: 0 };
        for (let round = 0; round < rounds; round++) {
          best.pageRps = Math.max(best.pageRps, await run(sample.page, []));
          best.rangeRps = Math.max(best.rangeRps, await run(sample.audio, ['Range: bytes=0-65535']));
        }
        return best;
      };
      const c = await studioClient(server.url);
      const made = await c.post('/studio/series', c.form({ topic: 'bread crust', episodes: String(episodes), seconds: '20' }));
      if (made.status !== 303) throw new Error(`the studio did not start a series: ${made.status} ${await made.text()}`);
      const slug = made.headers.get('location')!.split('/').at(-1)!;
      // The job store is open and the outline written: from here the server is idle until asked.
      await waitForJob(c, slug, 'write-outline', ['done'], 300_000);
      await runWrk(wrk, `${server.url}/${sample.page}`, { seconds: 1, connections: 8, threads: 1, headers: [] });
      const idle = await rates();
      const writing = await whileRunning(c, slug, 'scripts', 'write-scripts', rates);
      const voicing = await whileRunning(c, slug, 'voice', 'voice-series', rates);
      const ratio = (loaded: Rates) => ({ page: loaded.pageRps / idle.pageRps, range: loaded.rangeRps / idle.rangeRps });
      return { episodes, latencyMs, idle, writing, voicing, writingRatio: ratio(writing), voicingRatio: ratio(voicing) };
    } finally {
      await server.kill('SIGTERM');
    }
  } finally {
    await model.close();
    await rm(work, { recursive: true, force: true });
  }
}

/** Starts a step, measures once it runs, notes whether it still ran at the end, and waits for it to end. */
async function whileRunning(c: StudioClient, slug: string, action: string, kind: string, rates: () => Promise<Rates>): Promise<Rates & { overlapped: boolean }> {
  const started = await c.post(`/studio/series/${slug}/${action}`, c.form({}));
  if (started.status !== 303) throw new Error(`the studio did not start ${kind}: ${started.status}`);
  await waitForJob(c, slug, kind, ['running'], 300_000);
  const measured = await rates();
  const overlapped = (await jobOf(c, slug)).state === 'running';
  const ended = await waitForJob(c, slug, kind, ['done', 'failed'], 600_000);
  if (ended.state !== 'done') throw new Error(`${kind} failed: ${ended.text}`);
  return { ...measured, overlapped };
}

export function formatStudioLoad(result: StudioLoad | { skipped: string }): string {
  if ('skipped' in result) return `Studio serving while generating: skipped — ${result.skipped}`;
  const r = (n: number) => Math.round(n);
  const line = (what: string, loaded: StudioLoad['writing'], ratio: StudioLoad['writingRatio']) =>
    `Studio serving while ${what}: page ${r(loaded.pageRps)}/s (×${ratio.page.toFixed(2)} of idle), range ${r(loaded.rangeRps)}/s (×${ratio.range.toFixed(2)})` +
    (loaded.overlapped ? '' : ' — the job ended before the measurement did');
  return [
    `Studio serving idle: page ${r(result.idle.pageRps)}/s, range ${r(result.idle.rangeRps)}/s (${result.episodes} episodes, model latency ${result.latencyMs} ms)`,
    line('writing scripts', result.writing, result.writingRatio),
    line('voicing', result.voicing, result.voicingRatio),
  ].join('\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchStudioLoad();
  process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(result, null, 2)}\n` : `${formatStudioLoad(result)}\n`);
}
