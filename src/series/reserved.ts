/**
 * Names the build owns. A series folder in the output holds `audio/`, `transcripts/` and
 * `artwork/` beside one folder per episode (named by its id), and the output root holds
 * `assets/` beside one folder per series (named by its slug). An episode called `audio` would
 * share its folder with every episode's sound, so such ids and slugs are refused up front.
 */
export const SERIES_FOLDERS = ['audio', 'transcripts', 'artwork'] as const;
export const ROOT_FOLDERS = ['assets'] as const;

export function reservedIdMessage(id: string): string | undefined {
  return (SERIES_FOLDERS as readonly string[]).includes(id)
    ? `"${id}" is a folder the build writes into: choose another id, e.g. "${id}-basics"`
    : undefined;
}

export function reservedSlugMessage(slug: string): string | undefined {
  return (ROOT_FOLDERS as readonly string[]).includes(slug)
    ? `"${slug}" is a folder the build writes into: choose another slug, e.g. "${slug}-series"`
    : undefined;
}
