import { z } from 'zod';
import { DomainTarget, HostName, domainTargetFromString } from '../targets.js';
import type { Finding, Rule, RuleMeta, Verdict } from '../types.js';
import { fail, info, verdictFrom, warn } from '../verdict.js';
import type { MxEvidence, MxHost, MxProbeInput } from './mx.probe.js';

export const MxOptions = z.strictObject({
  acceptNullMx: z.boolean().default(false).describe('Pass a null MX ("0 .", RFC 7505): the domain receives no mail, as a parked or send-only domain should say.'),
  minHosts: z.number().int().min(1).default(2).describe('Fewer mail exchangers than this warn (set 1 when your provider serves one highly available name).'),
  expect: z
    .array(HostName)
    .default([])
    .describe('Name suffixes every MX target must match, e.g. ["mx.provider.example"] or ["google.com"]: mail to any other host is unexpected.'),
});
export type MxOptions = z.infer<typeof MxOptions>;

const meta: RuleMeta = {
  id: 'email/mx',
  probe: 'email/mx',
  title: 'MX records point at resolvable mail hosts',
  failureTitle: 'MX records missing or pointing nowhere',
  description:
    'Reads the domain\'s MX records and checks that each target is a host name (not an IP address, not a CNAME) that resolves to A or AAAA addresses, optionally under the expected provider. A null MX (RFC 7505) passes only when the domain should receive no mail. A single MX warns. Without working MX records, replies, bounces and DMARC reports to the domain are lost from the first day.',
  docs: 'docs/rules/email/mx.md',
  targetHelp: 'domain (where mail is received)',
  examples: [{ target: 'example.com' }, { target: 'example.com', with: { expect: ['google.com'], minHosts: 1 } }, { target: 'parked.example.com', with: { acceptNullMx: true } }],
};

const suffixMatch = (name: string, suffix: string) => {
  const s = suffix.toLowerCase().replace(/\.$/, '');
  return name === s || name.endsWith(`.${s}`);
};

/** One finding per broken target, the most basic problem first. */
const TARGET_CHECKS: ((h: MxHost) => Finding | null)[] = [
  (h) => (h.ipLiteral ? fail('mx-target-ip', `MX ${h.priority} is the IP address ${h.exchange}`, 'point the MX at a host name with an A/AAAA record; MX targets must be names', h.exchange) : null),
  (h) => (h.cname ? fail('mx-target-cname', `MX target ${h.exchange} is a CNAME to ${h.cname}`, `point the MX at ${h.cname} (the canonical name) instead of the alias`, h.exchange) : null),
  (h) => (h.addresses.length === 0 ? fail('mx-target-unresolvable', `MX target ${h.exchange} has no A or AAAA record`, 'fix the target\'s address records or the MX record; mail to this host bounces', h.exchange) : null),
];

function nullMxFindings(ev: MxEvidence, o: MxOptions): Finding[] | null {
  if (!ev.hosts.some((h) => h.exchange === '')) return null;
  if (ev.hosts.length > 1) return [fail('mx-null-mixed', 'a null MX (".") is published beside other MX records', 'a null MX must be the only MX record (RFC 7505 §3): remove it, or the others', ev.domain)];
  return o.acceptNullMx
    ? [info('mx-null', 'null MX: the domain declares that it receives no mail', ev.domain)]
    : [fail('mx-null', 'null MX: the domain declares that it receives no mail', 'publish the MX records of your mail provider, or set acceptNullMx: true if this domain should receive no mail', ev.domain)];
}

function judge(ev: MxEvidence, o: MxOptions): Verdict {
  if (ev.hosts.length === 0) {
    const why = ev.status === 'nxdomain' ? `${ev.domain} does not exist` : `${ev.domain} has no MX records (senders fall back to its A record)`;
    return verdictFrom(meta, [fail('mx-missing', why, 'publish MX records for your mail provider, or a null MX "0 ." if the domain receives no mail', ev.domain)]);
  }
  const nullMx = nullMxFindings(ev, o);
  if (nullMx) return verdictFrom(meta, nullMx, 'null MX (receives no mail)');
  const findings = ev.hosts.flatMap((h) => TARGET_CHECKS.map((c) => c(h)).find((f) => f !== null) ?? []);
  if (o.expect.length > 0) {
    for (const h of ev.hosts.filter((x) => !o.expect.some((s) => suffixMatch(x.exchange, s)))) {
      findings.push(fail('mx-unexpected-host', `MX target ${h.exchange} is not under ${o.expect.join(' or ')}`, 'remove MX records of old or unintended mail hosts before launch', h.exchange));
    }
  }
  if (ev.hosts.length < o.minHosts) findings.push(warn('mx-single', `${ev.hosts.length} mail exchanger${ev.hosts.length === 1 ? '' : 's'} (at least ${o.minHosts} recommended)`, 'add a second MX (your provider documents a backup), or set minHosts: 1 if the one name is highly available', ev.domain));
  if (ev.truncated) findings.push(warn('mx-truncated', `more than ${ev.hosts.length} MX records; only the first were checked`, 'publish fewer MX records', ev.domain));
  return verdictFrom(meta, findings, ev.hosts.map((h) => `${h.priority} ${h.exchange}`).join(', '));
}

export const mxRule: Rule<DomainTarget, MxOptions, MxEvidence> = {
  meta,
  target: DomainTarget,
  targetFromString: domainTargetFromString,
  options: MxOptions,
  probeInput: (target): MxProbeInput => ({ domain: target.domain.toLowerCase().replace(/\.$/, '') }),
  judge,
};
