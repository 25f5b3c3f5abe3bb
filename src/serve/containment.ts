/**
 * Whether a path may be served: once every symlink is resolved it must still lie inside the root,
 * with no hidden file or folder on the way (a link inside the root may point at `.git/config`).
 * `contains` is the pure rule; `Containment` applies it to the file system.
 *
 * @example
 *   contains('/srv/out', '/srv/out/s/index.html'); // true
 *   contains('/srv/out', '/srv/out/.git/config');  // false
 *   await new Containment('/srv/out', nodeFileSystem).isInside('/srv/out/s/link.txt');
 */
import { dirname, sep } from 'node:path';
import { isMissing, isPermissionError, realpathOf, type FileSystem } from './file-system.js';

export function contains(root: string, real: string): boolean {
  if (real === root) return true;
  const base = root.endsWith(sep) ? root : root + sep;
  if (!real.startsWith(base)) return false;
  return !real.slice(base.length).split(sep).some((part) => part.startsWith('.'));
}

export class Containment {
  /** `root` must be a real path (no symlinks in it). */
  constructor(
    private readonly root: string,
    private readonly fs: FileSystem,
  ) {}

  async isInside(path: string): Promise<boolean> {
    let real: string;
    try {
      real = await realpathOf(this.fs, path);
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
    return contains(this.root, real);
  }

  /**
   * For a path the server may not stat: reported as forbidden only when the nearest folder that
   * resolves is inside the root, so a link to a locked folder elsewhere stays a plain "not found".
   */
  async forbiddenInside(path: string): Promise<boolean> {
    for (let dir = dirname(path); dir.length >= this.root.length; dir = dirname(dir)) {
      try {
        return contains(this.root, await realpathOf(this.fs, dir));
      } catch (err) {
        if (!isMissing(err) && !isPermissionError(err)) throw err;
      }
      if (dir === this.root) break;
    }
    return false;
  }
}
