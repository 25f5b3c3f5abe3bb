/**
 * Cover artwork: a square poster generated from the series title, rendered to PNG at the sizes
 * podcast apps and pages need, plus the site favicon.
 *
 * The design: a colour scheme picked from the slug (so a series keeps its colours across
 * builds), a small label line, the title set large in Inter Black and wrapped to fill the space,
 * and a waveform that doubles as a player's progress bar. resvg renders it with only the Inter
 * files that ship in the `@expo-google-fonts/inter` package, never system fonts, so every machine
 * produces the same bytes.
 *
 * @example
 * const { files, refs } = renderArtwork(series);
 * // files: ai-training/artwork/cover-1a2b3c4d-3000.png (…-600, …-160), assets/favicon.svg, assets/favicon-32.png
 * // refs:  { feed: 'artwork/cover-1a2b3c4d-3000.png', page: '…-600.png', thumb: '…-160.png' }
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { RenderedImage, renderAsync as renderAsyncFunction, Resvg as ResvgClass, ResvgRenderOptions } from '@resvg/resvg-js';
import type { Series } from '../series/schema.js';
import type { ArtworkRefs, OutputFile } from './model.js';
import { encodeRgbPng } from './png.js';
import { escapeText } from './xml.js';

const require = createRequire(import.meta.url);

type ResvgModule = { Resvg: typeof ResvgClass; renderAsync: typeof renderAsyncFunction };
let resvgModule: ResvgModule | undefined;
/** The native renderer loads on first use: a rebuild with the cover art cached never needs it. */
function resvgNative(): ResvgModule {
  if (!resvgModule) {
    // resvg allocates with mimalloc, which hands freed memory back to the system after 10 ms. A
    // build draws an image every few tens of milliseconds, so each one was drawn in fresh memory
    // whose every page the system had to map again; on a virtual machine that was most of the
    // drawing (a 1400 px square took 75 ms, 34 ms with its memory kept for a second). mimalloc
    // reads its options as it loads, so this comes before the require; a value already set stands.
    process.env.MIMALLOC_PURGE_DELAY ??= '1000';
    resvgModule = require('@resvg/resvg-js') as ResvgModule;
  }
  return resvgModule;
}
const Resvg = (): typeof ResvgClass => resvgNative().Resvg;

/** Inter weights used on the cover; the family name inside the files is "Inter". */
const FONT_FILES = [
  '@expo-google-fonts/inter/900Black/Inter_900Black.ttf',
  '@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf',
];

let fontPaths: string[] | undefined;
function fonts(): ResvgRenderOptions['font'] {
  fontPaths ??= FONT_FILES.map((file) => require.resolve(file));
  return { fontFiles: fontPaths, loadSystemFonts: false, defaultFontFamily: 'Inter' };
}

const SIZE = 3000;
const MARGIN = 260;
const COVER_SIZES = [3000, 600, 160] as const;

export interface Palette {
  background: string;
  /** Second background tone for the corner ripples. */
  glow: string;
  accent: string;
  ink: string;
}

/** Hand-picked schemes: contrast checked by eye, and all read well at 160 px. */
export const PALETTES: readonly Palette[] = [
  { background: '#1e1b4b', glow: '#312e81', accent: '#fbbf24', ink: '#fff7ed' },
  { background: '#0b3b2e', glow: '#14532d', accent: '#a3e635', ink: '#f0fdf4' },
  { background: '#4a0d1c', glow: '#6b1329', accent: '#fb7185', ink: '#fff1f2' },
  { background: '#0b1f3a', glow: '#13345e', accent: '#38bdf8', ink: '#f0f9ff' },
  { background: '#2e1035', glow: '#4a1a55', accent: '#e879f9', ink: '#fdf4ff' },
  { background: '#053b3f', glow: '#0b5258', accent: '#fcd34d', ink: '#ecfeff' },
  { background: '#18181b', glow: '#27272a', accent: '#f97316', ink: '#fafafa' },
  { background: '#1d3fbb', glow: '#2a4fd0', accent: '#fde047', ink: '#ffffff' },
  { background: '#d9381e', glow: '#e34b2f', accent: '#1c1917', ink: '#fff7ed' },
  { background: '#f2b705', glow: '#f6c42e', accent: '#1a1a1a', ink: '#1a1a1a' },
  { background: '#b8f2d0', glow: '#a6ebc2', accent: '#0f766e', ink: '#0b3b2e' },
  { background: '#ddd3ff', glow: '#cfc2fb', accent: '#6d28d9', ink: '#24124a' },
];

export function paletteFor(slug: string): Palette {
  return PALETTES[digest(slug).readUInt32BE(0) % PALETTES.length]!;
}

