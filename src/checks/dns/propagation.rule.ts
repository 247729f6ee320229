import { z } from 'zod';
import type { Finding, Rule, RuleMeta, Verdict } from '../types.js';
import { fail, info, verdictFrom, warn } from '../verdict.js';
import type { DomainTarget } from '../targets.js';
import { RR_TYPES, canonicalIp, emptyReason, finalRecords, normName, sameSet } from './evidence.js';
import type { PropagationEvidence, PropagationInput, PropagationResult } from './propagation.probe.js';
import { domainTarget } from './rule-kit.js';

/** IPv4[:port], IPv6, or [IPv6]:port. */
const SERVER = /^(?:\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?|[0-9a-f]*:[0-9a-f:.]+|\[[0-9a-f]*:[0-9a-f:.]+\]:\d{1,5})$/i;

export const PropagationOptions = z.strictObject({
  type: z.enum(RR_TYPES).default('A').describe('The record type to compare.'),
  resolvers: z
    .array(z.string().regex(SERVER, 'expected IP or IP:PORT, e.g. 1.1.1.1, 127.0.0.1:5353 or [2001:db8::53]:53'))
    .max(30)
    .default([]).describe('Resolvers to compare, as IP[:PORT] (e.g. ["1.1.1.1", "8.8.8.8", "9.9.9.9"]); empty = the run\'s --resolver list, else the system\'s.'),
  expected: z.array(z.string().min(1)).optional().describe('The values every resolver should answer (the new records); optional.'),
  disagreement: z.enum(['warn', 'fail']).default('warn').describe('How a resolver that disagrees (or still has the old value) counts; caches lag by design until their TTL runs out.'),
});
export type PropagationOptions = z.infer<typeof PropagationOptions>;

const meta: RuleMeta = {
  id: 'dns/propagation',
  probe: 'dns/propagation',
  title: 'Resolvers agree on the record',
  failureTitle: 'Resolvers disagree on the record',
  description:
    'Asks several recursive resolvers (public ones such as 1.1.1.1, 8.8.8.8 and 9.9.9.9, or the office and data-centre resolvers) for the same name and type, and compares their answers, each shown with the TTL it still has in cache. After a DNS cutover this shows who still sees the old address and for how long. It is a view of caches, not of the truth: the deterministic check is dns/consistency on the authoritative servers.',
  docs: 'docs/rules/dns/propagation.md',
  targetHelp: 'DNS name, e.g. shop.example.com',
  examples: [{ target: 'shop.example.com', with: { resolvers: ['1.1.1.1', '8.8.8.8', '9.9.9.9'], expected: ['192.0.2.10'] } }],
};

const NORM: Record<string, (v: string) => string> = { A: canonicalIp, AAAA: canonicalIp, CNAME: normName, NS: normName, PTR: normName };

interface View {
  resolver: string;
  values: string[];
  /** What people read: the values or NXDOMAIN/NODATA. */
  text: string;
  ttl: number;
}

function viewOf(r: PropagationResult, type: string): View | undefined {
  if (!r.answer) return undefined;
  const records = finalRecords(r.answer, type);
  const norm = NORM[type] ?? ((v: string) => v);
  const values = [...new Set(records.map((x) => norm(x.value)))].sort();
  const ttl = Math.max(0, ...records.map((x) => x.ttl), r.answer.negativeTtl ?? 0);
  return { resolver: r.resolver, values, text: values.length > 0 ? values.join(', ') : emptyReason(r.answer), ttl };
}

function againstExpected(views: View[], expected: string[], type: string, severity: PropagationOptions['disagreement']): Finding[] {
  const norm = NORM[type] ?? ((v: string) => v);
  const want = expected.map(norm);
  const stale = views.filter((v) => !sameSet(v.values, want));
  if (stale.length === 0) return [];
  if (stale.length === views.length) {
    return [fail('not-propagated', `no resolver answers ${want.join(', ')}: ${stale.map((v) => `${v.resolver} has ${v.text}`).join('; ')}`, 'check the record at the authoritative servers (dns/consistency, dns/records); if it is right there, resolvers will follow within the old TTL', stale[0]!.resolver)];
  }
  const make = severity === 'fail' ? fail : warn;
  return stale.map((v) => make('propagation-partial', `${v.resolver} still answers ${v.text} (cached for up to ${v.ttl} s more)`, `wait up to ${v.ttl} s for its cache to expire, or flush that resolver's cache if you run it`, v.resolver));
}

function judge(evidence: PropagationEvidence, options: PropagationOptions): Verdict {
  const findings: Finding[] = [];
  const views: View[] = [];
  for (const r of evidence.results) {
    const v = viewOf(r, evidence.type);
    if (v) {
      views.push(v);
      findings.push(info('resolver-answer', `${v.resolver}: ${v.text} (TTL ${v.ttl} s)`, v.resolver));
    } else if (r.error) {
      findings.push(warn('resolver-error', `${r.resolver} did not answer: ${r.error.code}`, 'check that the resolver is reachable from here; its answer could not be compared', r.resolver));
    }
  }
  if (options.expected) {
    findings.push(...againstExpected(views, options.expected, evidence.type, options.disagreement));
  } else {
    const groups = [...new Set(views.map((v) => v.text))];
    if (groups.length > 1) {
      const make = options.disagreement === 'fail' ? fail : warn;
      const detail = groups.map((g) => `${g} from ${views.filter((v) => v.text === g).map((v) => v.resolver).join(', ')}`).join('; ');
      findings.push(make('resolvers-disagree', `resolvers answer ${evidence.name} ${evidence.type} differently: ${detail}`, `set the expected values to see which resolvers lag; they follow once their cached TTL runs out (up to ${Math.max(...views.map((v) => v.ttl))} s)`, evidence.name));
    }
  }
  const agreed = views[0]?.text;
  return verdictFrom(meta, findings, agreed && views.every((v) => v.text === agreed) ? `${views.length} resolver(s) answer ${agreed}` : undefined);
}

export const rule: Rule<DomainTarget, PropagationOptions, PropagationEvidence> = {
  meta,
  ...domainTarget,
  options: PropagationOptions,
  probeInput: (target, options): PropagationInput => ({ name: normName(target.domain), type: options.type, resolvers: options.resolvers }),
  judge,
};
