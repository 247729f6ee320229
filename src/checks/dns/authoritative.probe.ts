// dns/authoritative: a zone as its own servers and its parent's servers see it. Finds the parent
// zone's servers through the recursive resolver, asks them (RD=0) for the zone's NS (referral and
// glue), then asks every nameserver (RD=0) for the zone's SOA and NS and the extra queries.
import { z } from 'zod';
import { HostName, Port } from '../targets.js';
import { ProbeError, type Probe, type ProbeContext } from '../types.js';
import { toProbeError } from '../../net/errors.js';
import { RR_TYPES, type DnsAnswer, type ErrorInfo } from './evidence.js';
import { wireName } from './lookup.probe.js';
import { recursive, type Recursive } from './recursive.js';
import { query, toAnswer, type ServerAddress } from './wire.js';
import { addressesOf, errorInfo, findZone, nsNames } from './zone.js';
import { askParents, type Referral } from './referral.js';

export const AuthoritativeInput = z.strictObject({
  name: HostName.describe('The zone, or (with findZone) a name inside it.'),
  findZone: z.boolean().default(false).describe('Look for the zone that contains `name` instead of taking `name` as the zone.'),
  queries: z.array(z.strictObject({ name: HostName, type: z.enum(RR_TYPES) })).max(20).default([]).describe('Extra questions for every server.'),
  port: Port.default(53).describe('Port of the authoritative servers (parent and child).'),
  ipv6: z.boolean().default(false).describe('Also ask nameservers over their IPv6 addresses.'),
});
export type AuthoritativeInput = z.infer<typeof AuthoritativeInput>;

export interface NameserverInfo {
  name: string;
  addresses: string[];
  /** Where the addresses came from: the parent's glue or the recursive resolver. */
  source: 'glue' | 'resolver';
  error?: ErrorInfo;
}

export interface ServerEvidence {
  ns: string;
  address: string;
  /** SOA and NS of the zone, then the extra queries. */
  answers: DnsAnswer[];
  /** The first query this server did not answer (time-out, closed port). */
  error?: ErrorInfo;
}

export interface AuthoritativeEvidence {
  name: string;
  zone: string;
  port: number;
  parent: { zone: string; servers: { name: string; addresses: string[]; error?: ErrorInfo }[] } | null;
  referrals: Referral[];
  /** The zone's NS as the recursive resolver answers it. */
  recursiveNs: { ns: string[]; error?: ErrorInfo };
  nameservers: NameserverInfo[];
  servers: ServerEvidence[];
}

/** Time for one authoritative query: a quarter of the limit (a dead server must leave time for the rest), 200 ms to 3 s. */
export function authoritativeTimeout(timeoutMs: number): number {
  return Math.max(200, Math.min(3000, Math.floor(timeoutMs / 4)));
}

async function run(input: AuthoritativeInput, ctx: ProbeContext): Promise<AuthoritativeEvidence> {
  const r = recursive(ctx.net, ctx.signal);
  const name = wireName(input.name);
  const zone = input.findZone ? await findZone(r, name) : name;
  const timeoutMs = authoritativeTimeout(ctx.net.timeoutMs);
  const { parent, referrals } = await askParents(r, zone, { port: input.port, ipv6: input.ipv6, timeoutMs, signal: ctx.signal });
  const recursiveNs = await nsNames(r, zone).then(
    (ns) => ({ ns }),
    (err: unknown) => ({ ns: [] as string[], error: errorInfo(err, `looking up ${zone} NS`, ctx.signal) }),
  );
  const queries = [{ name: zone, type: 'SOA' }, { name: zone, type: 'NS' }, ...input.queries.map((q) => ({ name: wireName(q.name), type: q.type }))];
  const nameservers: NameserverInfo[] = [];
  const servers: ServerEvidence[] = [];
  let names = [...new Set([...referrals.flatMap((x) => x.ns), ...recursiveNs.ns])].sort();
  // Two rounds: NS names only the child servers list are asked too.
  for (let round = 0; round < 2 && names.length > 0; round++) {
    const infos = await Promise.all(names.map((ns) => nameserverInfo(r, ns, referrals, input.ipv6, ctx.signal)));
    nameservers.push(...infos);
    const targets = infos.flatMap((info) => info.addresses.map((address) => ({ ns: info.name, address })));
    servers.push(...(await Promise.all(targets.map((t) => askServer(t.ns, { address: t.address, port: input.port }, queries, timeoutMs, ctx.signal)))));
    const known = new Set(nameservers.map((n) => n.name));
    names = [...new Set(servers.flatMap((s) => childNs(s, zone)))].filter((n) => !known.has(n)).sort();
  }
  if (servers.length > 0 && servers.every((s) => s.error && s.answers.length === 0)) {
    throw new ProbeError(servers[0]!.error!.code, `no nameserver of ${zone} answered: ${servers.map((s) => `${s.ns} (${s.address}) ${s.error!.code}`).join(', ')}`, {
      hint: 'the zone\'s nameservers do not answer from here: check the NS records at the registrar, the servers, and firewalls (UDP and TCP port 53)',
      transient: true,
    });
  }
  return { name, zone, port: input.port, parent, referrals, recursiveNs, nameservers, servers };
}

function childNs(server: ServerEvidence, zone: string): string[] {
  const ns = server.answers.find((a) => a.type === 'NS' && a.name === zone);
  return ns ? ns.records.filter((x) => x.type === 'NS' && x.name === zone).map((x) => x.value) : [];
}

async function nameserverInfo(r: Recursive, ns: string, referrals: Referral[], ipv6: boolean, signal: AbortSignal): Promise<NameserverInfo> {
  const glue = [...new Set(referrals.flatMap((x) => x.glue).filter((g) => g.name === ns && (ipv6 || !g.address.includes(':'))).map((g) => g.address))];
  if (glue.length > 0) return { name: ns, addresses: glue, source: 'glue' };
  return { name: ns, source: 'resolver', ...(await addressesOf(r, ns, ipv6, signal)) };
}

async function askServer(ns: string, server: ServerAddress, queries: { name: string; type: string }[], timeoutMs: number, signal: AbortSignal): Promise<ServerEvidence> {
  const out: ServerEvidence = { ns, address: server.address, answers: [] };
  const settled = await Promise.allSettled(queries.map((q) => query(server, q.name, q.type, { recursive: false, timeoutMs, signal })));
  settled.forEach((s, i) => {
    const q = queries[i]!;
    if (s.status === 'fulfilled') {
      // The server is named once per server, not per answer.
      const { server: _server, ...answer } = toAnswer(q.name, q.type, s.value);
      out.answers.push(answer);
    }
    else out.error ??= errorInfo(s.reason, `asking ${ns} (${server.address})`, signal);
  });
  if (signal.aborted) throw toProbeError(signal.reason, `asking ${ns}`, signal);
  return out;
}

export const authoritativeProbe: Probe<AuthoritativeInput, AuthoritativeEvidence> = {
  id: 'dns/authoritative',
  description: 'Asks the parent zone\'s servers for the delegation (NS, glue) and every nameserver of the zone, without recursion, for its SOA, NS and given records; records the AA bit, answers and TTLs per server.',
  input: AuthoritativeInput,
  run,
};
