/**
 * Inline SVG icons for server-rendered pages (the same drawings as the player's, web/dom.ts).
 * All decorative: the link or button around them carries the accessible name.
 */
import { raw, type Html } from './html.js';

const PATHS = {
  play: 'M8 5.5v13a1 1 0 0 0 1.5.86l10.5-6.5a1 1 0 0 0 0-1.72L9.5 4.64A1 1 0 0 0 8 5.5z',
  rss: 'M6.2 15.6a2.2 2.2 0 1 1 0 4.4 2.2 2.2 0 0 1 0-4.4zM4 10.1a9.9 9.9 0 0 1 9.9 9.9h-2.9a7 7 0 0 0-7-7zm0-5.6A15.5 15.5 0 0 1 19.5 20h-2.9A12.6 12.6 0 0 0 4 7.4z',
  left: 'M15.4 7.4 14 6l-6 6 6 6 1.4-1.4L10.8 12z',
  right: 'M8.6 16.6 10 18l6-6-6-6-1.4 1.4 4.6 4.6z',
  download: 'M5 20h14v-2H5v2zM19 9h-4V3H9v6H5l7 7 7-7z',
} as const;

export type IconName = keyof typeof PATHS;

export function icon(name: IconName): Html {
  return raw(
    `<svg class="icon icon-${name}" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="${PATHS[name]}"/></svg>`,
  );
}

/** The mark: a ring with its first quarter drawn in, ninety degrees of a circle. */
export function logo(): Html {
  return raw(
    '<svg class="logo" viewBox="0 0 32 32" aria-hidden="true" focusable="false">' +
      '<circle cx="16" cy="16" r="12" fill="none" stroke="currentColor" stroke-width="4" opacity=".25"/>' +
      '<path d="M16 4a12 12 0 0 1 12 12" fill="none" stroke="currentColor" stroke-width="4" stroke-linecap="round" class="logo-arc"/>' +
      '</svg>',
  );
}
