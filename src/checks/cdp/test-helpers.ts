import type { NetOptions, ProbeContext } from '../types.js';

/** Shared by the cdp probe tests (free of vitest and test/support, so it compiles with src). */

/** Distinctive credentials: a test searches everything recorded for them. */
export const CLIENT_KEY = 'ck-7f3e9a1c-golive-client-key-5d2b';
export const API_TOKEN = 'tok-Q9xZ3vW8pL2mN7kR4tY6-golive-api-token';
/** What a Basic header carries: a leak of the header would show this. */
export const BASIC_VALUE = Buffer.from(`${CLIENT_KEY}:${API_TOKEN}`).toString('base64');

export const CREDENTIAL_ENV = { SITECORE_CDP_CLIENT_KEY: CLIENT_KEY, SITECORE_CDP_API_TOKEN: API_TOKEN };

/** Every form of the credentials found in `text` (none, in a passing test). */
export function leaks(text: string): string[] {
  return [CLIENT_KEY, API_TOKEN, BASIC_VALUE].filter((s) => text.includes(s));
}

export function cdpCtx(net: Partial<NetOptions>, timeoutMs = 4000): ProbeContext {
  return { signal: new AbortController().signal, net: { resolvers: [], resolve: {}, ca: [], timeoutMs, ...net }, log: { debug: () => undefined }, now: new Date(), cwd: '.', allowLogin: false };
}
