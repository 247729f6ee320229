// The parent side of a delegation: the parent zone's servers and what each refers to for the zone.
import { parentName, type ErrorInfo } from './evidence.js';
import type { Recursive } from './recursive.js';
import { formatServer, query } from './wire.js';
import { addressesOf, errorInfo, findZone, nsNames } from './zone.js';

/** What one parent server says about the zone: a referral (NS in the authority section) and glue. */
export interface Referral {
  server: string;
  address: string;
  rcode?: string;
  aa?: boolean;
  /** NS names for the zone, from the authority section (a referral) or the answer section. */
  ns: string[];
  /** Addresses in the additional section for those NS names. */
  glue: { name: string; address: string }[];
  error?: ErrorInfo;
}

export interface ParentInfo {
  zone: string;
  servers: { name: string; addresses: string[]; error?: ErrorInfo }[];
}

interface AskOptions {
  port: number;
  ipv6: boolean;
  timeoutMs: number;
  signal: AbortSignal;
}

/** Find the parent zone and its servers (through the resolver), then ask each server for the zone's NS. */
export async function askParents(r: Recursive, zone: string, options: AskOptions): Promise<{ parent: ParentInfo | null; referrals: Referral[] }> {
  if (zone === '') return { parent: null, referrals: [] };
  const parentZone = await findZone(r, parentName(zone));
  const names = await nsNames(r, parentZone);
  const servers = await Promise.all(names.map(async (name) => ({ name, ...(await addressesOf(r, name, options.ipv6, options.signal)) })));
  const referrals = await Promise.all(servers.flatMap((s) => s.addresses.map((address) => askParent(s.name, address, zone, options))));
  return { parent: { zone: parentZone, servers }, referrals };
}

async function askParent(server: string, address: string, zone: string, options: AskOptions): Promise<Referral> {
  const target = { address, port: options.port };
  try {
    const response = await query(target, zone, 'NS', { recursive: false, timeoutMs: options.timeoutMs, signal: options.signal });
    const ns = [...response.authorities, ...response.answers].filter((x) => x.type === 'NS' && x.name === zone).map((x) => x.value);
    const unique = [...new Set(ns)].sort();
    const glue = response.additionals.filter((x) => (x.type === 'A' || x.type === 'AAAA') && unique.includes(x.name)).map((x) => ({ name: x.name, address: x.value }));
    return { server, address, rcode: response.rcode, aa: response.aa, ns: unique, glue };
  } catch (err) {
    return { server, address, ns: [], glue: [], error: errorInfo(err, `asking ${server} (${formatServer(target)})`, options.signal) };
  }
}
