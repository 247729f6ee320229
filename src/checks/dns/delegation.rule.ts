import { z } from 'zod';
import type { Finding, Rule, RuleMeta, Verdict } from '../types.js';
import { fail, info, verdictFrom, warn } from '../verdict.js';
import type { DomainTarget } from '../targets.js';
import { isInZone, normName, sameSet } from './evidence.js';
import type { AuthoritativeEvidence, AuthoritativeInput, ServerEvidence } from './authoritative.probe.js';
import { domainTarget, errorVerdict, ipv6Option, portOption } from './rule-kit.js';

export const DelegationOptions = z.strictObject({
  minNameservers: z.number().int().min(1).max(13).default(2).describe('Fewer nameservers than this is a warning (RFC 1034 §4.1 asks for at least two).'),
  port: portOption,
  ipv6: ipv6Option,
});
export type DelegationOptions = z.infer<typeof DelegationOptions>;

const meta: RuleMeta = {
  id: 'dns/delegation',
  probe: 'dns/authoritative',
  title: 'Zone delegated correctly to answering nameservers',
  failureTitle: 'Zone delegation broken',
  description:
    'Asks the parent zone\'s servers (for example.com: the .com servers) which nameservers the zone is delegated to, then asks each of those nameservers directly, without recursion, for the zone\'s SOA and NS. The parent\'s and the zone\'s own NS sets must agree, every nameserver must answer authoritatively (AA bit; otherwise it is a lame delegation that resolvers retry and time out on), nameservers inside the zone need glue at the parent, and there should be at least two. A move to a new DNS provider breaks exactly here when the registrar still lists the old servers or the new provider has not created the zone.',
  docs: 'docs/rules/dns/delegation.md',
  targetHelp: 'zone (registrable domain or delegated subdomain), e.g. example.com',
  examples: [{ target: 'example.com' }, { target: 'shop.example.com', with: { minNameservers: 2, ipv6: true } }],
};

const list = (xs: string[]) => xs.join(', ') || 'none';

function serverFindings(s: ServerEvidence, zone: string): Finding[] {
  const who = `${s.ns} (${s.address})`;
  if (s.answers.length === 0) {
    return [fail('server-not-answering', `${who} does not answer: ${s.error?.code ?? 'no answer'}`, `make ${s.ns} answer for ${zone} on UDP and TCP port 53, or remove it from the NS records at the parent and in the zone`, s.ns)];
  }
  const findings: Finding[] = [];
  for (const type of ['SOA', 'NS']) {
    const a = s.answers.find((x) => x.type === type && x.name === zone);
    if (!a) continue;
    const has = a.records.some((r) => r.type === type && r.name === zone);
    if (a.rcode !== 'NOERROR' || !a.aa || !has) {
      const why = a.rcode !== 'NOERROR' ? `answers ${a.rcode}` : !a.aa ? 'answers without the AA bit' : 'has no record';
      findings.push(fail('server-not-authoritative', `${who} is not authoritative for ${zone}: ${type} ${why} (lame delegation)`, `create the zone ${zone} on ${s.ns} (at the DNS provider), or remove ${s.ns} from the NS records`, s.ns));
      break;
    }
  }
  if (s.error && findings.length === 0) findings.push(warn('server-partly-answering', `${who} left some queries unanswered: ${s.error.code}`, `check ${s.ns} for rate limits or packet loss`, s.ns));
  return findings;
}

