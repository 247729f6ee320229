import { z } from 'zod';
import type { Finding, Rule, RuleMeta, Verdict } from '../types.js';
import { fail, info, verdictFrom } from '../verdict.js';
import type { DomainTarget } from '../targets.js';
import { answerFor, canonicalIp, cnameOf, describeRecords, emptyReason, finalRecords, normName, ownRecords, parseCaa, type DnsAnswer } from './evidence.js';
import type { LookupEvidence, LookupInput } from './lookup.probe.js';
import { domainTarget, notFound } from './rule-kit.js';

const values = (what: string) => z.array(z.string().min(1)).optional().describe(what);

export const RecordsOptions = z.strictObject({
  A: values('Expected IPv4 addresses, e.g. ["192.0.2.10"].'),
  AAAA: values('Expected IPv6 addresses, e.g. ["2001:db8::10"].'),
  CNAME: z.string().min(1).optional().describe('Expected CNAME target, e.g. "shop.cdn.example.net".'),
  TXT: values('Expected TXT values (character-strings joined); in contains mode each is a substring of some record.'),
  MX: values('Expected MX records as "10 mail.example.com" or just "mail.example.com" (any priority).'),
  CAA: values('Expected CAA records as `0 issue "letsencrypt.org"`.'),
  NS: values('Expected nameserver names.'),
  mode: z.enum(['exact', 'contains']).default('exact').describe('exact: the record set equals the expected values; contains: the expected values are present, others may be too.'),
});
export type RecordsOptions = z.infer<typeof RecordsOptions>;

type Expectable = 'A' | 'AAAA' | 'CNAME' | 'TXT' | 'MX' | 'CAA' | 'NS';
const TYPES: Expectable[] = ['A', 'AAAA', 'CNAME', 'TXT', 'MX', 'CAA', 'NS'];

const byName = (v: string) => normName(v);
const byCaa = (v: string) => {
  const c = parseCaa(v);
  return c ? `${c.flags} ${c.tag} ${c.value.trim().toLowerCase()}` : v.trim().toLowerCase();
};
const byMx = (v: string) => {
  const m = /^(?:(\d+)\s+)?(\S+)$/.exec(v.trim());
  return m ? `${m[1] ?? '*'} ${normName(m[2]!)}` : v.trim().toLowerCase();
};

/** How each type's values are normalized and matched; TXT matches substrings in contains mode. */
const MATCH: Record<Expectable, { norm(v: string): string; matches(actual: string, expected: string, mode: RecordsOptions['mode']): boolean }> = {
  A: { norm: canonicalIp, matches: (a, e) => a === e },
  AAAA: { norm: canonicalIp, matches: (a, e) => a === e },
  CNAME: { norm: byName, matches: (a, e) => a === e },
  NS: { norm: byName, matches: (a, e) => a === e },
  TXT: { norm: (v) => v, matches: (a, e, mode) => (mode === 'contains' ? a.includes(e) : a === e) },
  MX: { norm: byMx, matches: (a, e) => (e.startsWith('* ') ? a.split(' ')[1] === e.slice(2) : a === e) },
  CAA: { norm: byCaa, matches: (a, e) => a === e },
};

const expectedOf = (options: RecordsOptions, type: Expectable): string[] | undefined => {
  const v = options[type];
  return typeof v === 'string' ? [v] : v;
};

const meta: RuleMeta = {
  id: 'dns/records',
  probe: 'dns/lookup',
  title: 'DNS records have the expected values',
  failureTitle: 'DNS records differ from the expected values',
  description:
    'Looks the name up through the resolver and compares each record type that has expected values (A, AAAA, CNAME, TXT, MX, CAA, NS), as an exact set or as "contains". The actual values are shown with their TTLs. On launch day this catches the record that was never changed, the verification TXT that was forgotten, and the old IP still in the set. Without expectations it checks that the name resolves. A name that does not exist is an error (DNS_NOT_FOUND); an alias to a name that does not exist fails (dangling CNAME).',
  docs: 'docs/rules/dns/records.md',
  targetHelp: 'DNS name, e.g. shop.example.com',
  examples: [
    { target: 'shop.example.com', with: { A: ['192.0.2.10'], AAAA: ['2001:db8::10'] } },
    { target: 'example.com', with: { TXT: ['google-site-verification='], MX: ['10 mx1.example.net'], mode: 'contains' } },
  ],
};

