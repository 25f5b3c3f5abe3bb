/**
 * Pronunciations the model proposes for its own script: kept when the script uses the term and the
 * spoken form is plain words, and never over an entry the lexicon already has (the user's word wins).
 *
 * @example
 *   usefulTerms(answer) // [{ term: 'QLoRA', say: 'cue lora' }]
 *   withTerms(lexicon, answer) // the lexicon a draft is checked against
 */
import type { Lexicon } from '../series/schema.js';
import type { ScriptAnswer } from './answers.js';

/** A pronunciation worth adding: a term the script uses, said in plain words. */
export function usefulTerms(answer: ScriptAnswer, hosts: readonly string[] = []): { term: string; say: string }[] {
  const seen = new Set<string>();
  return answer.terms.filter(({ term, say }) => {
    const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const used = new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}(?=$|[^\\p{L}\\p{N}])`, 'u').test(answer.script);
    const plain = /^[a-z][a-z' -]*$/i.test(say) && say.toLowerCase() !== term.toLowerCase();
    const fresh = !seen.has(term) && !hosts.includes(term);
    seen.add(term);
    return used && plain && fresh && !term.includes(':');
  });
}


/** The lexicon with the answer's useful proposals added where it has no entry. */
export function withTerms(lexicon: Lexicon, answer: ScriptAnswer, hosts?: readonly string[]): Lexicon {
  const added = Object.fromEntries(usefulTerms(answer, hosts).filter(({ term }) => !(term in lexicon)).map(({ term, say }) => [term, say]));
  return { ...added, ...lexicon };
}
