import type { SecurityScanEvidence } from '../evidence.js';
import type { ObsInput } from './types.js';

/** The Observatory's view of one scan: the final https:// page, every cookie set on the way, the http:// chain and the preflight. */
export function observatoryInput(e: SecurityScanEvidence, preloaded: string[]): ObsInput {
  const final = e.https.final;
  return {
    host: new URL(e.url).hostname,
    secure: e.url.startsWith('https:'),
    headers: final.headers,
    metaCsp: final.html?.metaCsp ?? [],
    metaReferrer: final.html?.metaReferrer ?? null,
    cookies: e.https.hops.flatMap((h) => {
      const c = h.headers['set-cookie'];
      return c === undefined ? [] : Array.isArray(c) ? c : [c];
    }),
    http: { reached: e.http.hops.length > 0, certError: e.http.error?.code === 'TLS_CERT', route: e.http.hops },
    cors: e.cors.headers ? { origin: e.cors.origin, headers: e.cors.headers } : null,
    preloaded: preloaded.map((h) => h.toLowerCase()),
  };
}
