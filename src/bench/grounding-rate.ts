/**
 * How often the grounding check fires on real scripts: each episode's script is checked
 * against the text of its own show notes, which state the figures the script uses, so every
 * flag here is a false positive or a figure the notes really lack. Measured twice: against the
 * notes alone, and against the notes with the titles of the episode's sources (which carry the
 * papers' years). Prints the figures found, how many were flagged, and which.
 *
 * @example
 *   npm run compile && node dist/bench/grounding-rate.js                 # the AI Training series
 *   node dist/bench/grounding-rate.js series/ai-training --json
 */
import { parseArgs } from 'node:util';
import { loadSeries } from '../series/load.js';
import { markdownToText } from '../sources/markdown.js';
import { figuresIn, ungroundedFigures, type Figure } from '../write/grounding.js';

export interface GroundingRate {
  episodes: number;
  figures: number;
  flagged: number;
  byKind: Record<Figure['kind'], { figures: number; flagged: number }>;
  flags: { episode: string; text: string; kind: Figure['kind'] }[];
}

export async function groundingRate(dir: string, withTitles: boolean): Promise<GroundingRate> {
  const series = await loadSeries(dir);
  const kinds: Figure['kind'][] = ['number', 'percent', 'year', 'size', 'name'];
  const byKind = Object.fromEntries(kinds.map((k) => [k, { figures: 0, flagged: 0 }])) as GroundingRate['byKind'];
  const flags: GroundingRate['flags'] = [];
  let figures = 0;
  for (const episode of series.episodes) {
    const notes = markdownToText(episode.notes ?? '').text;
    const passages = withTitles ? [notes, ...episode.sources.map((source) => source.title)] : [notes];
    const found = figuresIn(episode.script);
    figures += found.length;
    for (const figure of found) byKind[figure.kind].figures++;
    for (const figure of ungroundedFigures(episode.script, passages)) {
      byKind[figure.kind].flagged++;
      flags.push({ episode: episode.id, text: figure.text, kind: figure.kind });
    }
  }
  return { episodes: series.episodes.length, figures, flagged: flags.length, byKind, flags };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
  const dir = positionals[0] ?? 'series/ai-training';
  const notesOnly = await groundingRate(dir, false);
  const withTitles = await groundingRate(dir, true);
  if (values.json) {
    console.log(JSON.stringify({ notesOnly, withTitles }, null, 2));
    return;
  }
  const percent = (n: number, of: number) => (of === 0 ? '0' : ((100 * n) / of).toFixed(1));
  for (const [label, rate] of [['notes', notesOnly], ['notes and source titles', withTitles]] as const) {
    console.log(`${dir}: ${rate.episodes} scripts checked against their ${label}`);
    console.log(`figures found: ${rate.figures}, flagged: ${rate.flagged} (${percent(rate.flagged, rate.figures)}%)`);
    for (const [kind, { figures, flagged }] of Object.entries(rate.byKind)) {
      console.log(`  ${kind.padEnd(8)} ${String(figures).padStart(4)} found, ${String(flagged).padStart(3)} flagged`);
    }
    for (const flag of rate.flags) console.log(`  ${flag.episode}: "${flag.text}" (${flag.kind})`);
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) await main();