function parentFindings(ev: AuthoritativeEvidence, parentNs: string[], childNs: string[]): Finding[] {
  const findings: Finding[] = [];
  const answered = ev.referrals.filter((r) => !r.error);
  const sets = [...new Set(answered.map((r) => r.ns.join(',')))];
  if (sets.length > 1) findings.push(warn('parent-ns-disagree', `the ${ev.parent?.zone || 'root'} servers give different NS sets: ${sets.map((s) => `[${s}]`).join(' vs ')}`, 'the registry is still publishing a change; recheck in an hour, or ask the registrar', ev.zone));
  if (childNs.length > 0 && !sameSet(parentNs, childNs)) {
    const onlyParent = parentNs.filter((n) => !childNs.includes(n));
    const onlyChild = childNs.filter((n) => !parentNs.includes(n));
    findings.push(fail('ns-set-mismatch', `parent and zone list different nameservers: only at the parent: ${list(onlyParent)}; only in the zone: ${list(onlyChild)}`, 'make the NS records at the registrar and in the zone the same set', ev.zone));
  }
  for (const ns of parentNs.filter((n) => isInZone(n, ev.zone))) {
    if (!answered.some((r) => r.glue.some((g) => g.name === ns))) findings.push(fail('glue-missing', `${ns} is inside ${ev.zone} but the parent has no glue (address) for it`, `add glue (host) records for ${ns} at the registrar`, ns));
  }
  return findings;
}

function judge(ev: AuthoritativeEvidence, options: DelegationOptions): Verdict {
  const zone = ev.zone;
  const answered = ev.referrals.filter((r) => !r.error);
  if (ev.parent && answered.length === 0) {
    const e = ev.referrals[0]?.error ?? ev.parent.servers.find((s) => s.error)?.error;
    return errorVerdict(e?.code ?? 'DNS_ERROR', `no server of the parent zone ${ev.parent.zone || '.'} answered for ${zone}${e ? `: ${e.message}` : ''}`, 'check that this machine can reach the parent zone\'s servers (UDP port 53), then run again', zone);
  }
  const parentNs = [...new Set(answered.flatMap((r) => r.ns))].sort();
  if (ev.parent && parentNs.length === 0) {
    const nx = answered.some((r) => r.rcode === 'NXDOMAIN');
    return verdictFrom(meta, [fail('not-delegated', `the ${ev.parent.zone || 'root'} servers ${nx ? `say ${zone} does not exist (NXDOMAIN)` : `have no NS records for ${zone}`}`, `register ${zone} or set its nameservers at the registrar (for a subdomain: add NS records in ${ev.parent.zone || 'the parent zone'}); if ${zone} is not meant to be a zone of its own, check the zone it lives in instead`, zone)]);
  }
  const childNs = [...new Set(ev.servers.flatMap((s) => s.answers.filter((a) => a.type === 'NS' && a.name === zone && a.aa).flatMap((a) => a.records.filter((r) => r.type === 'NS' && r.name === zone).map((r) => r.value))))].sort();
  const findings = [...parentFindings(ev, parentNs, childNs), ...ev.servers.flatMap((s) => serverFindings(s, zone))];
  for (const n of ev.nameservers.filter((x) => x.addresses.length === 0)) {
    findings.push(fail('ns-unresolvable', `nameserver ${n.name} has no address (${n.error?.code ?? 'no A record'})`, `fix or remove the NS record ${n.name}`, n.name));
  }
  const names = new Set([...parentNs, ...childNs]);
  if (names.size < options.minNameservers) findings.push(warn('too-few-ns', `${zone} has ${names.size} nameserver(s); at least ${options.minNameservers} are advised`, 'add a second nameserver on a different network, so the zone survives one server\'s outage', zone));
  const addresses = new Set(ev.nameservers.flatMap((n) => n.addresses));
  if (names.size > 1 && addresses.size === 1) findings.push(warn('ns-single-address', `all nameservers of ${zone} share the address ${[...addresses][0]}`, 'put the nameservers on different addresses (and networks)', zone));
  findings.push(info('nameservers', `${zone} NS at the parent: ${list(parentNs)}; in the zone: ${list(childNs)}`, zone));
  return verdictFrom(meta, findings, `${names.size} nameserver(s), ${ev.servers.filter((s) => s.answers.length > 0).length} of ${ev.servers.length} address(es) answered`);
}

export const rule: Rule<DomainTarget, DelegationOptions, AuthoritativeEvidence> = {
  meta,
  ...domainTarget,
  options: DelegationOptions,
  probeInput: (target, options): AuthoritativeInput => ({ name: normName(target.domain), findZone: false, queries: [], port: options.port, ipv6: options.ipv6 }),
  judge,
};
