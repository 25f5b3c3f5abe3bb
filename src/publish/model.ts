/**
 * What the build hands to publishing: a series whose episodes have audio and timings.
 * Publishing functions are pure: they take this model and return file contents.
 */
import type { Episode, Series } from '../series/schema.js';

/** One sentence (or part of a long sentence) of the transcript with its time in seconds. */
export interface Cue {
  start: number;
  end: number;
  /** The written script text, not the spoken form. */
  text: string;
  /** Index of the paragraph the cue belongs to, so pages can keep paragraphs. */
  paragraph: number;
  /** The host who says it, in a dialogue; absent when the series has one voice. */
  speaker?: string;
}

/** A timed sentence as the audio stage measured it (before long sentences are split into cues). */
export type TimedSentence = Cue;

export interface BuiltEpisode {
  episode: Episode;
  durationSeconds: number;
  /** Paths are relative to the series output folder (`DIR/<slug>/`). */
  audio: { path: string; bytes: number; type: 'audio/mpeg' };
  transcripts: { vtt: string; json: string };
  cues: Cue[];
  /** The episode's figure as a 1200×630 PNG (the pages' social card), relative to the series folder. */
  card?: string | undefined;
  /** The episode's figure as a 1400×1400 PNG (the feed item's image), relative to the series folder. */
  square?: string | undefined;
}

/** Cover art files, relative to the series output folder; names carry a content hash. */
export interface ArtworkRefs {
  /** 3000×3000 PNG for the feed. */
  feed: string;
  /** About 600×600 PNG for pages. */
  page: string;
  /** About 160×160 PNG for lists and the Media Session. */
  thumb: string;
}

export interface BuiltSeries {
  series: Series;
  /** Curriculum order (episode 1 first). */
  episodes: BuiltEpisode[];
  artwork: ArtworkRefs;
  /** Public base URL of the output folder root (no trailing slash), e.g. http://localhost:4321 */
  baseUrl: string;
}

/** A file to write, relative to the output root `DIR/` (not the series folder). */
export interface OutputFile {
  path: string;
  contents: string | Uint8Array;
}
