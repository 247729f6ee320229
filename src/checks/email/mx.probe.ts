import { isIP } from 'node:net';
import { z } from 'zod';
import { HostName } from '../targets.js';
import type { Probe, ProbeContext } from '../types.js';
import { dnsProbeError, dnsSession, type DnsSession } from './dns-session.js';

export const MxProbeInput = z.strictObject({ domain: HostName });
export type MxProbeInput = z.infer<typeof MxProbeInput>;

export interface MxHost {
  /** The exchange as published, lower case without the final dot; "" for a null MX ("."). */
  exchange: string;
  priority: number;
  /** The exchange is written as an IP address, which MX does not allow (RFC 7505 §2, RFC 2181 §10.3). */
  ipLiteral: boolean;
  /** The exchange is an alias: MX must name a host, not a CNAME (RFC 2181 §10.3). */
  cname: string | null;
  /** A and AAAA addresses of the exchange (at most 8). */
  addresses: string[];
}

export interface MxEvidence {
  domain: string;
  /** What the MX lookup found. */
  status: 'ok' | 'nxdomain' | 'nodata';
  /** By priority, then name. */
  hosts: MxHost[];
  /** More MX records than the probe looks at. */
  truncated: boolean;
}

const MAX_HOSTS = 20;
const MAX_ADDRESSES = 8;

async function inspect(mx: { exchange: string; priority: number }, dns: DnsSession): Promise<MxHost> {
  const exchange = mx.exchange.toLowerCase().replace(/\.$/, '');
  const base = { exchange, priority: mx.priority, ipLiteral: isIP(exchange.replace(/^\[|\]$/g, '')) !== 0, cname: null, addresses: [] };
  if (exchange === '' || base.ipLiteral) return base;
  const [cname, v4, v6] = await Promise.all([dns.lookup<string>(exchange, 'CNAME'), dns.lookup<string>(exchange, 'A'), dns.lookup<string>(exchange, 'AAAA')]);
  return { ...base, cname: cname.records[0]?.toLowerCase().replace(/\.$/, '') ?? null, addresses: [...v4.records, ...v6.records].slice(0, MAX_ADDRESSES) };
}

async function run(input: MxProbeInput, ctx: ProbeContext): Promise<MxEvidence> {
  const domain = input.domain.toLowerCase().replace(/\.$/, '');
  const dns = dnsSession(ctx);
  try {
    const answer = await dns.lookup<{ exchange: string; priority: number }>(domain, 'MX');
    const sorted = [...answer.records].sort((a, b) => a.priority - b.priority || a.exchange.localeCompare(b.exchange));
    const hosts = await Promise.all(sorted.slice(0, MAX_HOSTS).map((mx) => inspect(mx, dns)));
    return { domain, status: answer.status, hosts, truncated: sorted.length > MAX_HOSTS };
  } catch (err) {
    throw dnsProbeError(err, `MX of ${domain}`, ctx.signal);
  }
}

export const mxProbe: Probe<MxProbeInput, MxEvidence> = {
  id: 'email/mx',
  description: 'Reads the domain\'s MX records and, for each exchange, whether it is a CNAME or an IP literal and which addresses it resolves to.',
  input: MxProbeInput,
  run,
};
