/**
 * Letters spelled out as words Flite pronounces reliably ("GPU" → "gee pee you"), for
 * initialisms and for the letter parts of names like "bf16" or "A100".
 */

const NAMES: Record<string, string> = {
  a: 'ay', b: 'bee', c: 'see', d: 'dee', e: 'ee', f: 'eff', g: 'gee', h: 'aitch', i: 'eye',
  j: 'jay', k: 'kay', l: 'el', m: 'em', n: 'en', o: 'oh', p: 'pee', q: 'cue', r: 'ar',
  s: 'ess', t: 'tee', u: 'you', v: 'vee', w: 'double you', x: 'ex', y: 'why', z: 'zee',
};

/** "GPU" → "gee pee you"; characters other than the Latin letters a–z are kept as they are. */
export function spellLetters(letters: string): string {
  return [...letters].map((c) => NAMES[c.toLowerCase()] ?? c).join(' ');
}

/**
 * Whether a run of letters next to digits is an initialism to spell ("FP" in FP8, "bf" in
 * bf16, "A" in A100) rather than a word to say ("Llama" in Llama2, "int" in int8).
 */
export function shouldSpell(letters: string): boolean {
  if (!/^[A-Za-z]+$/.test(letters)) return false;
  if (letters.length === 1) return true;
  if (letters.length > 4) return false;
  return letters === letters.toUpperCase() || !/[aeiouy]/i.test(letters);
}
