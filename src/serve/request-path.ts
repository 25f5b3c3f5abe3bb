/**
 * Turns a request target into path segments below the served folder, or into the status that
 * refuses it. Pure: symlinks that lead outside the folder are caught later, with realpath.
 *
 * Anything that could climb out or reach a hidden file is refused before the file system is
 * touched: `..` in any encoding, encoded slashes and backslashes, double encoding (`%25`), NUL and
 * other control bytes, dotfiles (`/.git/config`), and targets longer than MAX_TARGET_LENGTH.
 *
 * @example
 *   parseRequestPath('/s/ep/?t=10'); // { ok: true, segments: ['s', 'ep'], trailingSlash: true, query: '?t=10' }
 *   parseRequestPath('/%2e%2e/etc/passwd'); // { ok: false, status: 400 }
 */
export const MAX_TARGET_LENGTH = 2048;

export type RequestPath =
  | { ok: true; segments: string[]; trailingSlash: boolean; query: string }
  | { ok: false; status: 400 | 404 | 414 };

// Nothing to decode, no dot right after a slash: the common case skips the slow checks.
const PLAIN = /^\/[A-Za-z0-9_~\-/.]*$/;
const ABSOLUTE_FORM = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;
// Encoded `/`, `\` or `%` would turn into a separator or a second round of decoding.
const ENCODED_SEPARATOR = /%(?:2f|5c|25)/i;
const CONTROL = /[\u0000-\u001f\u007f]/;

export function parseRequestPath(target: string): RequestPath {
  if (target.length > MAX_TARGET_LENGTH) return { ok: false, status: 414 };
  let rest = target;
  // Absolute form (`GET http://host/path`) is legal HTTP/1.1; only its path matters here.
  const absolute = ABSOLUTE_FORM.exec(rest);
  if (absolute) rest = rest.slice(absolute[0].length) || '/';
  const cut = firstOf(rest, '?', '#');
  const rawPath = cut < 0 ? rest : rest.slice(0, cut);
  // Cut at a `#`, the query is empty: stripFragment leaves nothing.
  const query = cut < 0 ? '' : stripFragment(rest.slice(cut));
  if (!rawPath.startsWith('/')) return { ok: false, status: 400 };

  let path: string;
  if (PLAIN.test(rawPath) && !rawPath.includes('/.')) {
    path = rawPath;
  } else {
    if (rawPath.includes('\\') || ENCODED_SEPARATOR.test(rawPath)) return { ok: false, status: 400 };
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      return { ok: false, status: 400 };
    }
    if (CONTROL.test(path) || path.includes('\\')) return { ok: false, status: 400 };
  }

  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '') continue;
    if (segment === '.' || segment === '..') return { ok: false, status: 400 };
    // Hidden files are never published; answer as if they did not exist.
    if (segment.startsWith('.')) return { ok: false, status: 404 };
    segments.push(segment);
  }
  return { ok: true, segments, trailingSlash: path.endsWith('/'), query };
}

/** Path for a Location header: re-encoded segments, so `//evil.example` cannot become a host. */
export function encodePath(segments: readonly string[], trailingSlash: boolean): string {
  const joined = segments.map((s) => encodeURIComponent(s)).join('/');
  return '/' + joined + (trailingSlash && joined !== '' ? '/' : '');
}

function firstOf(text: string, a: string, b: string): number {
  const i = text.indexOf(a);
  const j = text.indexOf(b);
  if (i < 0) return j;
  if (j < 0) return i;
  return Math.min(i, j);
}

function stripFragment(query: string): string {
  const hash = query.indexOf('#');
  return hash < 0 ? query : query.slice(0, hash);
}
