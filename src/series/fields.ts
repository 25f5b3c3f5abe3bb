/**
 * What each content field is, in a writer's words: what to add when it is missing or empty, what
 * kind of value it holds ("a date", "a slug") and a line to copy. Schema messages use these to say
 * the fix instead of the rule; a field not listed here still gets a plain, generic message.
 *
 * @example
 *   fieldInfo('episode', ['sources', 1, 'url'])?.hint
 *   // 'give each source its full address, starting with https://'
 */
import { spellLetters } from '../speech/normalise/letters.js';

export type ContentKind = 'series' | 'episode' | 'lexicon';

export interface FieldInfo {
  /** What to do when the field is missing or empty. */
  hint: string;
  /** What the value is, for "… is not a date"; the schema type's name otherwise. */
  noun?: string;
  /** A line the writer could copy. */
  example?: string;
}

const SLUG_NOUN = 'a valid slug';

const SERIES: Record<string, FieldInfo> = {
  slug: { hint: 'add the short name used in web addresses', noun: SLUG_NOUN, example: 'slug: ai-training' },
  title: { hint: "add the series' title", example: 'title: AI Training' },
  topic: { hint: 'add what the series is about, in a few words', example: 'topic: how language models are trained' },
  description: { hint: "add a paragraph for podcast apps and the series' page" },
  author: { hint: 'add who made the series', example: 'author: Ada Lovelace' },
  owner: { hint: 'add the owner with a name and an email (podcast directories contact them)' },
  'owner.name': { hint: "add the owner's name", example: 'name: Ada Lovelace' },
  'owner.email': { hint: "add the owner's email", noun: 'an email address', example: 'email: ada@example.com' },
  language: { hint: 'add the language code', noun: 'a language code', example: 'language: en' },
  category: { hint: 'add an Apple Podcasts category', example: 'category: Technology' },
  subcategory: { hint: 'add a subcategory or remove the line', example: 'subcategory: Courses' },
  explicit: { hint: 'say whether the series has explicit language', example: 'explicit: false' },
  copyright: { hint: 'add the copyright line or remove the field', example: 'copyright: © 2026 Ada Lovelace' },
  baseUrl: { hint: 'add the address the site will live at', noun: 'a web address', example: 'baseUrl: https://example.com/podcasts' },
  targetSeconds: { hint: 'add the target length in seconds', example: 'targetSeconds: 90' },
  toleranceSeconds: { hint: 'add how far from the target an episode may be, in seconds', example: 'toleranceSeconds: 5' },
  voice: { hint: 'add the voice settings, or remove the line to use the defaults' },
  'voice.engine': { hint: 'name the speech engine', example: 'engine: flite' },
  'voice.voice': { hint: "name the engine's voice", example: 'voice: rms' },
  'voice.stretch': { hint: 'give the starting pace (1 is the voice’s own)', example: 'stretch: 1' },
};

const EPISODE: Record<string, FieldInfo> = {
  number: { hint: "add the episode's place in the series", noun: 'a whole number', example: 'number: 3' },
  id: { hint: "add the short name used in the episode's web address", noun: 'a valid id', example: 'id: tokens-and-vocab' },
  title: { hint: "add the episode's title", example: 'title: How a model learns' },
  subtitle: { hint: 'add a subtitle or remove the line', example: 'subtitle: the short version' },
  summary: { hint: 'add a sentence or two about the episode (up to 600 characters)' },
  published: { hint: 'add the publication date', noun: 'a date', example: 'published: 2026-05-04' },
  notes: { hint: 'add show notes in Markdown; for several lines write "notes: |" and indent the lines below it' },
  sources: { hint: 'list the sources the episode relies on, each with title and url' },
  'sources.*': { hint: 'give each source a title and a url' },
  'sources.*.title': { hint: 'give each source a title', example: 'title: Attention Is All You Need' },
  'sources.*.url': {
    hint: 'give each source its full address, starting with https://',
    noun: 'a web address',
    example: 'url: https://example.com/paper',
  },
};

const FIGURE: Record<string, FieldInfo> = {
  figure: { hint: 'describe the figure with a kind, its parameters, a caption and a source, or remove the line' },
  'figure.kind': { hint: 'name the kind of figure', example: 'kind: bars' },
  'figure.caption': { hint: 'add a caption that names where the numbers come from' },
  'figure.source': { hint: 'add the source of the numbers, with title and url (one of the episode\'s sources)' },
  'figure.source.url': { hint: 'give the source its full address, starting with https://', noun: 'a web address' },
};
Object.assign(EPISODE, FIGURE);

const TABLES: Record<Exclude<ContentKind, 'lexicon'>, Record<string, FieldInfo>> = { series: SERIES, episode: EPISODE };

/** The field at `path` (list positions may be any number), if it is one the writer is told about. */
export function fieldInfo(kind: ContentKind, path: readonly PropertyKey[]): FieldInfo | undefined {
  if (kind === 'lexicon') {
    // An initialism's letters one by one are a good first guess at how to say it.
    const term = String(path[0] ?? '');
    const example = /^[A-Z]{2,5}$/.test(term) ? `${term}: ${spellLetters(term)}` : undefined;
    return { hint: 'write how to say it after the colon', ...(example ? { example } : {}) };
  }
  const table = TABLES[kind];
  const key = path.map((p) => (typeof p === 'number' ? '*' : String(p))).join('.');
  return table[key];
}

/** What the file is called in messages: "an episode", "the series". */
export const KIND_NAME: Record<ContentKind, string> = {
  series: 'series.yaml',
  episode: 'an episode',
  lexicon: 'lexicon.yaml',
};

/**
 * A field's name as a writer would say it: `owner.email`, `url of source 2` (lists count from 1,
 * as people do), and a lexicon term as itself.
 */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const index = path.findLastIndex((p) => typeof p === 'number');
  if (index < 0) return path.map(String).join('.');
  const list = String(path[index - 1] ?? 'item');
  const item = `${list.endsWith('s') ? list.slice(0, -1) : list} ${Number(path[index]) + 1}`;
  const rest = path.slice(index + 1).map(String).join('.');
  return rest ? `${rest} of ${item}` : item;
}
