/**
 * The shapes a language model must answer in. Model output is untrusted: these schemas are the
 * gate, and their limits keep a runaway answer from becoming a runaway file. The JSON Schema the
 * server is offered is derived from these, so prompt and validation cannot drift apart.
 *
 * @example
 *   const outline = outlineAnswer(12).parse(JSON.parse(text));
 */
import { z } from 'zod';

const line = (max: number) => z.string().trim().min(1).max(max);

export const outlineEpisodeSchema = z
  .object({
    title: line(90).describe('the episode title, a few words'),
    subtitle: line(120).describe('a short phrase that completes the title'),
    summary: line(300).describe('one sentence: what the listener will understand after the episode'),
  })
  .strict();

/** An outline of exactly `episodes` episodes, in learning order. */
export function outlineAnswer(episodes: number) {
  return z
    .object({
      title: line(80).describe('the series title'),
      description: line(900).describe('two or three sentences on what the series covers and for whom'),
      episodes: z.array(outlineEpisodeSchema).length(episodes).describe(`exactly ${episodes} episodes, in learning order`),
    })
    .strict();
}

export type OutlineAnswer = z.infer<ReturnType<typeof outlineAnswer>>;
export type OutlineEpisode = z.infer<typeof outlineEpisodeSchema>;

const citation = z
  .object({
    source: z.number().int().min(1).describe('the number of a source passage you used, as given in the prompt'),
  })
  .strict();

const reading = z
  .object({
    title: line(200).describe('author, title and year of a work a listener could read next'),
    url: z.string().trim().max(500).describe('its address, or an empty string when you are not sure of it'),
  })
  .strict();

const term = z
  .object({
    term: line(60).describe('a written term the voice may say wrongly: an acronym, a name, jargon'),
    say: line(120).describe('how to say it, in plain lower-case words, e.g. "lora" or "gee pee you"'),
  })
  .strict();

export const scriptAnswer = z
  .object({
    script: z.string().trim().min(1).max(6000).describe('the spoken script: plain paragraphs separated by a blank line'),
    notes: line(3000).describe('show notes: two or three sentences in plain prose on what the episode says and where its figures come from'),
    citations: z.array(citation).max(12).describe('the numbered source passages the script relies on; empty when none were given'),
    reading: z.array(reading).max(5).describe('when no source passages were given: works to read next; otherwise empty'),
    terms: z.array(term).max(20).describe('terms in the script a speech engine could mispronounce, with how to say them'),
  })
  .strict();

export type ScriptAnswer = z.infer<typeof scriptAnswer>;
