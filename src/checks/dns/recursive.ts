// Recursive lookups over the raw client, as a stub resolver does them: the user's --resolver
// servers (or the system's), in order, moving on when one times out, fails or refuses.
import { getServers } from 'node:dns';
import type { NetOptions } from '../types.js';
import { ProbeError } from '../types.js';
import { formatServer, parseServer, query, rcodeError, toAnswer, type ServerAddress, type WireResponse } from './wire.js';
import type { DnsAnswer } from './evidence.js';

export interface Recursive {
  /** The servers asked, as "ip:port". */
  servers: ServerAddress[];
  lookup(name: string, type: string): Promise<DnsAnswer>;
  /** The raw response (authority and additional sections), for zone discovery. */
  raw(name: string, type: string): Promise<WireResponse>;
}

/** The recursive servers to ask: explicit specs, else --resolver, else the system's (resolv.conf). */
export function recursiveServers(net: NetOptions, specs: string[] = []): ServerAddress[] {
  const list = specs.length > 0 ? specs : net.resolvers.length > 0 ? net.resolvers : getServers();
  if (list.length === 0) throw new ProbeError('INVALID_TARGET', 'no DNS resolver configured', { hint: 'pass --resolver IP[:PORT] or configure /etc/resolv.conf' });
  return list.map((s) => parseServer(s));
}

/** Time for one recursive query: half the probe's limit (a resolver may recurse for seconds), 200 ms to 5 s. */
export function recursiveTimeout(net: NetOptions): number {
  return Math.max(200, Math.min(5000, Math.floor(net.timeoutMs / 2)));
}

/** A stub resolver over `servers`. Errors are ProbeErrors; NXDOMAIN and NODATA are answers. */
export function recursive(net: NetOptions, signal: AbortSignal, servers = recursiveServers(net)): Recursive {
  const timeoutMs = recursiveTimeout(net);
  const raw = async (name: string, type: string): Promise<WireResponse> => {
    let last: ProbeError | undefined;
    for (const server of servers) {
      try {
        const response = await query(server, name, type, { recursive: true, timeoutMs, signal });
        const bad = rcodeError(response, `looking up ${name} ${type}`);
        if (!bad) return response;
        last = bad;
      } catch (err) {
        if (signal.aborted) throw err;
        last = err as ProbeError;
      }
    }
    throw last ?? new ProbeError('DNS_ERROR', `looking up ${name} ${type}: no resolver`);
  };
  return { servers, raw, lookup: async (name, type) => toAnswer(name, type, await raw(name, type)) };
}

export const describeServers = (servers: ServerAddress[]): string[] => servers.map(formatServer);
