import { timingSafeEqual } from 'node:crypto';

/** The token travels in this header on calls, or as `?token=` where a header cannot be set (SSE, downloads). */
export const TOKEN_HEADER = 'x-signal-explorer-token';
/** Cookies ignore ports: name ours by port so that two hosts do not overwrite each other's. */
export const tokenCookie = (port: number) => `signal-explorer-token-${port}`;

export function sameToken(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface RequestFacts {
  host: string | undefined;
  origin: string | undefined;
}

/**
 * Like Jupyter: answer only requests addressed to us by our loopback name (no DNS rebinding) and,
 * when the browser names an Origin, only our own. No CORS headers are ever sent.
 */
export function refuseReason(req: RequestFacts, port: number): string | null {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!req.host || !allowedHosts.includes(req.host.toLowerCase())) return 'unexpected Host';
  if (req.origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(req.origin.toLowerCase())) {
    return 'foreign Origin';
  }
  return null;
}

/**
 * Whether the page's cookie alone may open a page route. The cookie is sent by the browser to any
 * port of 127.0.0.1 (cookies ignore ports), so a page of another local server could make the
 * browser send it. Browsers name where a request comes from in Sec-Fetch-Site: only our own pages
 * (`same-origin`) and the user's own navigation (`none`, e.g. the printed URL) count; a client that
 * sends no such header (curl, an old browser) is judged by Host, Origin and the cookie.
 */
export function cookieMayOpen(secFetchSite: string | string[] | undefined): boolean {
  return secFetchSite === undefined || secFetchSite === 'same-origin' || secFetchSite === 'none';
}

/** A token as one string (a repeated `?token=` or header is no token). */
export const oneString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The token from a cookie header, if any. */
export function tokenFromCookie(cookieHeader: string | undefined, port: number): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === tokenCookie(port)) return rest.join('=');
  }
  return undefined;
}