/** The cover PNGs (3000, 600 and 160 px) and the favicon files, with names that change with the pixels. */
export async function renderArtwork(series: Series): Promise<{ files: OutputFile[]; refs: ArtworkRefs }> {
  const svg = coverSvg(series);
  const pngs = await Promise.all(COVER_SIZES.map((size) => renderPng(svg, size)));
  const hash = createHash('sha256');
  for (const png of pngs) hash.update(png);
  const stamp = hash.digest('hex').slice(0, 10);
  const names = COVER_SIZES.map((size) => `artwork/cover-${stamp}-${size}.png`);
  const [feed, page, thumb] = names as [string, string, string];
  return {
    files: [...names.map((name, i) => ({ path: `${series.slug}/${name}`, contents: pngs[i]! })), ...renderFavicon()],
    refs: { feed, page, thumb },
  };
}

/** The site favicon: the same for every series, so each build writes identical bytes. */
export function renderFavicon(): OutputFile[] {
  const svg = faviconSvg();
  return [
    { path: 'assets/favicon.svg', contents: svg },
    // RGBA here: the rounded corners of the favicon are meant to be transparent.
    { path: 'assets/favicon-32.png', contents: resvg(svg, 32).asPng() },
  ];
}

/**
 * Render an SVG `size` px wide as an opaque RGB PNG (Apple asks for RGB artwork without alpha).
 * Rendered on libuv's threads, so a build draws its art while it waits for speech.
 */
export async function renderPng(svg: string, size: number): Promise<Uint8Array> {
  const image = await resvgNative().renderAsync(svg, { font: fonts(), fitTo: { mode: 'width', value: size } });
  return encodeRgbPng(image.width, image.height, image.pixels);
}

function resvg(svg: string, size: number): RenderedImage {
  return new (Resvg())(svg, { font: fonts(), fitTo: { mode: 'width', value: size } }).render();
}

export function coverSvg(series: Pick<Series, 'slug' | 'title' | 'targetSeconds'>): string {
  const palette = paletteFor(series.slug);
  const label = `${Math.round(series.targetSeconds)}-second audio overviews`.toUpperCase();
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">`,
    `<rect width="${SIZE}" height="${SIZE}" fill="${palette.background}"/>`,
    ripples(palette),
    `<g fill="${palette.accent}">`,
    `<rect x="${MARGIN}" y="262" width="120" height="40" rx="20"/>`,
    `<text x="${MARGIN + 170}" y="310" font-family="Inter" font-weight="600" font-size="76" letter-spacing="13">${escapeText(label)}</text>`,
    `</g>`,
    titleBlock(series.title, { x: MARGIN, top: 620, bottom: 2090, width: SIZE - 2 * MARGIN }, palette.ink),
    waveform(series.slug, palette),
    `</svg>`,
  ].join('\n');
}

/**
 * A title in Inter Black, as large as fits the box (up to `maxFont`), its lines centred in the
 * box's height; coordinates are those of a 3000-unit square.
 */
export function titleBlock(
  title: string,
  box: { x: number; top: number; bottom: number; width: number },
  ink: string,
  maxFont = MAX_FONT,
): string {
  const layout = layoutTitle(title, box.width, box.bottom - box.top, maxFont);
  const blockHeight = CAP_HEIGHT * layout.size + (layout.lines.length - 1) * LINE_HEIGHT * layout.size;
  const firstBaseline = box.top + (box.bottom - box.top - blockHeight) / 2 + CAP_HEIGHT * layout.size;
  const lines = layout.lines
    .map((line, i) => `<text x="${box.x}" y="${round(firstBaseline + i * LINE_HEIGHT * layout.size)}">${escapeText(line)}</text>`)
    .join('');
  return `<g fill="${ink}" font-family="Inter" font-weight="900" font-size="${round(layout.size)}" letter-spacing="${round(TRACKING * layout.size)}">${lines}</g>`;
}

/** Concentric rings from the top-right corner: sound spreading out, quiet enough to sit behind the title. */
export function ripples(palette: Palette): string {
  const rings = [520, 900, 1280, 1660]
    .map((r, i) => `<circle cx="${SIZE}" cy="0" r="${r}" fill="none" stroke="${palette.glow}" stroke-width="${150 - i * 30}"/>`)
    .join('');
  return `<g>${rings}</g>`;
}

/**
 * A mirrored bar waveform shaped like speech (bursts and pauses) and seeded by the slug, with
 * the first third in the accent colour like a player's progress.
 */
function waveform(slug: string, palette: Palette): string {
  const random = seededRandom(digest(`wave:${slug}`).readUInt32BE(4));
  const count = 44;
  const gap = 22;
  const width = (SIZE - 2 * MARGIN - gap * (count - 1)) / count;
  const centre = 2520;
  const maxHalf = 190;
  const played = Math.round(count * 0.36);
  const bars: string[] = [];
  for (let i = 0; i < count; i++) {
    const phrase = 0.72 + 0.28 * Math.sin((i / count) * Math.PI * 3.4 + random() * 0.8);
    const syllable = 0.3 + 0.7 * random();
    const half = Math.max(width / 2, maxHalf * phrase * syllable);
    const x = MARGIN + i * (width + gap);
    const fill = i < played ? palette.accent : palette.ink;
    const opacity = i < played ? '' : ' fill-opacity="0.32"';
    bars.push(
      `<rect x="${round(x)}" y="${round(centre - half)}" width="${round(width)}" height="${round(2 * half)}" rx="${round(width / 2)}" fill="${fill}"${opacity}/>`,
    );
  }
  const head = MARGIN + played * (width + gap) - gap / 2;
  bars.push(`<circle cx="${round(head)}" cy="${centre}" r="44" fill="${palette.accent}"/>`);
  return `<g>${bars.join('')}</g>`;
}

