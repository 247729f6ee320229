import { z } from 'zod';
import type { Finding, Rule, RuleMeta, Verdict } from '../types.js';
import { fail, info, verdictFrom, warn } from '../verdict.js';
import type { DomainTarget } from '../targets.js';
import { answerFor, canonicalIp, cnameOf, finalRecords, normName, ownRecords, type DnsAnswer } from './evidence.js';
import type { LookupEvidence, LookupInput } from './lookup.probe.js';
import { domainTarget, notFound } from './rule-kit.js';

export const ApexOptions = z.strictObject({
  www: z.string().optional().describe('The www name: a label ("www") or a full name; default www.<apex>.'),
  checkWww: z.boolean().default(true).describe('Check the www name at all.'),
  wwwMode: z
    .enum(['consistent', 'cname-to-apex', 'resolves'])
    .default('consistent')
    .describe('consistent: www shares an address with the apex or is a CNAME to it; cname-to-apex: www must be a CNAME to the apex (one host serves both and redirects); resolves: www only has to resolve (e.g. the apex is on a redirect service).'),
});
export type ApexOptions = z.infer<typeof ApexOptions>;

const meta: RuleMeta = {
  id: 'dns/apex',
  probe: 'dns/lookup',
  title: 'Apex has addresses and www matches it',
  failureTitle: 'Apex or www set up wrongly',
  description:
    'The registrable domain (the zone apex, example.com) must answer with A and/or AAAA records and must not be a CNAME: the apex always holds SOA and NS records, and RFC 1034 §3.6.2 and RFC 2181 §10.1 forbid a CNAME beside other data, so an apex CNAME breaks mail (MX), verification TXT records and, with many resolvers, the site itself. Use the DNS provider\'s ALIAS/ANAME or CNAME flattening instead. The www name must resolve and match the apex (same addresses or a CNAME to it), so that whichever of the two people type reaches the site and its redirect.',
  docs: 'docs/rules/dns/apex.md',
  targetHelp: 'registrable domain, e.g. example.com',
  examples: [{ target: 'example.com' }, { target: 'example.com', with: { wwwMode: 'cname-to-apex' } }],
};

const addressesOf = (answers: (DnsAnswer | undefined)[]) => new Set(answers.flatMap((a) => (a ? finalRecords(a, a.type) : [])).map((r) => canonicalIp(r.value)));

function apexFindings(apex: string, answers: DnsAnswer[]): Finding[] {
  const findings: Finding[] = [];
  const alias = cnameOf(answers, apex);
  if (alias) {
    findings.push(fail('apex-cname', `${apex} is a CNAME to ${alias.value}: the apex must not be an alias (RFC 1034 §3.6.2, RFC 2181 §10.1)`, `replace the CNAME at ${apex} with A/AAAA records, or with your DNS provider's ALIAS/ANAME/flattened CNAME to ${alias.value}`, apex));
  }
  const own = [...ownRecords(answerFor(answers, apex, 'A'), apex, 'A'), ...ownRecords(answerFor(answers, apex, 'AAAA'), apex, 'AAAA')];
  if (own.length === 0 && !alias) findings.push(fail('apex-no-address', `${apex} has no A or AAAA record`, `add A (and AAAA) records for ${apex} pointing at the site or its redirect service`, apex));
  if (own.length > 0) findings.push(info('apex-addresses', `${apex} has ${own.map((r) => `${r.type} ${r.value} (TTL ${r.ttl} s)`).join(', ')}`, apex));
  const soa = answerFor(answers, apex, 'SOA');
  if (soa && !alias && ownRecords(soa, apex, 'SOA').length === 0) {
    findings.push(warn('not-zone-apex', `${apex} has no SOA record: it is not the apex of a zone`, `use the registrable domain (the zone apex) as the target, or dns/records for other names`, apex));
  }
  return findings;
}

function wwwFindings(apex: string, www: string, answers: DnsAnswer[], mode: ApexOptions['wwwMode']): Finding[] {
  const wwwAnswers = [answerFor(answers, www, 'A'), answerFor(answers, www, 'AAAA'), answerFor(answers, www, 'CNAME')];
  const alias = cnameOf(wwwAnswers, www);
  const wwwAddrs = addressesOf(wwwAnswers.slice(0, 2));
  const apexAddrs = addressesOf([answerFor(answers, apex, 'A'), answerFor(answers, apex, 'AAAA')]);
  if (wwwAddrs.size === 0 && !alias) {
    const nx = wwwAnswers.some((a) => a?.rcode === 'NXDOMAIN');
    return [fail('www-not-found', `${www} ${nx ? 'does not exist' : 'has no address'}`, `add ${www} as a CNAME to ${apex} (or with the apex's A/AAAA records)`, www)];
  }
  const toApex = alias !== undefined && normName(alias.value) === apex;
  const shared = [...wwwAddrs].some((x) => apexAddrs.has(x));
  const how = alias ? `a CNAME to ${alias.value}` : `at ${[...wwwAddrs].join(', ')}`;
  if (mode === 'cname-to-apex' && !toApex) {
    return [fail('www-not-cname-to-apex', `${www} is ${how}, not a CNAME to ${apex}`, `make ${www} a CNAME to ${apex}, so one host serves both names and redirects one to the other`, www)];
  }
  if (mode === 'consistent' && !toApex && !shared) {
    return [fail('www-differs', `${www} is ${how}, which shares no address with ${apex} (${[...apexAddrs].join(', ') || 'none'})`, `point ${www} at the same place as ${apex} (a CNAME to ${apex} is simplest), or set wwwMode: resolves if a redirect service deliberately serves one of them`, www)];
  }
  const findings = [info('www-setup', `${www} is ${how}`, www)];
  const v6 = (x: Set<string>) => [...x].some((a) => a.includes(':'));
  if (!toApex && apexAddrs.size > 0 && v6(apexAddrs) !== v6(wwwAddrs)) {
    findings.push(warn('ipv6-differs', `only one of ${apex} and ${www} has IPv6 (AAAA) addresses`, `give both names AAAA records, or neither, so IPv6 visitors get the same site on both`, www));
  }
  return findings;
}

function wwwName(apex: string, options: ApexOptions): string {
  const w = options.www === undefined ? 'www' : normName(options.www);
  return w.includes('.') ? w : `${w}.${apex}`;
}

function judge(evidence: LookupEvidence, options: ApexOptions): Verdict {
  const apex = evidence.answers[0]?.name ?? '';
  const apexAnswers = evidence.answers.filter((a) => a.name === apex);
  if (apexAnswers.some((a) => a.rcode === 'NXDOMAIN') && !cnameOf(apexAnswers, apex)) return notFound(apex);
  const findings = apexFindings(apex, evidence.answers);
  if (options.checkWww) findings.push(...wwwFindings(apex, wwwName(apex, options), evidence.answers, options.wwwMode));
  return verdictFrom(meta, findings);
}

export const rule: Rule<DomainTarget, ApexOptions, LookupEvidence> = {
  meta,
  ...domainTarget,
  options: ApexOptions,
  probeInput: (target, options): LookupInput => {
    const apex = normName(target.domain);
    return { names: options.checkWww ? [apex, wwwName(apex, options)] : [apex], types: ['A', 'AAAA', 'CNAME', 'SOA'] };
  },
  judge,
};
