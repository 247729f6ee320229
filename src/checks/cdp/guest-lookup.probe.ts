import { ProbeError, type Probe, type ProbeContext } from '../types.js';
import { described, get, jsonOf, refusedStatus, shown, withSession, type CdpSession } from './client.js';
import { basicAuth, readCredentials } from './credentials.js';
import type { FoundGuest, GuestLookupEvidence, IdentityLookup } from './evidence.js';
import { GuestLookupInput, joinUrl, type Identity } from './inputs.js';
import { credentialKey, unlessRefused } from './ledger.js';
import type { Refusal } from './target.js';

export { GuestLookupInput } from './inputs.js';

/**
 * Looks each declared test identity up with the documented v2 guest search,
 * GET /v2/guests?identifiers.provider=…&identifiers.id=…&expand=true, Basic auth with the client key
 * and API token from the environment. One search per identity, one after another; after a 401 or
 * 403 nothing more is sent. When the API does not expand the items (the legacy answer lists only
 * hrefs) and exactly one guest is found, that guest is read to learn its type.
 */

const REF = /^[A-Za-z0-9._-]{1,100}$/;

function guestOf(item: unknown): FoundGuest | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const g = item as Record<string, unknown>;
  // "the guest reference is the string that follows the final slash" of items.href
  const ref = typeof g.ref === 'string' ? g.ref : typeof g.href === 'string' ? g.href.replace(/\/+$/, '').split('/').pop() : undefined;
  if (!ref || !REF.test(ref)) return undefined;
  return { ref, ...(typeof g.guestType === 'string' ? { guestType: g.guestType.slice(0, 40) } : {}) };
}

/** The type of one guest, read from GET /v2/guests/{ref} on the same base (never from the href's host). */
async function guestType(s: CdpSession, baseUrl: string, ref: string): Promise<string | undefined> {
  const url = joinUrl(baseUrl, `v2/guests/${encodeURIComponent(ref)}`);
  const body = jsonOf(url, await get(s, url)) as Record<string, unknown>;
  return typeof body.guestType === 'string' ? body.guestType.slice(0, 40) : undefined;
}

interface Looked {
  lookup: IdentityLookup;
  refused?: Refusal;
}

async function lookup(s: CdpSession, baseUrl: string, identity: Identity): Promise<Looked> {
  const url = joinUrl(baseUrl, 'v2/guests');
  url.search = new URLSearchParams({ 'identifiers.provider': identity.provider, 'identifiers.id': identity.id, expand: 'true' }).toString();
  const a = await get(s, url);
  if (refusedStatus(a.status)) return { lookup: { ...identity, sent: true, status: a.status, guests: [] }, refused: { status: a.status, ...(a.detail ? { detail: a.detail } : {}) } };
  const body = jsonOf(url, a) as Record<string, unknown>;
  if (!Array.isArray(body.items)) throw new ProbeError('HTTP_PROTOCOL', `${described(url)} answered without an items list`, { hint: 'the base URL should be the CDP API; check that nothing in between rewrites the answer' });
  const guests = body.items.map(guestOf).filter((g): g is FoundGuest => g !== undefined).slice(0, 10);
  const limit = typeof body.limit === 'number' ? body.limit : 10;
  const more = (typeof body.totalCount === 'number' && body.totalCount > body.items.length) || body.items.length >= limit;
  if (guests.length === 1 && !guests[0]!.guestType) {
    const type = await guestType(s, baseUrl, guests[0]!.ref);
    if (type) guests[0]!.guestType = type;
  }
  return { lookup: { ...identity, sent: true, status: a.status, guests, ...(more ? { more } : {}) } };
}

const notSent = (i: Identity): IdentityLookup => ({ ...i, sent: false, guests: [] });

async function lookAll(input: GuestLookupInput, ctx: ProbeContext, s: CdpSession): Promise<{ lookups: IdentityLookup[]; refused?: Refusal }> {
  const [first, ...rest] = input.identities;
  const key = credentialKey(input.baseUrl, [input.clientKeyVariable, input.apiTokenVariable]);
  const opening = await unlessRefused(ctx.net, key, async () => {
    const l = await lookup(s, input.baseUrl, first!);
    return { value: l.lookup, ...(l.refused ? { refused: l.refused } : {}) };
  });
  if ('earlier' in opening) return { lookups: input.identities.map(notSent), refused: opening.earlier };
  const lookups = [opening.value];
  let refused = opening.refused;
  for (const identity of rest) {
    if (refused) {
      lookups.push(notSent(identity));
      continue;
    }
    const l = await lookup(s, input.baseUrl, identity);
    lookups.push(l.lookup);
    refused = l.refused;
  }
  return { lookups, ...(refused ? { refused } : {}) };
}

async function run(input: GuestLookupInput, ctx: ProbeContext): Promise<GuestLookupEvidence> {
  const creds = readCredentials({ clientKey: input.clientKeyVariable, apiToken: input.apiTokenVariable }, process.env);
  if (!('secrets' in creds)) return creds;
  const base = shown(new URL(input.baseUrl));
  return withSession(ctx, creds.secrets, basicAuth(creds), async (s) => {
    const { lookups, refused } = await lookAll(input, ctx, s);
    ctx.log.debug('cdp/guest-lookup', { base, sent: lookups.filter((l) => l.sent).length, refused: refused?.status });
    return { configured: true, base, lookups, ...(refused ? { refused } : {}) };
  });
}

export const guestLookupProbe: Probe<GuestLookupInput, GuestLookupEvidence> = {
  id: 'cdp/guest-lookup',
  description: 'Looks test identities up in CDP with the v2 guest search (GET /v2/guests?identifiers.provider=&identifiers.id=), Basic auth from the environment; records the guests found and their types.',
  input: GuestLookupInput,
  run,
};
