/**
 * A small, real site for tests: a series of short episodes whose audio is a genuine MP3
 * (speech-like tone bursts encoded with LAME, mono 44.1 kHz 64 kbps CBR), cues spread over
 * each episode, artwork, transcripts and a feed, rendered by the site's own functions and
 * written to a folder the project's server can serve.
 *
 * @example const { dir, built } = await writeFixtureSite(await mkdtemp(join(tmpdir(), 'site-')));
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { encodeMp3 } from '../../audio/mp3.js';
import type { Figure } from '../../series/figures.js';
import { seriesSchema, type Episode } from '../../series/schema.js';
import { renderArtwork } from '../artwork.js';
import { renderFeed } from '../feed.js';
import { figureCardSvg, renderFigureCard } from '../figure-card.js';
import { figureSquareSvg, renderFigureSquare } from '../figure-square.js';
import type { ArtworkRefs, BuiltEpisode, BuiltSeries, Cue, OutputFile } from '../model.js';
import { renderSeriesSite, renderLibrary, siteAssets } from '../site.js';
import { renderTranscriptJson, renderVtt } from '../transcripts.js';
import { pad2 } from './format.js';

const SAMPLE_RATE = 44100;

const SCRIPTS: { id: string; title: string; subtitle?: string; summary: string; paragraphs: string[][] }[] = [
  {
    id: 'sampling',
    title: 'Sampling',
    subtitle: 'turning sound into numbers',
    summary: 'A microphone gives a wave; a computer needs numbers. Sampling measures the wave thousands of times a second.',
    paragraphs: [
      ['Sound is a wave of pressure.', 'A microphone turns it into a voltage that rises and falls.'],
      ['Sampling measures that voltage at regular moments.', 'Forty-four thousand times a second is enough for the human ear.'],
    ],
  },
  {
    id: 'psychoacoustics',
    title: 'Psychoacoustics',
    subtitle: 'what the ear ignores',
    summary: 'Loud sounds hide quiet ones nearby. Encoders use this masking to throw away what no one would hear.',
    paragraphs: [
      ['A loud tone hides quieter tones close to it.', 'This is called masking.'],
      ['An encoder models masking for every frame.', 'Whatever is masked can be stored with fewer bits.'],
    ],
  },
  {
    id: 'frames',
    title: 'MP3 frames',
    summary: 'An MP3 file is a chain of small frames, each a self-contained slice of about a twenty-sixth of a second.',
    paragraphs: [
      ['An MP3 file is a chain of frames.', 'Each frame carries just over a thousand samples.'],
      ['Players can start at any frame.', 'That is why seeking in a podcast is instant.'],
    ],
  },
];

/** Figures of two episodes: a live one (controls) and a still one, from the kinds' own worked examples. */
const FIGURES: Record<string, Figure> = {
  psychoacoustics: {
    kind: 'zero-memory',
    parameters: 7.5e9,
    gpus: 64,
    optimizerBytes: 12,
    caption: 'Model states per GPU for 7.5B parameters on 64 GPUs.',
    source: { title: 'ZeRO: Memory Optimizations Toward Training Trillion Parameter Models', url: 'https://arxiv.org/abs/1910.02054' },
  },
  frames: {
    kind: 'bars',
    unit: 'samples',
    layout: 'bars',
    bars: [
      { label: 'MPEG-1 Layer III frame', value: 1152 },
      { label: 'Layer I frame', value: 384 },
    ],
    caption: 'Samples in one frame.',
    source: { title: 'MP3 frames', url: 'https://example.org/mp3' },
  },
};

/** Speech-like test signal: syllable-rate bursts of a voiced tone over soft noise. */
export function speechLikePcm(seconds: number, seed = 1): Float32Array {
  const n = Math.round(seconds * SAMPLE_RATE);
  const pcm = new Float32Array(n);
  let state = seed * 7919;
  const noise = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 1073741824 - 1;
  };
  const pitch = 140 + seed * 20;
  for (let i = 0; i < n; i++) {
    const t = i / SAMPLE_RATE;
    const syllable = Math.max(0, Math.sin(2 * Math.PI * 4 * t)) ** 2;
    const voiced = 0.5 * Math.sin(2 * Math.PI * pitch * t) + 0.25 * Math.sin(2 * Math.PI * 2 * pitch * t);
    pcm[i] = 0.35 * syllable * voiced + 0.02 * noise();
  }
  return pcm;
}

/** Cues over [0, duration], sentence lengths deciding how long each one lasts. */
export function spreadCues(paragraphs: string[][], duration: number): Cue[] {
  const sentences = paragraphs.flatMap((p, paragraph) => p.map((text) => ({ text, paragraph })));
  const total = sentences.reduce((sum, s) => sum + s.text.length, 0);
  let t = 0;
  return sentences.map((s) => {
    const length = (s.text.length / total) * duration;
    const cue = { start: Number(t.toFixed(3)), end: Number((t + length).toFixed(3)), text: s.text, paragraph: s.paragraph };
    t += length;
    return cue;
  });
}

export interface FixtureOptions {
  /** Seconds of audio per episode. */
  seconds?: number;
  baseUrl?: string;
  /** A two-host series (slug `sound-talk`): Ada and Ben take alternate paragraphs. */
  dialogue?: boolean;
}

export const FIXTURE_HOSTS = [
  { name: 'Ada', voice: 'slt' },
  { name: 'Ben', voice: 'rms' },
];

export interface FixtureSite {
  dir: string;
  built: BuiltSeries;
  files: OutputFile[];
}

