/**
 * Picks the content coding for a compressible response from `Accept-Encoding` (RFC 9110 §12.5.3):
 * the highest q-value wins, Brotli before gzip on a tie (it is smaller for text), none if the
 * client accepts neither.
 *
 * @example
 *   chooseEncoding('gzip, deflate, br'); // 'br'
 *   chooseEncoding('br;q=0, gzip');      // 'gzip'
 *   chooseEncoding(undefined);           // null
 */
export type Encoding = 'br' | 'gzip';

export function chooseEncoding(header: string | undefined): Encoding | null {
  if (header === undefined) return null;
  let br: number | undefined;
  let gzip: number | undefined;
  let star: number | undefined;
  for (const part of header.split(',')) {
    const [rawName = '', ...params] = part.split(';');
    const name = rawName.trim().toLowerCase();
    let q = 1;
    for (const param of params) {
      const [key = '', value = ''] = param.split('=');
      if (key.trim().toLowerCase() === 'q') {
        // Not a number or above 1 is refusal; below 0 compares as refusal does. Number() skips spaces.
        const n = Number(value);
        q = n <= 1 ? n : 0;
      }
    }
    if (name === 'br') br = q;
    else if (name === 'gzip' || name === 'x-gzip') gzip = q;
    else if (name === '*') star = q;
  }
  const brQ = br ?? star ?? 0;
  const gzipQ = gzip ?? star ?? 0;
  if (brQ > 0 && brQ >= gzipQ) return 'br';
  if (gzipQ > 0) return 'gzip';
  return null;
}
