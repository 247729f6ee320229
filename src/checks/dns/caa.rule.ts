import { z } from 'zod';
import type { Finding, Rule, RuleMeta, Verdict } from '../types.js';
import { fail, info, verdictFrom, warn } from '../verdict.js';
import type { DomainTarget } from '../targets.js';
import { finalRecords, normName, parentName, parseCaa } from './evidence.js';
import type { LookupEvidence, LookupInput } from './lookup.probe.js';
import { domainTarget } from './rule-kit.js';

export const CaaOptions = z.strictObject({
  ca: z
    .union([z.string().min(1), z.array(z.string().min(1))])
    .default([])
    .describe('The CA(s) that must be allowed to issue, by their CAA issuer domain, e.g. "letsencrypt.org", "pki.goog", "digicert.com"; empty = just report.'),
  wildcard: z.boolean().default(false).describe('The certificate is a wildcard (*.<name>): issuewild records apply where present.'),
  requireCaa: z.boolean().default(false).describe('Warn when no CAA record applies (then any CA may issue).'),
});
export type CaaOptions = z.infer<typeof CaaOptions>;

/** Tags a CA understands (RFC 8659 §4, RFC 9495 issuemail, the VMC issuevmc, RFC 8657 contact tags). */
const KNOWN_TAGS = new Set(['issue', 'issuewild', 'iodef', 'issuemail', 'issuevmc', 'contactemail', 'contactphone']);

const meta: RuleMeta = {
  id: 'dns/caa',
  probe: 'dns/lookup',
  title: 'CAA records allow the intended CA',
  failureTitle: 'CAA records block the intended CA',
  description:
    'Certificate authorities must check CAA records before issuing (RFC 8659): they climb from the name towards the root, and the first name with CAA records decides which CAs may issue (issuewild for wildcard certificates, if present). A CAA record left over from a previous provider, or a new CDN that uses another CA, makes issuance or renewal fail at launch. No CAA at all means any CA may issue (pass, or a warning with requireCaa). A critical record with an unknown tag forbids issuance by every CA.',
  docs: 'docs/rules/dns/caa.md',
  targetHelp: 'DNS name the certificate is for, e.g. shop.example.com',
  examples: [{ target: 'shop.example.com', with: { ca: 'letsencrypt.org' } }, { target: 'example.com', with: { ca: ['pki.goog', 'letsencrypt.org'], wildcard: true } }],
};

/** The issuer domain of an issue/issuewild value ("letsencrypt.org; accounturi=..."); "" forbids issuance. */
const issuerOf = (value: string) => normName(value.split(';')[0] ?? '');

function applicable(evidence: LookupEvidence) {
  for (const a of evidence.answers) {
    const records = finalRecords(a, 'CAA').flatMap((r) => {
      const c = parseCaa(r.value);
      return c ? [c] : [];
    });
    if (records.length > 0) return { at: a.name, records };
  }
  return undefined;
}

function judge(evidence: LookupEvidence, options: CaaOptions): Verdict {
  const name = evidence.answers[0]?.name ?? '';
  const wanted = (typeof options.ca === 'string' ? [options.ca] : options.ca).map(normName);
  const found = applicable(evidence);
  if (!found) {
    const msg = `no CAA record at ${name} or above it: any CA may issue`;
    return verdictFrom(meta, [options.requireCaa ? warn('caa-missing', msg, `add CAA records at ${name} (or the registrable domain) such as 0 issue "${wanted[0] ?? 'letsencrypt.org'}"`, name) : info('caa-none', msg, name)]);
  }
  const { at, records } = found;
  const findings: Finding[] = [info('caa-records', `CAA at ${at} applies: ${records.map((r) => `${r.flags} ${r.tag} "${r.value}"`).join(', ')}`, at)];
  const critical = records.filter((r) => (r.flags & 128) !== 0 && !KNOWN_TAGS.has(r.tag));
  if (critical.length > 0) {
    findings.push(fail('caa-critical-unknown', `CAA at ${at} has a critical record with unknown tag ${critical.map((r) => r.tag).join(', ')}: no CA may issue`, `remove the critical flag (128) or the record ${critical[0]!.tag} at ${at}`, at));
  }
  const wild = records.filter((r) => r.tag === 'issuewild');
  const governing = options.wildcard && wild.length > 0 ? wild : records.filter((r) => r.tag === 'issue');
  const tag = options.wildcard && wild.length > 0 ? 'issuewild' : 'issue';
  if (governing.length === 0) {
    findings.push(info('caa-no-issue-restriction', `CAA at ${at} has no ${tag} record: any CA may issue ${options.wildcard ? 'wildcard ' : ''}certificates`, at));
    return verdictFrom(meta, findings);
  }
  const allowed = [...new Set(governing.map((r) => issuerOf(r.value)).filter((d) => d !== ''))];
  if (allowed.length === 0) {
    findings.push(fail('caa-forbids-all', `CAA at ${at} forbids every CA to issue (${tag} ";")`, `replace the ${tag} ";" record at ${at} with 0 ${tag} "<your CA>"`, at));
  }
  for (const ca of wanted.filter((c) => allowed.length > 0 && !allowed.includes(c))) {
    findings.push(fail('caa-ca-not-allowed', `${ca} may not issue for ${name}: CAA at ${at} allows only ${allowed.join(', ')} (${tag})`, `add 0 ${tag} "${ca}" at ${at}`, at));
  }
  return verdictFrom(meta, findings, allowed.length > 0 ? `${tag} allowed for ${allowed.join(', ')}` : undefined);
}

/** The name and its ancestors up to the top-level domain, closest first (RFC 8659 §3). */
export function climb(name: string): string[] {
  const out: string[] = [];
  for (let n = normName(name).replace(/^\*\./, ''); n !== ''; n = parentName(n)) out.push(n);
  return out;
}

export const rule: Rule<DomainTarget, CaaOptions, LookupEvidence> = {
  meta,
  ...domainTarget,
  options: CaaOptions,
  probeInput: (target): LookupInput => ({ names: climb(target.domain), types: ['CAA'] }),
  judge,
};
