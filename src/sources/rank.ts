/**
 * The passages most relevant to a query, by BM25 (MiniSearch): the outline or an episode's
 * brief is the query, and the best few passages go into the prompt. Words are matched
 * case-insensitively, with small typos and common English stop words ignored; passages that
 * share no word with the query are not returned, so fewer than `limit` may come back.
 *
 * @example
 *   rankPassages(splitPassages(sources), 'how many tokens per parameter', 3)
 */
import MiniSearch from 'minisearch';
import type { Passage } from './passages.js';

/** Words too common to say anything about relevance. */
const STOP_WORDS = new Set(
  ('a an and are as at be but by for from has have how in into is it its of on or so than that the their then there ' +
    'these this those to was were what when which who why will with').split(' '),
);

export function rankPassages(passages: readonly Passage[], query: string, limit: number): Passage[] {
  if (limit <= 0 || passages.length === 0) return [];
  const search = new MiniSearch<{ id: number; text: string }>({
    fields: ['text'],
    processTerm: (term) => {
      const lower = term.toLowerCase();
      return STOP_WORDS.has(lower) ? null : lower;
    },
    searchOptions: { fuzzy: (term) => (term.length >= 6 ? 0.2 : 0), prefix: false, combineWith: 'OR' },
  });
  search.addAll(passages.map((passage, id) => ({ id, text: passage.text })));
  return search
    .search(query)
    .sort((a, b) => b.score - a.score || (a.id as number) - (b.id as number))
    .slice(0, limit)
    .map((result) => passages[result.id as number]!);
}
