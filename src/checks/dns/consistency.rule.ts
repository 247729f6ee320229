import { z } from 'zod';
import type { Finding, Rule, RuleMeta, Verdict } from '../types.js';
import { fail, info, verdictFrom, warn } from '../verdict.js';
import type { DomainTarget } from '../targets.js';
import { RR_TYPES, absoluteName, emptyReason, normName, parseSoa, type DnsAnswer } from './evidence.js';
import type { AuthoritativeEvidence, AuthoritativeInput, ServerEvidence } from './authoritative.probe.js';
import { domainTarget, errorVerdict, ipv6Option, portOption } from './rule-kit.js';

export const ConsistencyOptions = z.strictObject({
  records: z
    .array(z.strictObject({ name: z.string().min(1).describe('"@" for the zone, a label ("www") or a full name.'), type: z.enum(RR_TYPES).describe('Record type.') }))
    .max(20)
    .default([])
    .describe('Names and types every nameserver must answer identically, besides the zone\'s SOA serial and NS set, e.g. [{name: "@", type: "A"}, {name: "www", type: "CNAME"}].'),
  port: portOption,
  ipv6: ipv6Option,
});
export type ConsistencyOptions = z.infer<typeof ConsistencyOptions>;

const meta: RuleMeta = {
  id: 'dns/consistency',
  probe: 'dns/authoritative',
  title: 'All nameservers serve the same zone data',
  failureTitle: 'Nameservers serve different zone data',
  description:
    'Asks every authoritative nameserver of the zone directly for the SOA serial, the NS set and the listed records, and compares them. Different serials or answers mean a secondary has not transferred the latest zone (or two providers are edited by hand), so visitors get the old or the new record depending on which server their resolver happens to ask. Unlike comparing public resolvers, this is deterministic: it shows the truth the caches will converge on.',
  docs: 'docs/rules/dns/consistency.md',
  targetHelp: 'zone, e.g. example.com',
  examples: [{ target: 'example.com' }, { target: 'example.com', with: { records: [{ name: '@', type: 'A' }, { name: 'www', type: 'CNAME' }] } }],
};

/** One server's answer to one question as comparable text: sorted values, or NXDOMAIN/NODATA/REFUSED. */
function signature(a: DnsAnswer): string {
  const text = (r: DnsAnswer['records'][number]) => (r.name === a.name ? `${r.type} ${r.value}` : `${r.name} ${r.type} ${r.value}`);
  return a.records.length > 0 ? [...new Set(a.records.map(text))].sort().join(' | ') : emptyReason(a);
}

function groupBy(servers: ServerEvidence[], key: (s: ServerEvidence) => string | undefined): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const s of servers) {
    const k = key(s);
    if (k !== undefined) groups.set(k, [...(groups.get(k) ?? []), `${s.ns} (${s.address})`]);
  }
  return groups;
}

const describeGroups = (groups: Map<string, string[]>) => [...groups].map(([k, who]) => `${k} at ${who.join(', ')}`).join('; ');

function judge(ev: AuthoritativeEvidence, options: ConsistencyOptions): Verdict {
  const zone = ev.zone;
  // A server that does not serve the zone (no answer, REFUSED, no AA) is a delegation problem, not data to compare.
  const serving = (s: ServerEvidence) => s.answers.some((a) => a.type === 'SOA' && a.name === zone && a.rcode === 'NOERROR' && a.aa);
  const answering = ev.servers.filter(serving);
  if (answering.length === 0) return errorVerdict('DNS_NOT_FOUND', `no nameserver of ${zone} was found serving the zone`, `check that ${zone} is delegated and served (dns/delegation)`, zone);
  const findings: Finding[] = [];
  const serials = groupBy(answering, (s) => {
    const soa = s.answers.find((a) => a.type === 'SOA' && a.name === zone)?.records.find((r) => r.type === 'SOA');
    return soa ? `serial ${parseSoa(soa.value)?.serial ?? '?'}` : undefined;
  });
  if (serials.size > 1) findings.push(fail('serial-mismatch', `SOA serials differ: ${describeGroups(serials)}`, 'let the secondaries transfer the zone (check NOTIFY/AXFR from the primary), or bring both providers to the same data', zone));
  const questions = [{ name: zone, type: 'NS' }, ...options.records.map((r) => ({ name: absoluteName(r.name, zone), type: r.type }))];
  for (const q of questions) {
    const groups = groupBy(answering, (s) => {
      const a = s.answers.find((x) => x.name === q.name && x.type === q.type);
      return a ? signature(a) : undefined;
    });
    if (groups.size > 1) findings.push(fail('answer-mismatch', `${q.name} ${q.type} differs: ${describeGroups(groups)}`, `make ${q.name} ${q.type} the same on every nameserver (the zone is out of sync)`, q.name));
  }
  for (const s of ev.servers.filter((x) => x.error || !serving(x))) {
    const why = s.error ? `did not answer every query (${s.error.code})` : 'does not answer authoritatively for the zone';
    findings.push(warn('server-not-compared', `${s.ns} (${s.address}) ${why}, so it was not fully compared`, `check ${s.ns}; dns/delegation says more`, s.ns));
  }
  const serial = serials.size === 1 ? [...serials.keys()][0] : undefined;
  if (serial) findings.push(info('serial', `${answering.length} server(s) at ${serial}`, zone));
  return verdictFrom(meta, findings, serial ? `${answering.length} server(s) at ${serial}` : undefined);
}

export const rule: Rule<DomainTarget, ConsistencyOptions, AuthoritativeEvidence> = {
  meta,
  ...domainTarget,
  options: ConsistencyOptions,
  probeInput: (target, options): AuthoritativeInput => {
    const zone = normName(target.domain);
    return { name: zone, findZone: false, queries: options.records.map((r) => ({ name: absoluteName(r.name, zone), type: r.type })), port: options.port, ipv6: options.ipv6 };
  },
  judge,
};
