/**
 * The studio's gate, as Hono middleware: every studio request carries the token when one is set
 * (a bearer header, or the cookie a first visit with `?token=` leaves); every request gets a
 * session cookie; every write comes from the studio's own pages — its Origin is the server's own
 * and it carries the session's form token (a keyed hash of the session, so nothing is stored).
 * Every answer carries the site's strict Content-Security-Policy and is never cached.
 *
 * @example
 *   app.use('/studio/*', guard({ token: process.env.NINETY_TOKEN, secret: randomBytes(32) }));
 *   // in a page: html`<input type="hidden" name="_csrf" value="${csrfToken(c)}">`
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { DOCUMENT_HEADERS, SECURITY_HEADERS } from '../serve/policy.js';
import { sameSecret } from './access.js';

export interface GuardOptions {
  token?: string | undefined;
  /** Keys the form tokens; a new one per server start ends old sessions' tokens. */
  secret: Uint8Array;
}

export const TOKEN_COOKIE = 'ninety_token';
export const SESSION_COOKIE = 'ninety_session';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE = new Set(['GET', 'HEAD']);

export function guard(options: GuardOptions): MiddlewareHandler {
  return async (c, next) => {
    for (const [name, value] of Object.entries({ ...SECURITY_HEADERS, ...DOCUMENT_HEADERS })) c.header(name, value);
    c.header('Cache-Control', 'no-store');
    if (options.token !== undefined) {
      const url = new URL(c.req.url);
      const given = url.searchParams.get('token');
      if (given !== null && SAFE.has(c.req.method) && sameSecret(given, options.token)) {
        setCookie(c, TOKEN_COOKIE, given, { path: '/studio', httpOnly: true, sameSite: 'Strict' });
        url.searchParams.delete('token');
        return c.redirect(`${url.pathname}${url.search}`, 303);
      }
      const bearer = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
      if (!sameSecret(bearer ?? getCookie(c, TOKEN_COOKIE), options.token)) {
        return c.text('This studio needs its token: open the studio address with ?token=… (the value of NINETY_TOKEN) once.\n', 401);
      }
    }
    let session = getCookie(c, SESSION_COOKIE);
    if (!session || !/^[0-9a-f]{64}$/.test(session)) {
      session = randomBytes(32).toString('hex');
      setCookie(c, SESSION_COOKIE, session, { path: '/studio', httpOnly: true, sameSite: 'Strict' });
    }
    const csrf = createHmac('sha256', options.secret).update(session).digest('hex');
    c.set('csrf' as never, csrf as never);
    if (!SAFE.has(c.req.method)) {
      if (!sameOrigin(c)) return c.text('Refused: this request did not come from the studio’s own pages.\n', 403);
      if (!sameSecret(await givenCsrf(c), csrf)) {
        return c.text('Refused: the form token is missing or out of date. Reload the page and try again.\n', 403);
      }
    }
    await next();
  };
}

/** The session's form token, for pages to put in their forms. */
export function csrfToken(c: Context): string {
  return c.get('csrf' as never) as string;
}

/** The Origin (or, without one, the Referer) must be this server as the browser addressed it. */
function sameOrigin(c: Context): boolean {
  const host = c.req.header('host');
  const from = c.req.header('origin') ?? originOf(c.req.header('referer'));
  if (!host || !from || from === 'null') return false;
  return from === `http://${host}` || from === `https://${host}`;
}

function originOf(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  return new URL(url).origin;
}

async function givenCsrf(c: Context): Promise<string | undefined> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('multipart/form-data') && !type.startsWith('application/x-www-form-urlencoded')) return undefined;
  // parseBody() keeps what it read, so the route reads the same body again for free.
  const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
  const value = body[CSRF_FIELD];
  return typeof value === 'string' ? value : undefined;
}
