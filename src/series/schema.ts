/**
 * The shape of series content on disk: `series.yaml`, `lexicon.yaml` and one Markdown file
 * per episode (YAML front matter + the script as the body). Validation lives here so every
 * command (build, check, serve) agrees on what valid content is.
 */
import { z } from 'zod';
import { HOST_NAME } from './dialogue.js';
import { figureSchema } from './figures.js';
import { reservedIdMessage, reservedSlugMessage } from './reserved.js';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and single hyphens, e.g. "ai-training"');

const httpUrl = z.url({ protocol: /^https?$/ });

const provenanceSourceSchema = z
  .object({
    title: z.string().min(1),
    /** The URL or path the user gave. */
    address: z.string().min(1),
    /** The extracted text, in the series folder. */
    file: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hexadecimal'),
  })
  .strict();

export const provenanceSchema = z
  .object({
    generator: z.string().min(1),
    model: z.string().min(1),
    server: z.string().min(1),
    created: z.iso.date().or(z.date().transform((d) => d.toISOString().slice(0, 10))),
    topic: z.string().min(1),
    audience: z.string().min(1).optional(),
    sources: z.array(provenanceSourceSchema).default([]),
    /** Episodes whose scripts state figures their sources do not contain, after one repair. */
    ungrounded: z.array(z.object({ episode: z.number().int().positive(), figures: z.array(z.string()) }).strict()).default([]),
  })
  .strict();

export const voiceSettingsSchema = z
  .object({
    engine: z.string().min(1).default('flite'),
    voice: z.string().min(1).default('rms'),
    /** The speech server's model (engine: openai); without it, NINETY_TTS_MODEL or tts-1. */
    model: z.string().min(1).optional(),
    /** Flite duration stretch used as the starting point (1 = the voice's own pace). */
    stretch: z.number().min(0.7).max(1.5).default(1),
    /** Bounds for duration fitting, so fitting never turns the voice into a chipmunk or a drone. */
    minStretch: z.number().min(0.7).max(1.5).default(0.92),
    maxStretch: z.number().min(0.7).max(1.5).default(1.2),
    sentencePauseMs: z.number().int().min(0).max(2000).default(350),
    paragraphPauseMs: z.number().int().min(0).max(3000).default(700),
    /**
     * Between two hosts' turns in a dialogue; DEFAULT_TURN_PAUSE_MS when not set. No default here:
     * series with one voice stay exactly as they were (their settings are part of the cache key).
     */
    turnPauseMs: z.number().int().min(0).max(3000).optional(),
  })
  .strict()
  .refine((v) => v.minStretch <= v.stretch && v.stretch <= v.maxStretch, {
    message: 'stretch must lie between minStretch and maxStretch',
    path: ['stretch'],
    params: { rule: 'stretch-bounds' },
  });

export { DEFAULT_TURN_PAUSE_MS } from './turn-pause.js';

export const hostSchema = z
  .object({
    name: z
      .string({ error: (issue) => (issue.input === undefined ? 'give each host a name, e.g. "name: Ada"' : undefined) })
      .regex(HOST_NAME, 'use one to three words starting with a letter and no colon, e.g. "Ada"')
      .max(40, 'keep a host\'s name under 40 characters'),
    voice: z
      .string({ error: (issue) => (issue.input === undefined ? 'give each host a voice, e.g. "voice: slt"' : undefined) })
      .min(1, 'give each host a voice, e.g. "voice: slt"'),
    /** The engine of this host's voice; the series' engine (`voice.engine`) when not given. */
    engine: z.string().min(1).optional(),
  })
  .strict();

const hostsSchema = z
  .array(hostSchema)
  .min(2, 'list at least two hosts, or leave hosts out and set voice for a single narrator')
  .superRefine((hosts, ctx) => {
    hosts.forEach((host, i) => {
      const first = hosts.findIndex((h) => h.name.toLowerCase() === host.name.toLowerCase());
      if (first < i) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'name'],
          message: `"${host.name}" is also the name of host ${first + 1}: give each host a name of their own`,
        });
      }
    });
  });

