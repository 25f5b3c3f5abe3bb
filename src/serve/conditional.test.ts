import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluatePreconditions, ifRangeMatches, parseHttpDate, type Validators } from './conditional.js';

const modified = Date.parse('2024-10-01T10:00:00Z');
const v: Validators = { etag: '"2a-5f1e"', lastModifiedMs: modified };
const httpDate = (ms: number): string => new Date(ms).toUTCString();
const later = Date.parse('2030-01-01T00:00:00Z');

describe('evaluatePreconditions', () => {
  it('proceeds without conditional headers', () => {
    assert.equal(evaluatePreconditions({}, v), 'proceed');
  });

  it('returns not-modified when If-None-Match names the current tag', () => {
    assert.equal(evaluatePreconditions({ ifNoneMatch: '"2a-5f1e"' }, v), 'not-modified');
  });

  it('matches If-None-Match weakly: a W/ tag with the same value counts', () => {
    assert.equal(evaluatePreconditions({ ifNoneMatch: 'W/"2a-5f1e"' }, v), 'not-modified');
  });

  it('finds the tag in a list, and treats * as any', () => {
    assert.equal(evaluatePreconditions({ ifNoneMatch: '"old", "2a-5f1e"' }, v), 'not-modified');
    assert.equal(evaluatePreconditions({ ifNoneMatch: '*' }, v), 'not-modified');
  });

  it('proceeds when If-None-Match names another tag, ignoring If-Modified-Since', () => {
    assert.equal(evaluatePreconditions({ ifNoneMatch: '"other"', ifModifiedSince: httpDate(later) }, v), 'proceed');
  });

  it('returns not-modified when If-Modified-Since is the modification time or later', () => {
    assert.equal(evaluatePreconditions({ ifModifiedSince: httpDate(modified) }, v), 'not-modified');
    assert.equal(evaluatePreconditions({ ifModifiedSince: httpDate(later) }, v), 'not-modified');
  });

  it('proceeds when the file changed after If-Modified-Since', () => {
    assert.equal(evaluatePreconditions({ ifModifiedSince: httpDate(modified - 1000) }, v), 'proceed');
  });

  it('ignores an If-Modified-Since that is not an HTTP date', () => {
    assert.equal(evaluatePreconditions({ ifModifiedSince: '1' }, v), 'proceed');
  });

  it('fails If-Match unless a strong tag matches', () => {
    assert.equal(evaluatePreconditions({ ifMatch: '"2a-5f1e"' }, v), 'proceed');
    assert.equal(evaluatePreconditions({ ifMatch: 'W/"2a-5f1e"' }, v), 'failed');
    assert.equal(evaluatePreconditions({ ifMatch: '"other"' }, v), 'failed');
  });

  it('ignores an If-Unmodified-Since that is not an HTTP date', () => {
    assert.equal(evaluatePreconditions({ ifUnmodifiedSince: 'yesterday' }, v), 'proceed');
  });

  it('ignores an If-Modified-Since that is not a date even for a file dated 1970', () => {
    assert.equal(evaluatePreconditions({ ifModifiedSince: 'yesterday' }, { ...v, lastModifiedMs: 0 }), 'proceed');
  });

  it('finds the tag in a list with spaces before the commas, and * among spaces', () => {
    assert.equal(evaluatePreconditions({ ifNoneMatch: '"old" , "2a-5f1e"' }, v), 'not-modified');
    assert.equal(evaluatePreconditions({ ifNoneMatch: ' * ' }, v), 'not-modified');
  });

  it('stops reading a list at the first item that is not a tag', () => {
    assert.equal(evaluatePreconditions({ ifNoneMatch: '"old" junk, "2a-5f1e"' }, v), 'proceed');
    assert.equal(evaluatePreconditions({ ifMatch: 'junk, "2a-5f1e"' }, v), 'failed');
  });

  it('fails If-Unmodified-Since when the file changed after it', () => {
    assert.equal(evaluatePreconditions({ ifUnmodifiedSince: httpDate(modified - 1000) }, v), 'failed');
    assert.equal(evaluatePreconditions({ ifUnmodifiedSince: httpDate(modified) }, v), 'proceed');
  });
});

