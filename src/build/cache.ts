/**
 * The speech cache: untagged MP3s and their timings, keyed by a hash of everything that shapes
 * the sound — the whole task (spoken text, voice, settings, target, the pace used for the first
 * rate) and the toolchain (engine, the versions of the engine, encoder and loudness packages, and
 * the code of the audio pipeline itself). A rebuild with nothing changed synthesises nothing;
 * editing one episode re-speaks only that one.
 *
 * An entry is trusted only after its audio is checked against the length and hash recorded when
 * it was made: a damaged entry is reported and made again, never copied into the output.
 *
 * @example
 *   const cache = new AudioCache('out/.ninety-cache/ai-training');
 *   const found = await cache.get(task.key);   // { hit } | { miss } | { damaged: 'why' }
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { EpisodeAudioResult, EpisodeAudioTask } from './episode-audio.js';
import { writeFileAtomic } from './atomic.js';

/** What, besides the task, decides the sound (see toolchain.ts). */
export interface SoundToolchain {
  engine: string;
  packages: Readonly<Record<string, string>>;
  code: string;
}

export type AudioTaskFields = Omit<EpisodeAudioTask, 'key' | 'label'>;

export function audioKey(task: AudioTaskFields, toolchain: SoundToolchain): string {
  return createHash('sha256').update(stableJson({ task, toolchain })).digest('hex').slice(0, 32);
}

/** JSON with object keys sorted, so the key does not depend on the order fields were written in. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((key) => [key, (v as Record<string, unknown>)[key]]))
      : v,
  );
}

export type CacheLookup = { hit: EpisodeAudioResult } | { miss: true } | { damaged: string };

type EntryMeta = Omit<EpisodeAudioResult, 'mp3'> & { mp3Bytes: number; mp3Sha256: string };

export class AudioCache {
  constructor(readonly dir: string) {}

  async get(key: string): Promise<CacheLookup> {
    const [meta, mp3] = await Promise.all([
      readFile(join(this.dir, `${key}.json`)).catch(() => undefined),
      readFile(join(this.dir, `${key}.mp3`)).catch(() => undefined),
    ]);
    // The entry file is written last, so without it there is no entry (at most leftover audio).
    if (meta === undefined) return { miss: true };
    let entry: EntryMeta;
    try {
      entry = JSON.parse(meta.toString()) as EntryMeta;
    } catch {
      return { damaged: 'its entry file is not valid JSON' };
    }
    if (entry.key !== key) return { damaged: 'its entry file names another key' };
    if (mp3 === undefined) return { damaged: 'its audio file is missing' };
    if (mp3.length !== entry.mp3Bytes) return { damaged: `its audio holds ${mp3.length} of ${entry.mp3Bytes} bytes` };
    if (sha256(mp3) !== entry.mp3Sha256) return { damaged: 'its audio does not match the hash recorded with it' };
    const { mp3Bytes: _bytes, mp3Sha256: _hash, ...result } = entry;
    return { hit: { ...result, mp3: new Uint8Array(mp3.buffer, mp3.byteOffset, mp3.length) } };
  }

  async put(result: EpisodeAudioResult): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const { mp3, ...rest } = result;
    const meta: EntryMeta = { ...rest, mp3Bytes: mp3.length, mp3Sha256: sha256(mp3) };
    // Audio first, then the entry that vouches for it: an interrupted put is never read as a hit.
    await writeFileAtomic(join(this.dir, `${result.key}.mp3`), mp3);
    await writeFileAtomic(join(this.dir, `${result.key}.json`), JSON.stringify(meta));
  }

  /**
   * Drops entries this build did not use, so the cache does not grow with every edit — except the
   * `spare` most recent of them: one earlier version of each episode by default, so switching a
   * series to another voice and back is served from the cache.
   */
  async keepOnly(keys: ReadonlySet<string>, spare = keys.size): Promise<void> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const unused = [
      ...new Set(
        names
          .filter((name) => /^[0-9a-f]{32}\.(mp3|json)$/.test(name))
          .map((name) => name.slice(0, 32))
          .filter((key) => !keys.has(key)),
      ),
    ];
    const age = async (key: string) => (await stat(join(this.dir, `${key}.json`)).catch(() => undefined))?.mtimeMs ?? 0;
    const ages = await Promise.all(unused.map(age));
    const newestFirst = unused.map((key, i) => ({ key, at: ages[i]! })).sort((a, b) => b.at - a.at);
    await Promise.all(
      newestFirst
        .slice(spare)
        .flatMap(({ key }) => [`${key}.json`, `${key}.mp3`])
        .map((name) => rm(join(this.dir, name), { force: true })),
    );
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
