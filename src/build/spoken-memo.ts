/**
 * Each sentence's spoken form, kept between builds. Writing out numbers, symbols and jargon is
 * the largest share of a rebuild with nothing changed, and a sentence's spoken form depends only
 * on its text, the lexicon, the language and the code that normalises: the file is keyed on the
 * last three and holds the first, so a changed lexicon or normaliser starts it afresh.
 *
 * @example
 *   const memo = await SpokenMemo.load(cacheDir, content.lexicon, content.series.language);
 *   const task = audioTask(content, episode, engine, (text) => memo.spoken(text));
 *   await memo.save(); // only the sentences asked for this time, and only when something is new
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { spokenForm } from '../speech/normalise.js';
import { writeFileAtomic } from './atomic.js';
import { stableJson } from './cache.js';
import { soundToolchain } from './toolchain.js';

const FILE = 'spoken-forms.json';

interface Stored {
  key: string;
  forms: Record<string, string>;
}

export class SpokenMemo {
  private readonly used = new Map<string, string>();
  private added = false;

  private constructor(
    private readonly path: string,
    private readonly key: string,
    private readonly known: ReadonlyMap<string, string>,
    private readonly lexicon: Record<string, string>,
    private readonly language: string,
  ) {}

  static async load(cacheDir: string, lexicon: Record<string, string>, language: string): Promise<SpokenMemo> {
    // The normaliser is part of the speech code, which the sound toolchain's code hash covers.
    const key = createHash('sha256').update(stableJson({ lexicon, language, code: soundToolchain('').code })).digest('hex').slice(0, 32);
    const path = join(cacheDir, FILE);
    return new SpokenMemo(path, key, await readForms(path, key), lexicon, language);
  }

  spoken(text: string): string {
    let form = this.used.get(text) ?? this.known.get(text);
    if (form === undefined) {
      form = spokenForm(text, this.lexicon, this.language);
      this.added = true;
    }
    this.used.set(text, form);
    return form;
  }

  /** Keeps what this build asked for, when it asked for anything the file lacked or the file holds more. */
  async save(): Promise<void> {
    if (!this.added && this.used.size === this.known.size) return;
    const stored: Stored = { key: this.key, forms: Object.fromEntries(this.used) };
    await writeFileAtomic(this.path, JSON.stringify(stored));
  }
}

/** The forms stored under this key; none when the file is missing, damaged or made for another key. */
async function readForms(path: string, key: string): Promise<Map<string, string>> {
  try {
    const stored = JSON.parse(await readFile(path, 'utf8')) as Partial<Stored>;
    if (stored.key !== key || !stored.forms || typeof stored.forms !== 'object') return new Map();
    return new Map(Object.entries(stored.forms).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return new Map();
  }
}
