import { header, worse, type ObsInput, type TestOutcome } from './types.js';

/**
 * The Observatory's HSTS, redirection and cookie tests (src/analyzer/tests/*.js, 1.4.8)
 * re-expressed. The HSTS preload list is not read (golive works offline): hosts the user lists in
 * `preloaded` count as preloaded. Pure.
 */

/** 15768000 s is six months; many sites use 15552000 (180 days), which the Observatory accepts. */
const SIX_MONTHS = 15_552_000;

export interface HstsOutcome extends TestOutcome {
  maxAge: number | null;
  includeSubDomains: boolean;
  preload: boolean;
}

function parseHsts(value: string): { result: string; maxAge: number | null; includeSubDomains: boolean; preload: boolean } {
  const out = { result: 'hsts-header-invalid', maxAge: null as number | null, includeSubDomains: false, preload: false };
  // A comma means the header was sent twice (joined), which the Observatory rejects.
  if (value.includes(',')) return out;
  for (const part of value.split(';').map((p) => p.trim().toLowerCase())) {
    if (part.startsWith('max-age=')) out.maxAge = parseInt(part.slice(8, 128).replace(/^"|"$/g, ''), 10);
    else if (part === 'includesubdomains') out.includeSubDomains = true;
    else if (part === 'preload') out.preload = true;
  }
  // Deviation: the Observatory lets a non-numeric max-age pass as "at least six months"; it is invalid.
  if (out.maxAge === null || Number.isNaN(out.maxAge)) return { ...out, maxAge: null };
  return { ...out, result: out.maxAge < SIX_MONTHS ? 'hsts-implemented-max-age-less-than-six-months' : 'hsts-implemented-max-age-at-least-six-months' };
}

export function hstsTest(input: ObsInput): HstsOutcome {
  const v = header(input.headers, 'strict-transport-security');
  const parsed = v === undefined ? { result: 'hsts-not-implemented', maxAge: null, includeSubDomains: false, preload: false } : parseHsts(v.slice(0, 1024));
  const result = input.preloaded.includes(input.host.toLowerCase()) ? 'hsts-preloaded' : parsed.result;
  const pass = result === 'hsts-preloaded' || result === 'hsts-implemented-max-age-at-least-six-months';
  return { test: 'strict-transport-security', ...parsed, result, pass, ...(v !== undefined ? { data: v.slice(0, 1024) } : {}) };
}

export function redirectionTest(input: ObsInput): TestOutcome {
  const { reached, certError, route } = input.http;
  const urls = route.map((r) => new URL(r.url));
  const data = route.map((r) => r.url).join(' -> ').slice(0, 1024);
  const result = (() => {
    if (!reached) return 'redirection-not-needed-no-http';
    if (certError) return 'redirection-invalid-cert';
    if (urls.every((u) => input.preloaded.includes(u.hostname.toLowerCase()))) return 'redirection-all-redirects-preloaded';
    if (urls.length === 1) return 'redirection-missing';
    if (urls[urls.length - 1]!.protocol !== 'https:') return 'redirection-not-to-https';
    if (urls[1]!.protocol === 'http:') return 'redirection-not-to-https-on-initial-redirection';
    if (urls[0]!.protocol === 'http:' && urls[0]!.hostname !== urls[1]!.hostname) return 'redirection-off-host-from-http';
    return 'redirection-to-https';
  })();
  const pass = ['redirection-not-needed-no-http', 'redirection-all-redirects-preloaded', 'redirection-to-https'].includes(result);
  return { test: 'redirection', result, pass, ...(data ? { data } : {}) };
}

interface Cookie {
  name: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite: 'strict' | 'lax' | 'none' | undefined;
  key: string;
}

/** A Set-Cookie line read the way tough-cookie reads it (the parts the test needs). */
export function parseCookie(line: string): Cookie | null {
  const [pair = '', ...attrs] = line.split(';');
  const eq = pair.indexOf('=');
  const name = (eq < 0 ? '' : pair.slice(0, eq)).trim();
  if (!name) return null;
  const c: Cookie = { name, secure: false, httpOnly: false, sameSite: undefined, key: name };
  let domain = '';
  let path = '';
  for (const attr of attrs) {
    const [k = '', ...rest] = attr.split('=');
    const key = k.trim().toLowerCase();
    const value = rest.join('=').trim().toLowerCase();
    if (key === 'secure') c.secure = true;
    else if (key === 'httponly') c.httpOnly = true;
    else if (key === 'samesite') c.sameSite = value === 'strict' || value === 'lax' || value === 'none' ? value : undefined;
    else if (key === 'domain') domain = value;
    else if (key === 'path') path = value;
  }
  c.key = `${name};${domain};${path}`;
  return c;
}

/** SameSite present with no value, or a value other than Lax, Strict or None. */
function invalidSameSite(line: string): boolean {
  return line.split(';').some((p) => {
    const [k = '', v] = p.trim().split('=');
    if (k.trim().toLowerCase() !== 'samesite') return false;
    return !v || !['lax', 'strict', 'none'].includes(v.trim().toLowerCase());
  });
}

const COOKIE_ORDER = [
  'cookies-without-secure-flag-but-protected-by-hsts',
  'cookies-without-secure-flag',
  'cookies-session-without-secure-flag-but-protected-by-hsts',
  'cookies-samesite-flag-invalid',
  'cookies-anticsrf-without-samesite-flag',
  'cookies-session-without-httponly-flag',
  'cookies-session-without-secure-flag',
];

/** Which problems one cookie has, as results (the worst is kept across cookies). */
function cookieProblems(c: Cookie, hsts: boolean): string[] {
  const lower = c.name.toLowerCase();
  const session = lower.includes('login') || lower.includes('sess');
  const out: string[] = [];
  if (!c.secure && c.sameSite === 'none') out.push('cookies-samesite-flag-invalid');
  if (!c.secure) out.push(hsts ? 'cookies-without-secure-flag-but-protected-by-hsts' : 'cookies-without-secure-flag');
  if (lower.includes('csrf') && !c.sameSite) out.push('cookies-anticsrf-without-samesite-flag');
  if (session && !c.secure) out.push(hsts ? 'cookies-session-without-secure-flag-but-protected-by-hsts' : 'cookies-session-without-secure-flag');
  if (session && !c.httpOnly) out.push('cookies-session-without-httponly-flag');
  return out;
}

export function cookiesTest(input: ObsInput): TestOutcome {
  let result: string | null = null;
  for (const line of input.cookies) if (invalidSameSite(line)) result = worse('cookies-samesite-flag-invalid', result, COOKIE_ORDER);
  const jar = new Map<string, Cookie>();
  for (const c of input.cookies.map(parseCookie)) if (c && c.name !== 'heroku-session-affinity') jar.set(c.key, c);
  const cookies = [...jar.values()];
  if (cookies.length === 0) return { test: 'cookies', result: 'cookies-not-found', pass: true };
  const hsts = hstsTest(input).pass;
  for (const c of cookies) for (const p of cookieProblems(c, hsts)) result = worse(p, result, COOKIE_ORDER);
  result ??= cookies.some((c) => !c.sameSite) ? 'cookies-secure-with-httponly-sessions' : 'cookies-secure-with-httponly-sessions-and-samesite';
  const pass = result === 'cookies-secure-with-httponly-sessions' || result === 'cookies-secure-with-httponly-sessions-and-samesite';
  return { test: 'cookies', result, pass, data: cookies.map((c) => c.name).join(', ').slice(0, 512) };
}
