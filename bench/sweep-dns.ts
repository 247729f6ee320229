// The DNS world of the sweep: every site hN.bench.test is its own zone, delegated from bench.test,
// so that the zone rules (apex, delegation, consistency, TTL) have something real to look at.
// All servers listen on one port, as authoritative servers do on 53:
//   127.53.0.1    parent: bench.test, with referrals for hN.bench.test (glue included)
//   127.53.0.2/3  ns1/ns2.bench.test: authoritative for every hN.bench.test zone
//   127.53.0.100  the "resolver" (RD answered from every record; what a recursive resolver would find)
import { startZoneServers, type Rr, type ZoneServer } from '../test/support/dns-server.js';

export interface Site {
  n: number;
  /** hN.bench.test: the zone apex, non-canonical (redirects to www). */
  apex: string;
  /** www.hN.bench.test: the canonical host. */
  www: string;
  /** 127.0.0.(N+1) */
  address: string;
}

export const PARENT = 'bench.test';
const NET = '127.53.0';
const NS = [
  { name: `ns1.${PARENT}`, address: `${NET}.2` },
  { name: `ns2.${PARENT}`, address: `${NET}.3` },
];
export const CAA_ISSUER = 'letsencrypt.org';

export function sites(count: number): Site[] {
  return Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    return { n, apex: `h${n}.${PARENT}`, www: `www.h${n}.${PARENT}`, address: `127.0.0.${n + 1}` };
  });
}

const soa = (zone: string): Rr => ({ name: zone, type: 'SOA', primary: NS[0]!.name, admin: `hostmaster.${zone}`, serial: 2027010101, refresh: 3600, retry: 600, expiration: 86400, minimum: 300, ttl: 3600 });

/** The zone of one site: SOA, NS, apex and www A (TTL 300, ready for a cutover), CAA, an ACME TXT. */
function siteZone(s: Site): Rr[] {
  return [
    soa(s.apex),
    ...NS.map((ns): Rr => ({ name: s.apex, type: 'NS', ns: ns.name, ttl: 3600 })),
    { name: s.apex, type: 'A', address: s.address, ttl: 300 },
    { name: s.www, type: 'A', address: s.address, ttl: 300 },
    { name: s.apex, type: 'CAA', flags: 0, tag: 'issue', value: CAA_ISSUER, ttl: 3600 },
    { name: `_acme-challenge.${s.apex}`, type: 'TXT', data: `bench-token-${s.n}`, ttl: 300 },
  ];
}

function parentZone(): Rr[] {
  return [
    soa(PARENT),
    { name: PARENT, type: 'NS', ns: `ns.${PARENT}`, ttl: 3600 },
    { name: `ns.${PARENT}`, type: 'A', address: `${NET}.1`, ttl: 3600 },
    ...NS.map((ns): Rr => ({ name: ns.name, type: 'A', address: ns.address, ttl: 3600 })),
  ];
}

export interface DnsWorld {
  port: number;
  /** "127.53.0.100:PORT", for NetOptions.resolvers. */
  resolver: string;
  servers: ZoneServer[];
  /** Which servers get recursive queries (RD=1) from a stub resolver. */
  isResolver(server: ZoneServer): boolean;
  close(): Promise<void>;
}

export async function startDnsWorld(list: Site[]): Promise<DnsWorld> {
  const children = list.flatMap(siteZone);
  const delegations = list.map((s) => ({ zone: s.apex, ns: NS }));
  const servers = await startZoneServers([
    { address: `${NET}.1`, records: parentZone(), delegations },
    ...NS.map((ns) => ({ address: ns.address, records: children })),
    { address: `${NET}.100`, records: [...parentZone(), ...children], authoritative: false },
  ]);
  const resolver = servers.at(-1)!;
  return {
    port: resolver.port,
    resolver: resolver.spec,
    servers,
    isResolver: (server) => server === resolver,
    close: async () => void (await Promise.all(servers.map((s) => s.close()))),
  };
}
