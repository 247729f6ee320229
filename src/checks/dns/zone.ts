// Finding zones and their servers through the recursive resolver: the zone a name lives in, the
// parent of a zone, NS names and their addresses.
import { toProbeError } from '../../net/errors.js';
import { isInZone, normName, parentName, type ErrorInfo } from './evidence.js';
import type { Recursive } from './recursive.js';

/**
 * The zone `name` lives in: the closest enclosing name that has an SOA. An SOA in the authority
 * section (NXDOMAIN/NODATA) names the zone directly; else climb one label at a time.
 */
export async function findZone(r: Recursive, name: string): Promise<string> {
  for (let candidate = normName(name); ; candidate = parentName(candidate)) {
    const response = await r.raw(candidate, 'SOA');
    if (response.answers.some((a) => a.type === 'SOA' && a.name === candidate)) return candidate;
    const aliased = response.answers.some((a) => a.type === 'CNAME');
    const soa = response.authorities.find((a) => a.type === 'SOA' && isInZone(candidate, a.name));
    if (soa && !aliased) return soa.name;
    if (candidate === '') return '';
  }
}

/** NS names of a zone as the recursive resolver sees them (empty for NXDOMAIN/NODATA). */
export async function nsNames(r: Recursive, zone: string): Promise<string[]> {
  const answer = await r.lookup(zone, 'NS');
  return [...new Set(answer.records.filter((x) => x.type === 'NS' && x.name === normName(zone)).map((x) => x.value))].sort();
}

export interface Addresses {
  addresses: string[];
  error?: ErrorInfo;
}

/** A and (with ipv6) AAAA addresses of a host; a failed lookup is reported, not thrown (unless aborted). */
export async function addressesOf(r: Recursive, host: string, ipv6: boolean, signal: AbortSignal): Promise<Addresses> {
  const types = ipv6 ? ['A', 'AAAA'] : ['A'];
  try {
    const answers = await Promise.all(types.map((t) => r.lookup(host, t)));
    const addresses = answers.flatMap((a) => a.records.filter((x) => x.type === a.type).map((x) => x.value));
    if (addresses.length > 0) return { addresses };
    const rcode = answers[0]?.rcode ?? 'NOERROR';
    return { addresses, error: { code: rcode === 'NXDOMAIN' ? 'DNS_NOT_FOUND' : 'DNS_NO_DATA', message: `${host} has no ${types.join('/')} record (${rcode === 'NOERROR' ? 'NODATA' : rcode})` } };
  } catch (err) {
    return { addresses: [], error: errorInfo(err, `resolving ${host}`, signal) };
  }
}

/** An error as evidence; a time-out or cancel of the whole probe is rethrown instead. */
export function errorInfo(err: unknown, what: string, signal: AbortSignal): ErrorInfo {
  const e = toProbeError(err, what, signal);
  if (signal.aborted) throw e;
  return { code: e.code, message: e.message };
}
