import { z } from 'zod';
import { DomainTarget, HostName, domainTargetFromString } from '../targets.js';
import type { Finding, Rule, RuleMeta, Verdict } from '../types.js';
import { fail, info, verdictFrom, warn } from '../verdict.js';
import type { SpfQualifier } from './spf-parse.js';
import { effectiveAll, permerrorFindings, treeFindings } from './spf-findings.js';
import type { SpfEvidence, SpfProbeInput } from './spf.probe.js';

export const SpfOptions = z.strictObject({
  include: z
    .array(HostName)
    .default([])
    .describe('Domains of sending services that must be authorised, reached through include: or redirect= directly or nested, e.g. ["_spf.google.com"].'),
  softfail: z
    .enum(['warn', 'accept'])
    .default('warn')
    .describe('How to judge a policy ending in "~all": `warn` (the usual advice: move to "-all" once every sender is listed) or `accept` it.'),
});
export type SpfOptions = z.infer<typeof SpfOptions>;

const meta: RuleMeta = {
  id: 'email/spf',
  probe: 'email/spf',
  title: 'SPF record valid and within the lookup limits',
  failureTitle: 'SPF record missing, broken or too permissive',
  description:
    'Reads the domain\'s SPF record (RFC 7208) and every record it reaches through include: and redirect=, and evaluates it for an address that matches nothing, so every mechanism runs. It fails when there is no record or more than one, when receivers would get a permerror (syntax, more than 10 DNS-querying terms, more than 2 lookups that find nothing, include loops or include targets without a record), when the policy ends in "+all", or when a required sending service is not included. It warns on "?all", "~all" (configurable), a missing "all", "ptr", and redirect= beside all. Mail from a domain whose SPF is broken is rejected or sent to spam from the first day, and DMARC cannot pass on SPF.',
  docs: 'docs/rules/email/spf.md',
  targetHelp: 'domain (the envelope sender domain)',
  examples: [{ target: 'example.com' }, { target: 'shop.example.com', with: { include: ['_spf.google.com'], softfail: 'accept' } }],
};

type Policy = (o: SpfOptions) => Finding | null;

/** How the policy's last word is judged: `-all` is the goal, `+all` lets anyone send. */
const ALL_POLICIES: Record<SpfQualifier | 'none', Policy> = {
  '-': () => null,
  '+': () => fail('spf-pass-all', 'the policy ends in "+all": every server on the internet may send as this domain', 'end the record with "-all" (or "~all" while rolling out) after listing your senders'),
  '?': () => warn('spf-neutral-all', 'the policy ends in "?all": mail from unlisted servers is neither passed nor failed', 'end the record with "-all" once every sending service is listed'),
  '~': (o) => (o.softfail === 'accept' ? info('spf-softfail-all', 'the policy ends in "~all" (accepted by option)') : warn('spf-softfail-all', 'the policy ends in "~all": unlisted servers only soft-fail', 'move to "-all" once every sending service is listed, or set softfail: accept if ~all is your policy')),
  none: () => warn('spf-no-all', 'the policy has no "all" and no redirect, so unlisted servers get neutral', 'end the record with "-all"'),
};

function judge(ev: SpfEvidence, options: SpfOptions): Verdict {
  if (ev.records.length === 0) {
    const missing = ev.tree[0]?.problem === 'nxdomain' ? `${ev.domain} does not exist` : `${ev.domain} publishes no "v=spf1" TXT record`;
    return verdictFrom(meta, [fail('spf-missing', missing, 'publish one TXT record such as "v=spf1 include:<your provider> -all"; a domain that sends no mail should publish "v=spf1 -all"', ev.domain)]);
  }
  if (ev.records.length > 1) {
    return verdictFrom(meta, [fail('spf-multiple-records', `${ev.domain} has ${ev.records.length} "v=spf1" records; receivers return permerror`, 'merge them into one TXT record', ev.domain)]);
  }
  const findings = [...permerrorFindings(ev), ...treeFindings(ev)];
  // A redirect chain already reported as broken has no `all` worth judging.
  const all = effectiveAll(ev.tree);
  const policy = all === 'unknown' ? null : ALL_POLICIES[all ?? 'none'](options);
  if (policy) findings.push({ ...policy, subject: ev.domain });
  const reached = new Set(ev.tree.slice(1).map((n) => n.domain));
  for (const expected of options.include) {
    const name = expected.toLowerCase().replace(/\.$/, '');
    if (!reached.has(name)) findings.push(fail('spf-provider-missing', `${name} is not included (directly or nested)`, `add include:${name} to the record, before the "all"`, ev.domain));
  }
  const record = ev.records[0]!.length > 100 ? `${ev.records[0]!.slice(0, 99)}…` : ev.records[0];
  return verdictFrom(meta, findings, `${record} (${ev.lookups.counted}/10 lookups)`);
}

export const spfRule: Rule<DomainTarget, SpfOptions, SpfEvidence> = {
  meta,
  target: DomainTarget,
  targetFromString: domainTargetFromString,
  options: SpfOptions,
  probeInput: (target): SpfProbeInput => ({ domain: target.domain.toLowerCase().replace(/\.$/, '') }),
  judge,
};
