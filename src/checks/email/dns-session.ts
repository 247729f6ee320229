import { resolverFor } from '../../net/dns.js';
import { toProbeError } from '../../net/errors.js';
import { ProbeError, type ProbeContext } from '../types.js';
import type { DnsResolve } from './mailauth.js';

/** What a lookup found: records, or that the name does not exist / has none of the type. */
export type Answer<T> = { status: 'ok'; records: T[] } | { status: 'nxdomain' | 'nodata'; records: [] };

/**
 * One probe's DNS: the user's --resolver servers through one c-ares resolver, each (name, type)
 * asked once (mailauth and our own walk ask the same questions), and a cap on the number of
 * distinct questions so a hostile zone cannot make a probe run forever.
 */
export interface DnsSession {
  /** For mailauth: rejects like dns.promises.resolve. */
  resolve: DnsResolve;
  /** NXDOMAIN and NODATA become answers; every other failure throws a ProbeError. */
  lookup<T>(name: string, rrtype: string): Promise<Answer<T>>;
  /** TXT records with their character-strings joined. */
  txt(name: string): Promise<Answer<string>>;
  /** The first failure that was neither NXDOMAIN nor NODATA (mailauth turns these into temperror). */
  firstError(): unknown;
}

const ABSENT: Record<string, 'nxdomain' | 'nodata'> = { ENOTFOUND: 'nxdomain', ENODATA: 'nodata' };
/** c-ares failures that src/net/errors.ts does not know; they are DNS errors, not network ones. */
const CARES_ERRORS: Record<string, string> = {
  EBADRESP: 'the DNS server sent a malformed answer',
  EFORMERR: 'the DNS server says the query was malformed',
  ENOTIMP: 'the DNS server does not implement this query',
  EBADQUERY: 'the query could not be built',
  ECONNREFUSED: 'the DNS server refused the connection',
};
const MAX_QUESTIONS = 200;

const codeOf = (err: unknown): string | undefined => (typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : undefined);

/** resolve() with each question asked once, a cap on questions, and the first real failure kept. */
function cachingResolver(ctx: Pick<ProbeContext, 'net' | 'signal'>): { resolve: DnsResolve; firstError: () => unknown } {
  const resolver = resolverFor(ctx.net, ctx.signal);
  const asked = new Map<string, Promise<unknown>>();
  let failure: unknown;
  const resolve: DnsResolve = (name, rrtype) => {
    const key = `${name.toLowerCase().replace(/\.$/, '')} ${rrtype}`;
    const known = asked.get(key);
    if (known) return known;
    if (ctx.signal.aborted) return Promise.reject(ctx.signal.reason as Error);
    if (asked.size >= MAX_QUESTIONS) return Promise.reject(new ProbeError('DNS_ERROR', `more than ${MAX_QUESTIONS} DNS questions for one check`, { hint: 'the records form a very large or endless tree of lookups; simplify them' }));
    const pending = resolver.resolve(name, rrtype).catch((err: unknown) => {
      // c-ares will not send some names that DNS can carry (":" or spaces from SPF macros); for
      // the checks such a name does not exist, as it would not for any receiver using c-ares.
      if (codeOf(err) === 'EBADNAME') throw Object.assign(new Error(`${rrtype} ${name}: not a name c-ares can query`), { code: 'ENOTFOUND', hostname: name });
      if (!((codeOf(err) ?? '') in ABSENT)) failure ??= err;
      throw err;
    });
    // Marked as handled here: callers that never await a cached rejection must not crash the process.
    pending.catch(() => undefined);
    asked.set(key, pending);
    return pending;
  };
  return { resolve, firstError: () => failure };
}

export function dnsSession(ctx: Pick<ProbeContext, 'net' | 'signal'>): DnsSession {
  const { resolve, firstError } = cachingResolver(ctx);
  async function lookup<T>(name: string, rrtype: string): Promise<Answer<T>> {
    try {
      const records = (await resolve(name, rrtype)) as T[];
      return records.length > 0 ? { status: 'ok', records } : { status: 'nodata', records: [] };
    } catch (err) {
      const absent = ABSENT[codeOf(err) ?? ''];
      if (absent) return { status: absent, records: [] };
      throw dnsProbeError(err, `${rrtype} lookup of ${name}`, ctx.signal);
    }
  }
  return {
    resolve,
    lookup,
    txt: async (name) => {
      const answer = await lookup<string[]>(name, 'TXT');
      return answer.status === 'ok' ? { status: 'ok', records: answer.records.map((parts) => parts.join('')) } : answer;
    },
    firstError,
  };
}

/** toProbeError, plus the c-ares codes it maps to NETWORK although they are DNS answers. */
export function dnsProbeError(err: unknown, what: string, signal?: AbortSignal): ProbeError {
  const known = CARES_ERRORS[codeOf(err) ?? ''];
  if (known && !signal?.aborted) return new ProbeError('DNS_ERROR', `${what}: ${known}`, { cause: err, hint: 'check the DNS server given with --resolver, or retry', transient: true });
  return toProbeError(err, what, signal);
}
