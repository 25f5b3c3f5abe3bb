/**
 * `npm run bench`: the build and the server, measured in one run on this machine.
 *
 * Build: the full series cold (empty output and cache), a warm rebuild with nothing changed (the
 * median of three), and a rebuild after editing one episode — each as the real `ninety build`
 * command — against the floor: the raw engine time and raw encoder time for the same text at the
 * same rate, serially, in a process of its own (see raw-floor.ts).
 * Peak memory is the largest total RSS of the build's process tree, sampled every 50 ms, and the
 * largest of the build process and of any one speech worker on their own.
 * Server: requests per second against nginx on the same folder (see serve-bench.ts), and the
 * weight of an episode page.
 *
 * @example
 *   npm run bench            # a readable report
 *   npm run bench -- --json  # one JSON object
 *   npm run bench -- --build # the build figures and warm start only (a few minutes, not many)
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Manifest } from '../build/manifest.js';
import { rawFloorSeconds } from './raw-floor.js';
import { benchServe } from './serve-bench.js';
import { treePeakRss, type PeakRss } from './rss.js';
import { benchSpeechAdapter, formatAdapterOverhead, median } from './tts-bench.js';
import { warmStartSeconds } from './warm-start.js';
import { benchGeneration, formatGeneration } from './generation-bench.js';
import { benchJobs, formatJobsBench } from './jobs-bench.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'bin/ninety.js');

async function timedBuild(seriesDir: string, outDir: string): Promise<{ seconds: number; peak: PeakRss }> {
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'build', seriesDir, '--out', outDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const peak = treePeakRss(child.pid!);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const peakRss = peak.stop();
  if (code !== 0) throw new Error(`build failed (${code}): ${stderr.trim()}`);
  return { seconds: (performance.now() - started) / 1000, peak: peakRss };
}

async function pageWeight(seriesOut: string, page: string): Promise<number> {
  const html = await readFile(join(seriesOut, page, 'index.html'));
  const assets = join(seriesOut, '..', 'assets');
  const names = (await readdir(assets)).filter((n) => /\.(css|js)$/.test(n));
  let total = gzipSync(html, { level: 9 }).length;
  // Upper bound: every script and stylesheet the site ships, as if a page loaded them all.
  for (const name of names) total += gzipSync(await readFile(join(assets, name)), { level: 9 }).length;
  return total;
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const buildOnly = process.argv.includes('--build');
  const log = (line: string) => {
    if (!json) process.stdout.write(`${line}\n`);
  };
  const work = await mkdtemp(join(tmpdir(), 'ninety-bench-'));
  try {
    const seriesDir = join(work, 'series');
    const outDir = join(work, 'out');
    await cp(join(root, 'series/ai-training'), seriesDir, { recursive: true });

    log(`Cold build of the full series on ${availableParallelism()} cores…`);
    const cold = await timedBuild(seriesDir, outDir);
    log(`Warm rebuilds (three)…`);
    // The median of three, as for the warm start below: a rebuild is about a second.
    const warms = [await timedBuild(seriesDir, outDir), await timedBuild(seriesDir, outDir), await timedBuild(seriesDir, outDir)];
    const warm = warms.sort((a, b) => a.seconds - b.seconds)[1]!;
    const episodes = (await readdir(join(seriesDir, 'episodes'))).sort();
    const edited = join(seriesDir, 'episodes', episodes[Math.floor(episodes.length / 2)]!);
    await writeFile(edited, (await readFile(edited, 'utf8')).replace(/\s*$/, ' That is the whole idea.\n'));
    log(`Rebuild after editing one episode…`);
    const oneEdit = await timedBuild(seriesDir, outDir);
    log(`Raw engine and encoder time for the same text, serially…`);
    const raw = await rawFloorSeconds(seriesDir, outDir);

    log(`Warm npm start (nothing changed, then one source file saved again) until it serves…`);
    // The median of three: one start is a second or two, and a busy machine's noise is not.
    const warmStart = median([await warmStartSeconds(root), await warmStartSeconds(root), await warmStartSeconds(root)]);
    const warmStartChanged = await warmStartSeconds(root, { touch: 'src/cli/start-command.ts' });

    const manifest = JSON.parse(await readFile(join(outDir, 'ai-training', 'episodes.json'), 'utf8')) as Manifest;
    const first = manifest.episodes[0]!;
    const runs = [cold, warm, oneEdit];
    const oneEditFloor = cold.seconds / manifest.episodes.length + 1;
    const buildResult = {
      cores: availableParallelism(),
      episodes: manifest.episodes.length,
      coldSeconds: round(cold.seconds),
      rawSeconds: round(raw.engine + raw.encoder),
      rawEngineSeconds: round(raw.engine),
      rawEncoderSeconds: round(raw.encoder),
      ratio: round(cold.seconds / (raw.engine + raw.encoder), 3),
      warmSeconds: round(warm.seconds),
      warmPercentOfCold: round((100 * warm.seconds) / cold.seconds),
      oneEditSeconds: round(oneEdit.seconds),
      // The promise for one edit: its share of a cold build plus a second.
      oneEditFloorSeconds: round(oneEditFloor),
      oneEditRatio: round(oneEdit.seconds / oneEditFloor, 3),
      warmStartSeconds: round(warmStart),
      warmStartChangedSeconds: round(warmStartChanged),
      peakRssMB: Math.round(Math.max(...runs.map((r) => r.peak.totalMB))),
      peakRssBuildProcessMB: Math.round(Math.max(...runs.map((r) => r.peak.rootMB))),
      peakRssWorkerMB: Math.round(Math.max(...runs.map((r) => r.peak.childMB))),
    };
    if (buildOnly) {
      if (json) process.stdout.write(`${JSON.stringify(buildResult)}\n`);
      else logBuild(log, buildResult);
      return;
    }
    log(`Server against nginx…`);
    const serve = await benchServe(outDir, { audio: `ai-training/${first.audio}`, page: `ai-training/${first.page}` });
    const weight = await pageWeight(join(outDir, 'ai-training'), first.page);
    log(`Speech adapter against a local speech server, and Flite called directly…`);
    const speechAdapter = await benchSpeechAdapter();
    log(`ninety new: 21 scripts against a local model server with a fixed latency…`);
    const generation = await benchGeneration();
    log(`Jobs through the queue: embedded PGlite, and PostgreSQL when one can be started…`);
    const jobs = await benchJobs();

    const result = {
      ...buildResult,
      server: serve,
      episodePageBytesGzip: weight,
      speechAdapter: { overheadMs: round(speechAdapter.overheadMs, 1), overheadPercent: round(speechAdapter.overheadPercent, 1) },
      jobs,
      generation: { seconds: round(generation.seconds), floorSeconds: round(generation.floorSeconds), ratio: round(generation.ratio, 3), calls: generation.calls },
    };
    if (json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
    } else {
      log('');
      logBuild(log, buildResult);
      log(`range requests    ${Math.round(serve.ninety.rangeRps)}/s vs nginx ${serve.nginx ? Math.round(serve.nginx.rangeRps) : 'n/a'}/s (ratio ${round(serve.rangeRatio, 2)})`);
      log(`episode page      ${Math.round(serve.ninety.pageRps)}/s vs nginx ${serve.nginx ? Math.round(serve.nginx.pageRps) : 'n/a'}/s (ratio ${round(serve.pageRatio, 2)})`);
      log(`server RSS        ${Math.round(serve.ninety.rssMB)} MB`);
      log(formatAdapterOverhead(speechAdapter));
      log(formatGeneration(generation));
      log(formatJobsBench(jobs));
      log(`episode page      ${weight} bytes gzip with every script and stylesheet`);
      if (serve.note) log(`note: ${serve.note}`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

type BuildFigures = Record<string, number>;

function logBuild(log: (line: string) => void, r: BuildFigures): void {
  log('');
  log(`cold build        ${r.coldSeconds} s  (raw engine ${r.rawEngineSeconds} s + encoder ${r.rawEncoderSeconds} s = ${r.rawSeconds} s serially; ratio ${r.ratio})`);
  log(`warm rebuild      ${r.warmSeconds} s  (${r.warmPercentOfCold}% of cold)`);
  log(`one edit          ${r.oneEditSeconds} s  (cold/${r.episodes} + 1 s = ${r.oneEditFloorSeconds} s; ratio ${r.oneEditRatio})`);
  log(`warm npm start    ${r.warmStartSeconds} s  (to the Serving line, nothing changed; ${r.warmStartChangedSeconds} s after one source file changed)`);
  log(`peak RSS          ${r.peakRssMB} MB (build process tree; build process ${r.peakRssBuildProcessMB} MB, largest speech worker ${r.peakRssWorkerMB} MB)`);
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

await main();
