/**
 * The speech cache: untagged MP3s and their timings, keyed by a hash of everything that shapes
 * the sound (spoken text, voice, settings, engine version). A rebuild with nothing changed
 * synthesises nothing; editing one episode re-speaks only that one.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { EpisodeAudioResult, EpisodeAudioTask } from './episode-audio.js';
import { writeFileAtomic } from './atomic.js';

/** Bump when the audio pipeline changes in a way that changes the sound. */
export const PIPELINE_VERSION = 4;

export function audioKey(task: Omit<EpisodeAudioTask, 'key' | 'label'>, engineVersion: string): string {
  const material = JSON.stringify({
    pipeline: PIPELINE_VERSION,
    engine: engineVersion,
    voice: task.voice,
    target: task.targetSeconds,
    tolerance: task.toleranceSeconds,
    sentences: task.sentences,
  });
  return createHash('sha256').update(material).digest('hex').slice(0, 32);
}

export class AudioCache {
  constructor(private readonly dir: string) {}

  async get(key: string): Promise<EpisodeAudioResult | undefined> {
    try {
      const [meta, mp3] = await Promise.all([
        readFile(join(this.dir, `${key}.json`), 'utf8'),
        readFile(join(this.dir, `${key}.mp3`)),
      ]);
      const result = JSON.parse(meta) as Omit<EpisodeAudioResult, 'mp3'>;
      return result.key === key ? { ...result, mp3: new Uint8Array(mp3) } : undefined;
    } catch {
      return undefined; // missing or half-written entries are simply made again
    }
  }

  async put(result: EpisodeAudioResult): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const { mp3, ...meta } = result;
    // Audio first, then the entry that points at it: an interrupted put is never read as a hit.
    await writeFileAtomic(join(this.dir, `${result.key}.mp3`), mp3);
    await writeFileAtomic(join(this.dir, `${result.key}.json`), JSON.stringify(meta));
  }

  /** Drops entries this build did not use, so the cache does not grow with every edit. */
  async keepOnly(keys: ReadonlySet<string>): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(
      names
        .filter((name) => /\.(mp3|json)$/.test(name) && !name.startsWith('artwork-'))
        .filter((name) => !keys.has(name.replace(/\.(mp3|json)$/, '')))
        .map((name) => rm(join(this.dir, name), { force: true })),
    );
  }
}
