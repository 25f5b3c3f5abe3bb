/**
 * Names for files and web addresses from free text: "What's a Token?" → "whats-a-token".
 *
 * @example
 *   slugify('Chinchilla: the 20-to-1 rule') // 'chinchilla-the-20-to-1-rule'
 */
import { reservedIdMessage, reservedSlugMessage } from '../series/reserved.js';

export function slugify(text: string, maxLength = 48): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > maxLength) break;
    slug = next;
  }
  return slug || words[0]?.slice(0, maxLength) || 'untitled';
}

/** Episode ids from titles: unique within the series, never a name the site keeps for itself. */
export function episodeIds(titles: readonly string[]): string[] {
  const used = new Set<string>();
  return titles.map((title) => {
    let base = slugify(title);
    if (reservedIdMessage(base)) base = `${base}-episode`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  });
}

export function seriesSlug(topic: string): string {
  const slug = slugify(topic);
  return reservedSlugMessage(slug) ? `${slug}-series` : slug;
}
