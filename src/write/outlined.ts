/**
 * The outline's episodes as they arrive: from the finished parts of a streamed answer
 * (`model/partial-json.ts`), the whole episodes, each checked against the episode's schema, so
 * what is shown before the outline is done is held to the same rules as what is saved after.
 * Pure; `reportOutlined` turns a stream of partial answers into calls that happen only when the
 * list of whole episodes changes.
 *
 * @example
 *   outlinedEpisodes({ title: 'Bread', episodes: [{ title: 'Flour', subtitle: 'and water', summary: 'Why flour matters.' }] });
 *   // → [{ number: 1, title: 'Flour', subtitle: 'and water', summary: 'Why flour matters.' }]
 */
import { outlineEpisodeSchema, type OutlineEpisode } from './answers.js';

export interface OutlinedEpisode extends OutlineEpisode {
  /** Its place in the outline, from 1. */
  number: number;
}

/** The episodes of a partial outline answer that are whole and valid, up to the first that is not. */
export function outlinedEpisodes(partial: unknown): OutlinedEpisode[] {
  const episodes = (partial as { episodes?: unknown } | null | undefined)?.episodes;
  if (!Array.isArray(episodes)) return [];
  const valid: OutlinedEpisode[] = [];
  for (const episode of episodes) {
    const parsed = outlineEpisodeSchema.safeParse(episode);
    // A later episode after an invalid one would be shown under the wrong number.
    if (!parsed.success) break;
    valid.push({ number: valid.length + 1, ...parsed.data });
  }
  return valid;
}

/** An `onPartial` for the outline that calls `report` with the whole episodes so far, each time they change. */
export function reportOutlined(report: (episodes: OutlinedEpisode[]) => void): (partial: unknown) => void {
  let last = '[]';
  return (partial) => {
    const episodes = outlinedEpisodes(partial);
    const key = JSON.stringify(episodes);
    if (key === last) return;
    last = key;
    report(episodes);
  };
}
