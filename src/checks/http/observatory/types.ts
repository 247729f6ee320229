import type { HeaderMap } from '../evidence.js';

/**
 * What the Observatory tests read, taken from one scan's evidence. The names follow the
 * Observatory's: the "auto" response is the final https:// page, which is also its "https" response.
 */
export interface ObsInput {
  /** The scanned host name (for the HSTS preload list). */
  host: string;
  /** The scanned URL is https:// (CSP's insecure-scheme checks apply only then). */
  secure: boolean;
  /** Headers of the final https:// response. */
  headers: HeaderMap;
  metaCsp: string[];
  metaReferrer: string | null;
  /** Set-Cookie lines from every response of the https:// chain (values redacted). */
  cookies: string[];
  /** The http:// chain: `reached` false when nothing answered on http://; `route` lists each URL in order. */
  http: { reached: boolean; certError: boolean; route: { url: string; status: number }[] };
  /** The CORS preflight: the Origin sent and the response headers, or null when it failed. */
  cors: { origin: string; headers: HeaderMap } | null;
  /** Hosts the user states are on the HSTS preload list (the Observatory reads the list itself). */
  preloaded: string[];
}

export type TestName =
  | 'content-security-policy'
  | 'cookies'
  | 'cross-origin-resource-sharing'
  | 'redirection'
  | 'referrer-policy'
  | 'strict-transport-security'
  | 'x-content-type-options'
  | 'x-frame-options'
  | 'cross-origin-resource-policy'
  | 'cross-origin-embedder-policy'
  | 'cross-origin-opener-policy';

/** One test's result: an Observatory expectation name such as "csp-not-implemented". */
export interface TestOutcome {
  test: TestName;
  result: string;
  pass: boolean;
  /** The header value judged, cut short, when there was one. */
  data?: string;
}

/** A header's value, repeated headers joined with ", " (as the Observatory's HTTP client joins them). */
export function header(headers: HeaderMap, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** The worse of two results by an order of goodness (best first): the Observatory's onlyIfWorse. */
export function worse(next: string, current: string | null, order: string[]): string {
  return current === null || order.indexOf(next) > order.indexOf(current) ? next : current;
}