/** The favicon: waveform bars in a rounded square, crisp from 16 px up. */
export function faviconSvg(): string {
  const bars = [26, 44, 34, 18]
    .map((height, i) => `<rect x="${13 + i * 13}" y="${36 - height / 2}" width="8" height="${height}" rx="4"/>`)
    .join('');
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="72" height="72" viewBox="0 0 72 72">',
    '<rect width="72" height="72" rx="16" fill="#1e1b4b"/>',
    `<g fill="#fbbf24">${bars}</g>`,
    '</svg>',
    '',
  ].join('\n');
}

/** Inter's cap height and the leading and tracking used for the title, as fractions of the font size. */
const CAP_HEIGHT = 0.727;
const LINE_HEIGHT = 1.0;
const TRACKING = -0.025;
const MAX_FONT = 640;
const MIN_FONT = 150;

export interface TitleLayout {
  size: number;
  lines: string[];
}

/**
 * The largest font size at which the title fits the box, and at that size the most even line
 * breaks (so a two-line title is not one long line and an orphan). Widths are measured with
 * resvg itself, so layout and rendering agree.
 */
export function layoutTitle(title: string, width: number, height: number, maxFont = MAX_FONT): TitleLayout {
  const words = title.replace(/\s+/g, ' ').trim().split(' ');
  const measure = lineMeasurer(words);
  for (let size = maxFont; size >= MIN_FONT; size -= 10) {
    const maxLines = Math.max(1, Math.floor((height - CAP_HEIGHT * size) / (LINE_HEIGHT * size)) + 1);
    const best = bestBreaks(words.length, maxLines, (i, j) => measure(i, j) * size, width);
    if (best) return { size, lines: best.map(([i, j]) => words.slice(i, j).join(' ')) };
  }
  // Very long titles: the smallest size, broken greedily, even if it runs long.
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measureText(candidate) * MIN_FONT > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return { size: MIN_FONT, lines };
}

/** Breaks as [start, end) word ranges with every line within `width`, minimising raggedness. */
function bestBreaks(
  n: number,
  maxLines: number,
  lineWidth: (from: number, to: number) => number,
  width: number,
): Array<[number, number]> | undefined {
  // cost[k][j]: best cost of setting words[0..j) in k lines.
  const cost: number[][] = Array.from({ length: maxLines + 1 }, () => new Array<number>(n + 1).fill(Infinity));
  const from: number[][] = Array.from({ length: maxLines + 1 }, () => new Array<number>(n + 1).fill(0));
  cost[0]![0] = 0;
  for (let k = 1; k <= maxLines; k++) {
    for (let j = 1; j <= n; j++) {
      for (let i = j - 1; i >= 0; i--) {
        if (cost[k - 1]![i] === Infinity) continue;
        const w = lineWidth(i, j);
        if (w > width) break;
        const slack = (width - w) / width;
        const c = cost[k - 1]![i]! + slack * slack;
        if (c < cost[k]![j]!) {
          cost[k]![j] = c;
          from[k]![j] = i;
        }
      }
    }
  }
  // Fewer lines read better at the same size; among equal counts take the evenest.
  for (let k = 1; k <= maxLines; k++) {
    if (cost[k]![n] === Infinity) continue;
    const ranges: Array<[number, number]> = [];
    for (let line = k, j = n; line > 0; line--) {
      const i = from[line]![j]!;
      ranges.unshift([i, j]);
      j = i;
    }
    return ranges;
  }
  return undefined;
}

/** Width of words[i..j) joined by spaces, in ems, cached. */
function lineMeasurer(words: string[]): (from: number, to: number) => number {
  const cache = new Map<string, number>();
  return (i, j) => {
    const key = `${i}:${j}`;
    let value = cache.get(key);
    if (value === undefined) {
      value = measureText(words.slice(i, j).join(' '));
      cache.set(key, value);
    }
    return value;
  };
}

/** Ink width of a line of title text in ems (at 100 px, divided by 100). */
export function measureText(text: string): number {
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><text x="0" y="100" font-family="Inter" ` +
    `font-weight="900" font-size="100" letter-spacing="${TRACKING * 100}">${escapeText(text)}</text></svg>`;
  const box = new (Resvg())(svg, { font: fonts() }).getBBox();
  return box ? box.width / 100 : 0;
}

function seededRandom(seed: number): () => number {
  // mulberry32: tiny, fast and the same on every platform.
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

