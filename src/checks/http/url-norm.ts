/**
 * URL comparison for redirect checks: scheme and host case, default ports and percent-encoding
 * are normalised by the URL parser; the fragment is dropped; the query is kept as written; a
 * trailing slash is ignored unless asked for. Pure.
 */

export type TrailingSlash = 'ignore' | 'strict';

export function normaliseUrl(url: string, slash: TrailingSlash = 'ignore'): string {
  try {
    const u = new URL(url);
    u.hash = '';
    if (slash === 'ignore' && u.pathname.length > 1 && u.pathname.endsWith('/')) u.pathname = u.pathname.replace(/\/+$/, '') || '/';
    return u.href;
  } catch {
    return url;
  }
}

export function sameUrl(a: string, b: string, slash: TrailingSlash = 'ignore'): boolean {
  return normaliseUrl(a, slash) === normaliseUrl(b, slash);
}

/** Host names equal, case-insensitively and ignoring a trailing dot. */
export function sameHostName(a: string, b: string): boolean {
  const clean = (h: string) => h.toLowerCase().replace(/\.$/, '');
  return clean(a) === clean(b);
}

/** Does the URL's host match `host` ("www.example.com" matches any port; "www.example.com:8443" that port only)? */
export function hostMatches(url: string, host: string): boolean {
  const u = new URL(url);
  return /:\d+$/.test(host) && !host.includes(']') ? u.host.toLowerCase() === host.toLowerCase() : sameHostName(u.hostname, host.replace(/^\[|\]$/g, ''));
}

export function pathAndQuery(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}
