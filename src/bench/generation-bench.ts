/**
 * Generation speed: `ninety new` writing a 21-episode series against the loopback model server,
 * every answer held back by a fixed latency as a real model's would be. With scripts written
 * `concurrency` at a time, the floor is one outline call plus ⌈21 / concurrency⌉ rounds of script
 * calls; the ratio to that floor is what the pipeline itself costs (checks, files, the client).
 *
 * @example
 *   const g = await benchGeneration({ latencyMs: 1500 });
 *   // node dist/bench/generation-bench.js [--json]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProgressReporter } from '../build/progress.js';
import { writerReplies } from '../testkit/writer.js';
import { OpenAiCompatibleModel } from '../write/model/openai.js';
import { startModelServer } from '../write/model/server.js';
import { newSeries } from '../write/new-series.js';

export interface GenerationBench {
  episodes: number;
  concurrency: number;
  latencyMs: number;
  calls: number;
  seconds: number;
  /** Outline + ⌈episodes / concurrency⌉ × one call. */
  floorSeconds: number;
  ratio: number;
}

export async function benchGeneration(options: { episodes?: number; concurrency?: number; latencyMs?: number } = {}): Promise<GenerationBench> {
  const episodes = options.episodes ?? 21;
  const concurrency = options.concurrency ?? 4;
  const latencyMs = options.latencyMs ?? 1500;
  const server = await startModelServer({ respond: writerReplies(), latencyMs });
  const work = await mkdtemp(join(tmpdir(), 'ninety-generation-'));
  const quiet: ProgressReporter = { start: () => undefined, episodeDone: () => undefined, note: () => undefined, finish: () => undefined };
  try {
    const model = new OpenAiCompatibleModel({ baseUrl: server.baseUrl, model: 'bench-model', keyVariable: 'NINETY_LLM_API_KEY', timeoutMs: 60_000 });
    const started = performance.now();
    const result = await newSeries(
      model,
      { topic: 'sourdough baking', episodes, seconds: 90, hosts: 1, sources: [], dir: join(work, 'series'), outlineOnly: false, concurrency },
      quiet,
    );
    const seconds = (performance.now() - started) / 1000;
    if (result.written !== episodes) throw new Error(`wrote ${result.written} of ${episodes} scripts: ${result.failures.join('; ')}`);
    const floorSeconds = ((1 + Math.ceil(episodes / concurrency)) * latencyMs) / 1000;
    return { episodes, concurrency, latencyMs, calls: server.requests.length, seconds, floorSeconds, ratio: seconds / floorSeconds };
  } finally {
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
}

export function formatGeneration(g: GenerationBench): string {
  return `generation        ${g.seconds.toFixed(2)} s for ${g.episodes} scripts, ${g.concurrency} at a time, ${g.latencyMs} ms a call (floor ${g.floorSeconds.toFixed(2)} s; ratio ${g.ratio.toFixed(3)}, ${g.calls} calls)`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const g = await benchGeneration();
  process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(g)}\n` : `${formatGeneration(g)}\n`);
}
