import { z } from 'zod';
import type { Finding, Rule, RuleMeta, Verdict } from '../types.js';
import { fail, info, verdictFrom } from '../verdict.js';
import type { DomainTarget } from '../targets.js';
import { answerFor, cnameOf, emptyReason, finalRecords, normName, ownRecords } from './evidence.js';
import type { LookupEvidence, LookupInput } from './lookup.probe.js';
import { domainTarget } from './rule-kit.js';

export const AcmeChallengeOptions = z.strictObject({
  cnameTarget: z
    .string()
    .min(1)
    .optional()
    .describe('Suffix of the validation zone the challenge is delegated to by CNAME, e.g. "acme.example.net" or "auth.acme-dns.io"; then a CNAME is required.'),
});
export type AcmeChallengeOptions = z.infer<typeof AcmeChallengeOptions>;

const meta: RuleMeta = {
  id: 'dns/acme-challenge',
  probe: 'dns/lookup',
  title: 'ACME DNS-01 challenge name is set up',
  failureTitle: 'ACME DNS-01 challenge name missing or conflicting',
  description:
    'Certificates validated with ACME DNS-01 (RFC 8555 §8.4) need _acme-challenge.<name>: either TXT records written by the ACME client, or a CNAME that delegates the challenge to a validation zone (a CDN\'s or acme-dns), so that issuance and every renewal work without API access to the main zone. A TXT left behind next to, or instead of, the delegating CNAME is a stale leftover that breaks the delegation. An absent name is the finding here, not an error.',
  docs: 'docs/rules/dns/acme-challenge.md',
  targetHelp: 'DNS name the certificate is for, e.g. shop.example.com (for *.example.com give example.com)',
  examples: [{ target: 'shop.example.com' }, { target: 'shop.example.com', with: { cnameTarget: 'acme.cdn.example.net' } }],
};

export const challengeName = (name: string) => `_acme-challenge.${normName(name).replace(/^\*\./, '')}`;

const inSuffix = (target: string, suffix: string) => {
  const t = normName(target);
  const s = normName(suffix);
  return t === s || t.endsWith(`.${s}`);
};

function delegated(name: string, alias: string, txtAnswerTxt: string[], wanted: string | undefined): Finding[] {
  if (wanted && !inSuffix(alias, wanted)) {
    return [fail('acme-cname-wrong-target', `${name} is a CNAME to ${alias}, outside ${wanted}`, `point ${name} at the validation zone under ${wanted} (your CDN or acme-dns shows the exact target)`, name)];
  }
  const findings = [info('acme-cname', `${name} delegates the challenge to ${alias}`, name)];
  findings.push(
    txtAnswerTxt.length > 0
      ? info('acme-validation-txt', `the validation zone holds TXT ${txtAnswerTxt.join(', ')}`, alias)
      : info('acme-validation-empty', `${alias} has no TXT now: normal between issuances`, alias),
  );
  return findings;
}

function judge(evidence: LookupEvidence, options: AcmeChallengeOptions): Verdict {
  const name = evidence.answers[0]?.name ?? '';
  const cname = answerFor(evidence.answers, name, 'CNAME');
  const txt = answerFor(evidence.answers, name, 'TXT');
  const alias = cnameOf([cname, txt], name);
  const ownTxt = ownRecords(txt, name, 'TXT');
  const wanted = options.cnameTarget;
  if (alias && ownTxt.length > 0) {
    return verdictFrom(meta, [fail('acme-cname-conflict', `${name} has both a CNAME (to ${alias.value}) and TXT records: a stale leftover beside the delegation`, `delete the TXT records at ${name}; the CNAME alone delegates the challenge (RFC 1034 allows no other data beside a CNAME)`, name)]);
  }
  if (alias) return verdictFrom(meta, delegated(name, alias.value, finalRecords(txt, 'TXT').map((r) => r.value), wanted), `delegated to ${alias.value}`);
  if (ownTxt.length > 0 && wanted) {
    return verdictFrom(meta, [fail('acme-txt-instead-of-cname', `${name} has TXT records but no CNAME to ${wanted}: a stale leftover where the delegation should be`, `delete the TXT records at ${name} and add a CNAME to the validation name under ${wanted}`, name)]);
  }
  if (ownTxt.length > 0) {
    return verdictFrom(meta, [info('acme-txt', `${name} has TXT ${ownTxt.map((r) => `${r.value} (TTL ${r.ttl} s)`).join(', ')}`, name)], `${ownTxt.length} TXT record(s)`);
  }
  const why = txt ? emptyReason(txt) : 'not asked';
  const hint = wanted ? `add ${name} as a CNAME to the validation name under ${wanted}` : `let the ACME client create TXT records at ${name}, or delegate it with a CNAME to a validation zone`;
  return verdictFrom(meta, [fail('acme-challenge-missing', `${name} has neither a CNAME nor TXT records (${why})`, hint, name)]);
}

export const rule: Rule<DomainTarget, AcmeChallengeOptions, LookupEvidence> = {
  meta,
  ...domainTarget,
  options: AcmeChallengeOptions,
  probeInput: (target): LookupInput => ({ names: [challengeName(target.domain)], types: ['CNAME', 'TXT'] }),
  judge,
};