function actualOf(answer: DnsAnswer | undefined, name: string, type: Expectable): string[] {
  const records = type === 'CNAME' ? ownRecords(answer, name, 'CNAME') : finalRecords(answer, type);
  return records.map((r) => MATCH[type].norm(r.value));
}

function compare(type: Expectable, name: string, answer: DnsAnswer | undefined, expected: string[], mode: RecordsOptions['mode']): Finding[] {
  const m = MATCH[type];
  const actual = actualOf(answer, name, type);
  const wanted = expected.map((e) => m.norm(e));
  if (actual.length === 0) {
    return [fail('record-absent', `${name} has no ${type} record (${answer ? emptyReason(answer) : 'not asked'}); expected ${expected.join(', ')}`, `add the ${type} record${expected.length > 1 ? 's' : ''} ${expected.join(', ')} for ${name}`, name)];
  }
  const findings: Finding[] = [];
  const missing = wanted.filter((e) => !actual.some((a) => m.matches(a, e, mode)));
  if (missing.length > 0) findings.push(fail('value-missing', `${name} ${type} lacks ${missing.join(', ')} (has ${actual.join(', ')})`, `set the ${type} record of ${name} to include ${missing.join(', ')}`, name));
  const extra = mode === 'exact' ? actual.filter((a) => !wanted.some((e) => m.matches(a, e, mode))) : [];
  if (extra.length > 0) findings.push(fail('value-unexpected', `${name} ${type} also has ${extra.join(', ')}`, `remove ${extra.join(', ')} from ${name} ${type}, or list it in the expected values (or use mode: contains)`, name));
  return findings;
}

function judge(evidence: LookupEvidence, options: RecordsOptions): Verdict {
  const name = evidence.answers[0]?.name ?? '';
  const asked = TYPES.filter((t) => expectedOf(options, t));
  const answers = evidence.answers.filter((a) => a.name === name);
  const alias = cnameOf(answers, name);
  const nx = answers.find((a) => a.rcode === 'NXDOMAIN');
  if (nx && !alias) return notFound(name);
  const findings: Finding[] = [];
  if (nx && alias) findings.push(fail('cname-dangling', `${name} is an alias of ${alias.value}, which does not exist`, `point the CNAME of ${name} at an existing name, or delete it (a dangling CNAME can be taken over)`, name));
  for (const t of asked) findings.push(...compare(t, name, answerFor(answers, name, t), expectedOf(options, t)!, options.mode));
  if (asked.length === 0 && !answers.some((a) => finalRecords(a, a.type).length > 0)) {
    findings.push(fail('no-address', `${name} has no A or AAAA record`, `add an A and/or AAAA record for ${name}, or give the expected values to check`, name));
  }
  const shown = answers.flatMap((a) => a.records).filter((r, i, all) => all.findIndex((x) => x.type === r.type && x.name === r.name && x.value === r.value) === i);
  if (shown.length > 0) findings.push(info('records', describeRecords(shown, 20), name));
  return verdictFrom(meta, findings, shown.length > 0 ? describeRecords(shown, 3) : undefined);
}

export const rule: Rule<DomainTarget, RecordsOptions, LookupEvidence> = {
  meta,
  ...domainTarget,
  options: RecordsOptions,
  probeInput: (target, options): LookupInput => {
    const types = TYPES.filter((t) => expectedOf(options, t));
    return { names: [normName(target.domain)], types: types.length > 0 ? types : ['A', 'AAAA'] };
  },
  judge,
};
