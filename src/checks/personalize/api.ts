import { ProbeError, type ProbeContext } from '../types.js';
import { described, get, jsonOf, refusedStatus, scrub, type Answer, type CdpSession } from '../cdp/client.js';
import type { Credentials } from '../cdp/credentials.js';
import { joinUrl } from '../cdp/inputs.js';
import { apiRefusal, firstCall } from './auth.js';
import type { ApiRefusal } from './evidence.js';
import type { ApiInput } from './inputs.js';

/**
 * Reading the Personalize REST answers: lists, and texts and numbers taken from them. Lists are
 * documented as `{href, items:[…]}` with no paging; golive asks `?offset=&limit=` anyway and stops
 * as soon as a page is not full or brings nothing new, so an API that ignores the parameters is read
 * once, and one that pages is read to the end (up to a cap).
 */

export const PAGE = 100;

export type Listed = { items: unknown[]; truncated: boolean } | { refused: ApiRefusal };

/** The items of a list answer: `{items:[…]}`, or a bare array. */
export function itemsOf(url: URL, a: Answer): unknown[] {
  const body = jsonOf(url, a);
  if (Array.isArray(body)) return body;
  const items = (body as { items?: unknown } | null)?.items;
  if (Array.isArray(items)) return items;
  throw new ProbeError('HTTP_PROTOCOL', `${described(url)} answered without an items list`, { hint: 'the base URL should be the Personalize REST API (the regional api-engage host); check that nothing in between rewrites the answer' });
}

/** What tells two listed items apart, to notice an API that ignores offset. */
const identity = (item: unknown): string => {
  const o = (item ?? {}) as Record<string, unknown>;
  const id = [o.ref, o.href, o.friendlyId, o.name].find((v) => typeof v === 'string');
  return typeof id === 'string' ? id : JSON.stringify(item).slice(0, 200);
};

const pageUrl = (base: string, path: string, offset: number): URL => {
  const url = joinUrl(base, path);
  url.search = `offset=${offset}&limit=${PAGE}`;
  return url;
};

/** Every item of a list endpoint, the first request signing in; a 401/403 on any page is a refusal. */
export async function readList(s: CdpSession, input: ApiInput, ctx: ProbeContext, c: Credentials, path: string, maxPages: number): Promise<Listed> {
  const first = pageUrl(input.baseUrl, path, 0);
  const opened = await firstCall(s, input, ctx, c, () => get(s, first));
  if ('refused' in opened) return opened;
  let page = itemsOf(first, opened);
  const seen = new Map(page.map((i) => [identity(i), i]));
  for (let n = 1; n < maxPages && page.length >= PAGE; n++) {
    const url = pageUrl(input.baseUrl, path, seen.size);
    const a = await get(s, url);
    if (refusedStatus(a.status)) return { refused: apiRefusal(a) };
    page = itemsOf(url, a);
    const fresh = page.filter((i) => !seen.has(identity(i)));
    if (fresh.length === 0) return { items: [...seen.values()], truncated: false };
    for (const i of fresh) seen.set(identity(i), i);
  }
  return { items: [...seen.values()], truncated: page.length >= PAGE };
}

/** A text from an answer: scrubbed of the credentials and cut. */
export const textOf = (v: unknown, secrets: string[], max = 120): string | undefined => (typeof v === 'string' && v !== '' ? scrub(v, secrets).slice(0, max) : undefined);

/** A number, or a text holding one ("3000"). */
export function numberOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

export const objectOf = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

/** Any JSON value with every string scrubbed. */
export function scrubDeep(v: unknown, secrets: string[]): unknown {
  if (typeof v === 'string') return scrub(v, secrets);
  if (Array.isArray(v)) return v.map((x) => scrubDeep(x, secrets));
  const o = objectOf(v);
  return o ? Object.fromEntries(Object.entries(o).map(([k, x]) => [k, scrubDeep(x, secrets)])) : v;
}
