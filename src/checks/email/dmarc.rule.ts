import { z } from 'zod';
import { DomainTarget, domainTargetFromString } from '../targets.js';
import type { Finding, Rule, RuleMeta, Verdict } from '../types.js';
import { fail, info, verdictFrom, warn } from '../verdict.js';
import { recordFindings, reportFindings } from './dmarc-findings.js';
import type { DmarcEvidence, DmarcProbeInput } from './dmarc.probe.js';

const POLICIES = ['none', 'quarantine', 'reject'] as const;
type Policy = (typeof POLICIES)[number];
const strength = (p: string) => POLICIES.indexOf(p as Policy);

export const DmarcOptions = z.strictObject({
  minPolicy: z
    .enum(POLICIES)
    .default('none')
    .describe('The weakest policy that passes: `none` (default; p=none still warns), `quarantine` (p=none fails) or `reject` (p=none and p=quarantine fail). Parked domains should use `reject`.'),
  requireRua: z.boolean().default(false).describe('Fail instead of warn when the record asks for no aggregate reports (rua=).'),
  requireReportAuthorisation: z
    .boolean()
    .default(false)
    .describe('Fail instead of warn when an external report address lacks its `<domain>._report._dmarc.<destination>` authorisation record (RFC 7489 §7.1).'),
});
export type DmarcOptions = z.infer<typeof DmarcOptions>;

const meta: RuleMeta = {
  id: 'email/dmarc',
  probe: 'email/dmarc',
  title: 'DMARC policy published and enforced',
  failureTitle: 'DMARC record missing, broken or too weak',
  description:
    'Finds the DMARC record receivers apply to the domain (`_dmarc.<domain>`, or the organisational domain\'s record with its sp= for a subdomain) and checks it: exactly one v=DMARC1 record, a valid p= policy at least as strong as required, pct=100, sp= no weaker than p=, aggregate reports requested (rua=), and external report addresses authorised by a `<domain>._report._dmarc.<destination>` record. p=none only monitors: it protects nothing, so it warns. Large mailbox providers require DMARC from bulk senders, and without an enforced policy anyone can send as your domain on launch day.',
  docs: 'docs/rules/email/dmarc.md',
  targetHelp: 'domain (the From: header domain)',
  examples: [{ target: 'example.com' }, { target: 'example.com', with: { minPolicy: 'reject', requireRua: true } }],
};

/** The policy receivers apply to this domain: the record's p=, or sp= (falling back to p=) when the record is the organisational domain's. */
function effectivePolicy(ev: DmarcEvidence): { value: string; tag: 'p' | 'sp' } {
  const tags = ev.policy?.tags ?? {};
  if (ev.policy?.source === 'organisational' && tags.sp !== undefined) return { value: tags.sp.toLowerCase(), tag: 'sp' };
  return { value: (tags.p ?? '').toLowerCase(), tag: 'p' };
}

function policyFindings(ev: DmarcEvidence, o: DmarcOptions): Finding[] {
  const { value, tag } = effectivePolicy(ev);
  if (strength(value) < 0) return [];
  const findings: Finding[] = [];
  const where = ev.policy!.name;
  if (strength(value) < strength(o.minPolicy)) findings.push(fail('dmarc-policy-too-weak', `${tag}=${value} at ${where}; at least ${o.minPolicy} is required`, `set ${tag}=${o.minPolicy} (or stronger) once reports show your legitimate mail passes`, where));
  else if (value === 'none') findings.push(warn('dmarc-policy-none', `${tag}=none at ${where}: failing mail is delivered anyway`, 'move to p=quarantine, then p=reject, once aggregate reports show every sender passes SPF or DKIM aligned', where));
  const pct = Number(ev.policy!.tags.pct ?? '100');
  if (value !== 'none' && pct < 100) findings.push(warn('dmarc-pct-partial', `pct=${pct}: the policy applies to only ${pct}% of failing mail`, 'raise pct to 100 (or remove it) once the rollout is complete', where));
  const p = (ev.policy!.tags.p ?? '').toLowerCase();
  const sp = ev.policy!.tags.sp?.toLowerCase();
  if (sp !== undefined && strength(sp) >= 0 && strength(sp) < strength(p)) findings.push(warn('dmarc-subdomain-policy-weaker', `sp=${sp} is weaker than p=${p}: subdomains are less protected`, 'set sp= to the same policy as p= (or remove sp=), unless a subdomain really needs a weaker policy', where));
  return findings;
}

function judge(ev: DmarcEvidence, options: DmarcOptions): Verdict {
  if (!ev.policy) {
    const multiple = ev.records.length > 1 ? ev.records : ev.orgRecords.length > 1 ? ev.orgRecords : null;
    if (multiple) return verdictFrom(meta, [fail('dmarc-multiple-records', `${multiple.length} v=DMARC1 records; receivers then apply no policy at all`, 'keep exactly one v=DMARC1 TXT record at _dmarc', ev.domain)]);
    return verdictFrom(meta, [fail('dmarc-missing', `no DMARC record at _dmarc.${ev.domain}${ev.orgDomain !== ev.domain ? ` or _dmarc.${ev.orgDomain}` : ''}`, `publish a TXT record at _dmarc.${ev.domain} such as "v=DMARC1; p=quarantine; rua=mailto:dmarc-reports@${ev.domain}"`, ev.domain)]);
  }
  if (ev.records.length > 1) return verdictFrom(meta, [fail('dmarc-multiple-records', `${ev.records.length} v=DMARC1 records at _dmarc.${ev.domain}; receivers then apply no policy at all`, 'keep exactly one v=DMARC1 TXT record', ev.domain)]);
  const findings: Finding[] = [];
  if (ev.policy.source === 'organisational') findings.push(info('dmarc-org-fallback', `${ev.domain} has no record of its own; ${ev.policy.name} applies (its sp=, else p=)`, ev.domain));
  findings.push(...recordFindings(ev), ...policyFindings(ev, options), ...reportFindings(ev, options));
  const { value, tag } = effectivePolicy(ev);
  return verdictFrom(meta, findings, `${tag}=${value} (${ev.policy.name})`);
}

export const dmarcRule: Rule<DomainTarget, DmarcOptions, DmarcEvidence> = {
  meta,
  target: DomainTarget,
  targetFromString: domainTargetFromString,
  options: DmarcOptions,
  probeInput: (target): DmarcProbeInput => ({ domain: target.domain.toLowerCase().replace(/\.$/, '') }),
  judge,
};