describe('ifRangeMatches', () => {
  const now = modified + 60_000;

  it('allows the range without If-Range', () => {
    assert.equal(ifRangeMatches(undefined, v, now), true);
  });

  it('allows the range when the strong tag matches', () => {
    assert.equal(ifRangeMatches('"2a-5f1e"', v, now), true);
  });

  it('refuses the range for another tag or any weak tag', () => {
    assert.equal(ifRangeMatches('"other"', v, now), false);
    assert.equal(ifRangeMatches('W/"2a-5f1e"', v, now), false);
  });

  it('allows the range for a date equal to Last-Modified', () => {
    assert.equal(ifRangeMatches(httpDate(modified), v, now), true);
  });

  it('refuses the range for a later date, which only a weak comparison would accept', () => {
    assert.equal(ifRangeMatches(httpDate(later), v, now), false);
  });

  it('refuses a date for a file changed within the last second, and allows it a second on', () => {
    assert.equal(ifRangeMatches(httpDate(modified), v, modified + 500), false);
    assert.equal(ifRangeMatches(httpDate(modified), v, modified + 1000), true);
  });

  it('reads a tag or a date with spaces around it', () => {
    assert.equal(ifRangeMatches(' "2a-5f1e" ', v, now), true);
    assert.equal(ifRangeMatches(` ${httpDate(modified)} `, v, now), true);
  });

  it('refuses garbage', () => {
    assert.equal(ifRangeMatches('yesterday', v, now), false);
  });
});

describe('parseHttpDate', () => {
  const expected = Date.parse('1994-11-06T08:49:37Z');

  it('reads the IMF-fixdate form', () => {
    assert.equal(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT'), expected);
  });

  it('reads the obsolete RFC 850 and asctime forms', () => {
    assert.equal(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT'), expected);
    assert.equal(parseHttpDate('Sun Nov  6 08:49:37 1994'), expected);
  });

  it('reads every month by its name', () => {
    for (let month = 0; month < 12; month++) {
      const ms = Date.UTC(2024, month, 15, 12, 0, 0);
      assert.equal(parseHttpDate(httpDate(ms)), ms, httpDate(ms));
    }
  });

  it('reads the last day, hour and minute, and a leap second as the second before it', () => {
    assert.equal(parseHttpDate('Thu, 31 Oct 2024 23:59:59 GMT'), Date.UTC(2024, 9, 31, 23, 59, 59));
    assert.equal(parseHttpDate('Wed, 31 Dec 2025 23:59:60 GMT'), Date.UTC(2025, 11, 31, 23, 59, 59));
    assert.equal(parseHttpDate('Sun Nov 16 08:49:37 1994'), Date.UTC(1994, 10, 16, 8, 49, 37));
    assert.equal(parseHttpDate(' Sun, 06 Nov 1994 08:49:37 GMT '), expected);
  });

  it('puts a two-digit year within 50 years of now, counting back a century beyond that', () => {
    const thisYear = new Date().getUTCFullYear();
    const yearOf = (yy: number): number | undefined => {
      const ms = parseHttpDate(`Sunday, 06-Nov-${String(yy % 100).padStart(2, '0')} 08:49:37 GMT`);
      return ms === null ? undefined : new Date(ms).getUTCFullYear();
    };
    assert.equal(yearOf(thisYear), thisYear);
    assert.equal(yearOf(thisYear + 50), thisYear + 50);
    assert.equal(yearOf(thisYear + 51), thisYear + 51 - 100);
  });

  it('refuses a day, hour, minute or second out of range, and text around a date', () => {
    for (const text of [
      'Sun, 00 Nov 1994 08:49:37 GMT',
      'Sun, 06 Nov 1994 24:49:37 GMT',
      'Sun, 06 Nov 1994 08:60:37 GMT',
      'Sun, 06 Nov 1994 08:49:61 GMT',
      'x Sun, 06 Nov 1994 08:49:37 GMT',
      'Sun, 06 Nov 1994 08:49:37 GMTx',
      '1Sunday, 06-Nov-94 08:49:37 GMT',
      'Sunday, 06-Nov-94 08:49:37 GMTx',
      'x Sun Nov  6 08:49:37 1994',
      'Sun Nov  6 08:49:37 19945',
    ]) {
      assert.equal(parseHttpDate(text), null, text);
    }
  });

  it('returns null for anything else', () => {
    for (const text of ['', '1', '2024-10-01', 'Sun, 06 Nov 1994 08:49:37 UTC', 'Sun, 32 Nov 1994 08:49:37 GMT', 'Sun, 06 Foo 1994 08:49:37 GMT']) {
      assert.equal(parseHttpDate(text), null, text);
    }
  });
});