export const seriesSchema = z
  .object({
    slug: slug.superRefine((value, ctx) => {
      const message = reservedSlugMessage(value);
      if (message) ctx.addIssue({ code: 'custom', message, params: { rule: 'reserved-name' } });
    }),
    title: z.string().min(1).max(255),
    topic: z.string().min(1).max(255),
    description: z.string().min(1).max(4000),
    author: z.string().min(1).max(255),
    owner: z.object({ name: z.string().min(1), email: z.string().email() }).strict(),
    language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'use a language code such as "en" or "en-US"'),
    category: z.string().min(1),
    subcategory: z.string().min(1).optional(),
    explicit: z.boolean(),
    copyright: z.string().min(1).optional(),
    baseUrl: httpUrl.default('http://localhost:4321'),
    targetSeconds: z.number().positive().max(3600).default(90),
    toleranceSeconds: z.number().positive().max(60).default(5),
    voice: voiceSettingsSchema.default({
      engine: 'flite',
      voice: 'rms',
      stretch: 1,
      minStretch: 0.92,
      maxStretch: 1.2,
      sentencePauseMs: 350,
      paragraphPauseMs: 700,
    }),
    /** Two or more hosts make every script a dialogue (see dialogue.ts); `voice` keeps the shared settings. */
    hosts: hostsSchema.optional(),
    /** How a written series came to be (`ninety new`): shown on the series page. */
    provenance: provenanceSchema.optional(),
  })
  .strict();

/**
 * A source an episode cites: a web page (`url`), or a document the user gave `ninety new`, kept
 * as text in the series' `sources/` folder (`file`) with where it came from (`address`).
 */
export const sourceSchema = z
  .object({
    title: z.string().min(1),
    url: httpUrl.optional(),
    file: z.string().regex(/^sources\/[^/]+$/, 'name a file in the series\' sources/ folder, e.g. "sources/01-notes.txt"').optional(),
    address: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((source, ctx) => {
    if (source.url === undefined && source.file === undefined) {
      // Said as any missing field is ("url of source 2 is missing — …"): a file is the rarer case.
      ctx.addIssue({ code: 'invalid_type', expected: 'string', input: undefined, path: ['url'] });
    } else if (source.url !== undefined && source.file !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['file'],
        message: 'give a source a url (a web page) or a file (a document in sources/), not both',
        params: { rule: 'source-address' },
      });
    }
  });

/** A work the model proposed without having read it: listed as unverified further reading. */
export const readingSchema = z.object({ title: z.string().min(1), url: httpUrl.optional() }).strict();

/** Front matter of an episode file; the script is the Markdown body. */
export const episodeFrontMatterSchema = z
  .object({
    number: z.number().int().positive(),
    id: slug.superRefine((value, ctx) => {
      const message = reservedIdMessage(value);
      if (message) ctx.addIssue({ code: 'custom', message, params: { rule: 'reserved-name' } });
    }),
    title: z.string().min(1).max(255),
    subtitle: z.string().min(1).max(255).optional(),
    summary: z.string().min(1).max(600),
    published: z.iso
      .date('write a real date as year-month-day, e.g. 2026-05-04')
      .or(z.date().transform((d) => d.toISOString().slice(0, 10))),
    notes: z.string().min(1).optional(),
    sources: z.array(sourceSchema).default([]),
    reading: z.array(readingSchema).optional(),
    /** A chart or diagram drawn from the sources (see figures.ts); the page renders it, the social card shows it. */
    figure: figureSchema.optional(),
  })
  .strict()
  .superRefine((episode, ctx) => {
    // Unverified further reading (from a model that had no sources) stands in for sources, and says so.
    if (episode.sources.length === 0 && !episode.reading?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['sources'],
        message: 'no sources are listed — list the sources the episode relies on, each with title and url',
        params: { rule: 'no-sources' },
      });
    }
    // Every number in a figure traces to a source the episode cites.
    const url = episode.figure?.source.url;
    if (url && !episode.sources.some((s) => s.url === url)) {
      ctx.addIssue({
        code: 'custom',
        path: ['figure', 'source', 'url'],
        message: `the figure's source ${url} is not among the episode's sources — add it to sources, or cite one of them`,
        params: { rule: 'figure-source-not-cited' },
      });
    }
  });

/** term → how to say it, e.g. `LoRA: lora`. */
export const lexiconSchema = z.record(z.string().min(1), z.string().min(1));

export type VoiceSettings = z.infer<typeof voiceSettingsSchema>;
export type Host = z.infer<typeof hostSchema>;
export type Series = z.infer<typeof seriesSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type Reading = z.infer<typeof readingSchema>;
export type Provenance = z.infer<typeof provenanceSchema>;
export type EpisodeFrontMatter = z.infer<typeof episodeFrontMatterSchema>;
export type Lexicon = z.infer<typeof lexiconSchema>;

/** An episode as loaded: front matter plus its script and where it came from. */
export interface Episode extends EpisodeFrontMatter {
  /** The spoken script exactly as written (paragraphs separated by blank lines). */
  script: string;
  /** Path of the episode file, for error messages. */
  file: string;
}

/** A loaded, validated series. */
export interface SeriesContent {
  dir: string;
  series: Series;
  lexicon: Lexicon;
  /** Sorted by number (curriculum order). */
  episodes: Episode[];
}
