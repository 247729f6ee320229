/**
 * Pure helpers the http rules share: the URL target, how hops read in messages, redirect classes.
 * No I/O: rules import it.
 */
import { UrlTarget, urlTargetFromString } from '../targets.js';
import type { HttpHop } from './evidence.js';
import { fetchInput } from './fetch-input.js';

export const URL_TARGET_HELP = 'an http:// or https:// URL; a bare host name means https://<host>/';

export const PERMANENT = new Set([301, 308]);
export const TEMPORARY = new Set([302, 303, 307]);

/** Target and probe input for the rules that read one http/fetch of the target URL (shared runs). */
export const urlFetchParts = {
  target: UrlTarget,
  targetFromString: urlTargetFromString,
  probeInput: (target: UrlTarget, options: unknown) => fetchInput(target.url, { follow: (options as { follow?: unknown }).follow !== false }),
};

/** "301 http://a/ -> https://a/" for messages. */
export function describeHop(h: Pick<HttpHop, 'url' | 'status' | 'location'>): string {
  return h.location ? `${h.status} ${h.url} -> ${h.location}` : `${h.status} ${h.url}`;
}

/** The redirects in a chain (every hop with a Location). */
export function redirects<T extends { location?: string }>(hops: T[]): T[] {
  return hops.filter((h) => h.location !== undefined);
}

/** The first https:// -> http:// hop, if any. */
export function downgrade<T extends { url: string; location?: string }>(hops: T[]): T | undefined {
  return hops.find((h) => h.location !== undefined && h.url.startsWith('https:') && h.location.startsWith('http:'));
}

export function statusClass(status: number): 'permanent' | 'temporary' | 'other' {
  return PERMANENT.has(status) ? 'permanent' : TEMPORARY.has(status) ? 'temporary' : 'other';
}
