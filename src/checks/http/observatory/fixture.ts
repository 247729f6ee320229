import type { ObsInput } from './types.js';

/**
 * The Observatory's test fixture (test/helpers.js emptyRequests) as an ObsInput: an https scan of
 * mozilla.org with an HTML page, no security headers, and an http:// chain
 * http://mozilla.org/ -> https://mozilla.org/ -> https://www.mozilla.org/.
 */
export function emptyScan(overrides: Partial<ObsInput> = {}): ObsInput {
  return {
    host: 'mozilla.org',
    secure: true,
    headers: { 'content-type': 'text/html' },
    metaCsp: [],
    metaReferrer: null,
    cookies: [],
    http: {
      reached: true,
      certError: false,
      route: [
        { url: 'http://mozilla.org/', status: 301 },
        { url: 'https://mozilla.org/', status: 301 },
        { url: 'https://www.mozilla.org/', status: 200 },
      ],
    },
    cors: { origin: 'https://http-observatory.security.mozilla.org', headers: {} },
    preloaded: [],
    ...overrides,
  };
}

/** The fixture with extra response headers (names lower-case). */
export function withHeaders(headers: Record<string, string>, overrides: Partial<ObsInput> = {}): ObsInput {
  const base = emptyScan(overrides);
  return { ...base, headers: { ...base.headers, ...headers } };
}