/** The series as data, with audio paths and sizes given by `audio` (tests of pure pages pass made-up ones). */
export function fixtureSeries(
  options: FixtureOptions & {
    audio?: (stem: string, index: number) => { path: string; bytes: number };
    artwork?: ArtworkRefs;
  } = {},
): BuiltSeries {
  const seconds = options.seconds ?? 40;
  const hosts = options.dialogue ? FIXTURE_HOSTS : undefined;
  const series = seriesSchema.parse({
    ...(hosts ? { hosts, slug: 'sound-talk', title: 'Sound Talk' } : { slug: 'sound-basics', title: 'Sound & Compression' }),
    topic: 'digital audio',
    description: 'How sound becomes numbers, and how MP3 makes those numbers small without the ear noticing.',
    author: 'Ninety',
    owner: { name: 'Ninety', email: 'owner@example.com' },
    language: 'en',
    category: 'Technology',
    explicit: false,
    baseUrl: options.baseUrl ?? 'http://localhost:4321',
    targetSeconds: 90,
  });
  const episodes = SCRIPTS.map((script, i): BuiltEpisode => {
    const number = i + 1;
    const stem = `${pad2(number)}-${script.id}`;
    const audio = options.audio?.(stem, i) ?? { path: `audio/${stem}-0123456789.mp3`, bytes: 320_000 };
    const episode: Episode = {
      number,
      id: script.id,
      title: script.title,
      ...(script.subtitle ? { subtitle: script.subtitle } : {}),
      summary: script.summary,
      published: `2026-05-0${number}`,
      notes: `Notes for **${script.title}**. See [the overview](https://example.com/${script.id}).\n\n- one point\n- another <b>point</b>`,
      sources: [
        { title: `${script.title}: a primer`, url: `https://example.com/${script.id}/primer` },
        { title: 'Digital audio basics', url: 'https://example.org/audio' },
      ],
      script: script.paragraphs
        .map((p, i) => `${hosts ? `${hosts[i % 2]!.name}: ` : ''}${p.join(' ')}`)
        .join('\n\n'),
      file: `${stem}.md`,
      ...(FIGURES[script.id] ? { figure: FIGURES[script.id] } : {}),
    };
    return {
      episode,
      durationSeconds: seconds,
      audio: { ...audio, type: 'audio/mpeg' },
      transcripts: { vtt: `transcripts/${stem}.vtt`, json: `transcripts/${stem}.json` },
      cues: spreadCues(script.paragraphs, seconds).map((cue) =>
        hosts ? { ...cue, speaker: hosts[cue.paragraph % 2]!.name } : cue,
      ),
    };
  });
  const artwork = options.artwork ?? {
    feed: 'artwork/cover-0123456789-3000.png',
    page: 'artwork/cover-0123456789-600.png',
    thumb: 'artwork/cover-0123456789-160.png',
  };
  return { series, episodes, artwork, baseUrl: series.baseUrl };
}

/** Every file of the fixture site: real MP3s, artwork, transcripts, feed, pages and assets. */
export async function buildFixture(options: FixtureOptions = {}): Promise<{ built: BuiltSeries; files: OutputFile[] }> {
  const seconds = options.seconds ?? 40;
  const mp3s: Uint8Array[] = [];
  for (let i = 0; i < SCRIPTS.length; i++) mp3s.push(await encodeMp3(speechLikePcm(seconds, i + 1), SAMPLE_RATE));
  const art = await renderArtwork(fixtureSeries(options).series);
  const built = fixtureSeries({
    ...options,
    artwork: art.refs,
    audio: (stem, i) => {
      const mp3 = mp3s[i]!;
      const hash = createHash('sha256').update(mp3).digest('hex').slice(0, 10);
      return { path: `audio/${stem}-${hash}.mp3`, bytes: mp3.length };
    },
  });
  const { series } = built;
  // The artwork files include the site favicon (DIR/assets/favicon.*).
  const files: OutputFile[] = [...art.files];
  for (const e of built.episodes) {
    if (!e.episode.figure) continue;
    const card = await renderFigureCard(figureCardSvg(series, e.episode, e.episode.figure), e.episode.id);
    const square = await renderFigureSquare(figureSquareSvg(series, e.episode, e.episode.figure), e.episode.id);
    e.card = card.path;
    e.square = square.path;
    files.push({ path: `${series.slug}/${card.path}`, contents: card.png }, { path: `${series.slug}/${square.path}`, contents: square.png });
  }
  built.episodes.forEach((e, i) => {
    files.push(
      { path: `${series.slug}/${e.audio.path}`, contents: mp3s[i]! },
      { path: `${series.slug}/${e.transcripts.vtt}`, contents: renderVtt(e.cues) },
      { path: `${series.slug}/${e.transcripts.json}`, contents: renderTranscriptJson(e.cues) },
    );
  });
  files.push(
    { path: `${series.slug}/feed.xml`, contents: renderFeed(built) },
    ...renderSeriesSite(built),
    ...renderLibrary([
      {
        slug: series.slug,
        title: series.title,
        topic: series.topic,
        episodeCount: built.episodes.length,
        artwork: `${series.slug}/${built.artwork.page}`,
        description: series.description,
      },
    ]),
    ...(await siteAssets()),
  );
  return { built, files };
}

export async function writeFiles(dir: string, files: readonly OutputFile[]): Promise<void> {
  for (const file of files) {
    const target = join(dir, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.contents);
  }
}

export async function writeFixtureSite(dir: string, options: FixtureOptions = {}): Promise<FixtureSite> {
  const { built, files } = await buildFixture(options);
  await writeFiles(dir, files);
  return { dir, built, files };
}
