/**
 * `episodes.json`: the machine-readable index of a built series. Paths are relative to the
 * series folder. The library page and later builds read it back.
 */
import { documentName } from '../publish/pages/format.js';
import type { BuiltSeries } from '../publish/model.js';

export interface Manifest {
  series: {
    slug: string;
    title: string;
    topic: string;
    description: string;
    episodeCount: number;
    artwork: string;
    feed: string;
  };
  episodes: {
    number: number;
    id: string;
    title: string;
    subtitle?: string;
    summary: string;
    published: string;
    words: number;
    durationSeconds: number;
    page: string;
    audio: string;
    bytes: number;
    transcripts: { vtt: string; json: string };
    sources: { title: string; url?: string; address?: string }[];
  }[];
  /** Every file the build wrote under the series folder (this one included): what the next build may clean up. */
  files: string[];
}

export function buildManifest(built: BuiltSeries, words: (id: string) => number, files: readonly string[]): string {
  const manifest: Manifest = {
    series: {
      slug: built.series.slug,
      title: built.series.title,
      topic: built.series.topic,
      description: built.series.description,
      episodeCount: built.episodes.length,
      artwork: built.artwork.page,
      feed: 'feed.xml',
    },
    episodes: built.episodes.map(({ episode, durationSeconds, audio, transcripts }) => ({
      number: episode.number,
      id: episode.id,
      title: episode.title,
      ...(episode.subtitle ? { subtitle: episode.subtitle } : {}),
      summary: episode.summary,
      published: episode.published,
      words: words(episode.id),
      durationSeconds: Math.round(durationSeconds * 1000) / 1000,
      page: `${episode.id}/`,
      audio: audio.path,
      bytes: audio.bytes,
      transcripts,
      sources: episode.sources.map(({ title, url, address }) => ({ title, ...(url ? { url } : {}), ...(address ? { address: documentName(address) } : {}) })),
    })),
    files: [...new Set([...files, 'episodes.json'])].sort(),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function parseManifest(text: string): Manifest | undefined {
  try {
    // Anything not shaped like a manifest (null, a number, no series) throws here and reads as none.
    const value = JSON.parse(text) as Manifest;
    return value.series.slug && Array.isArray(value.episodes) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** A path a manifest may name: relative, inside the series folder, no dot segments. */
const SAFE_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * The files a manifest says its build wrote. Manifests from before the `files` list are read
 * from their episodes (audio, transcripts, page) and artwork.
 */
export function recordedFiles(manifest: Manifest): string[] {
  const listed = Array.isArray(manifest.files)
    ? manifest.files
    : [
        manifest.series.artwork,
        ...manifest.episodes.flatMap((e) => [e.audio, e.transcripts?.vtt, e.transcripts?.json, `${e.page}index.html`]),
      ];
  return listed.filter((path): path is string => typeof path === 'string' && SAFE_PATH.test(path));
}
