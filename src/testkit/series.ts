/**
 * Test support: writes a small, valid series (three short episodes) into a temporary folder,
 * so tests can build it for real, break it on purpose, or edit one episode.
 */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SERIES_YAML = `slug: tiny-test
title: Tiny Test
topic: testing
description: A small series used by the tests.
author: Ninety Tests
owner:
  name: Ninety Tests
  email: tests@ninety.example
language: en
category: Technology
explicit: false
targetSeconds: 12
toleranceSeconds: 3
`;

export const LEXICON_YAML = `GPU: gee pee you
LoRA: lora
`;

export function episodeFile(number: number, overrides: Partial<Record<string, string>> = {}): string {
  const word = ['one', 'two', 'three', 'four'][number - 1] ?? String(number);
  const fields: Record<string, string> = {
    number: String(number),
    id: `episode-${number}`,
    title: `Episode ${word}`,
    subtitle: 'a short test',
    summary: 'A short summary for the test.',
    published: `2026-01-0${number}`,
    notes: 'Show notes with a [link](https://example.com/notes).',
    ...overrides,
  };
  const front = Object.entries(fields)
    .filter(([k, v]) => v !== '' && k !== 'script')
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  const script =
    overrides.script ??
    `Part ${word}. A GPU learns by reading. It guesses the next word, checks the answer, and adjusts itself a little.\n\nLoRA makes that cheaper. So the rule is simple: train small parts, keep the rest.`;
  return `---\n${front}\nsources:\n  - title: First source\n    url: https://example.com/a\n  - title: Second source\n    url: https://example.com/b\n---\n${script}\n`;
}

/** Writes the tiny series and returns its folder. */
export async function writeTinySeries(root?: string, episodes = 3): Promise<string> {
  const dir = root ?? (await mkdtemp(join(tmpdir(), 'ninety-series-')));
  await mkdir(join(dir, 'episodes'), { recursive: true });
  await writeFile(join(dir, 'series.yaml'), SERIES_YAML);
  await writeFile(join(dir, 'lexicon.yaml'), LEXICON_YAML);
  for (let n = 1; n <= episodes; n++) {
    await writeFile(join(dir, 'episodes', `0${n}-episode-${n}.md`), episodeFile(n));
  }
  return dir;
}
