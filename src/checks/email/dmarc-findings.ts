// Pure: the record and reporting findings of email/dmarc (the policy ones live in the rule).
import type { Finding } from '../types.js';
import { fail, warn } from '../verdict.js';
import type { DmarcEvidence } from './dmarc.probe.js';

type TagCheck = { tag: string; valid: RegExp; required?: boolean; code: string; hint: string };

/** RFC 7489 §6.3: the tags whose values are checked, with what they must look like. */
const TAGS: TagCheck[] = [
  { tag: 'p', valid: /^(none|quarantine|reject)$/i, required: true, code: 'dmarc-invalid-policy', hint: 'set p= to none, quarantine or reject' },
  { tag: 'sp', valid: /^(none|quarantine|reject)$/i, code: 'dmarc-invalid-policy', hint: 'set sp= to none, quarantine or reject, or remove it' },
  { tag: 'pct', valid: /^(100|[1-9]?\d)$/, code: 'dmarc-invalid-tag', hint: 'pct= is a whole number from 0 to 100' },
  { tag: 'adkim', valid: /^[rs]$/i, code: 'dmarc-invalid-tag', hint: 'adkim= is r (relaxed) or s (strict)' },
  { tag: 'aspf', valid: /^[rs]$/i, code: 'dmarc-invalid-tag', hint: 'aspf= is r (relaxed) or s (strict)' },
];

/** Syntax: required and well-formed tags, no repeated tags. */
export function recordFindings(ev: DmarcEvidence): Finding[] {
  const policy = ev.policy!;
  const findings = TAGS.flatMap((t): Finding[] => {
    const value = policy.tags[t.tag];
    if (value === undefined) return t.required ? [fail('dmarc-no-policy', `the record at ${policy.name} has no ${t.tag}= tag`, 'add p=none, p=quarantine or p=reject right after v=DMARC1', policy.name)] : [];
    return t.valid.test(value) ? [] : [fail(t.code, `${t.tag}=${value} is not valid`, t.hint, policy.name)];
  });
  if (policy.duplicateTags.length > 0) findings.push(fail('dmarc-invalid-tag', `tag ${policy.duplicateTags.join(', ')} appears more than once`, 'give each tag once', policy.name));
  return findings;
}

/** Aggregate reports requested, and external destinations authorised (RFC 7489 §7.1). */
export function reportFindings(ev: DmarcEvidence, o: { requireRua: boolean; requireReportAuthorisation: boolean }): Finding[] {
  const policy = ev.policy!;
  const findings: Finding[] = [];
  if (!policy.tags.rua) {
    const message = 'no rua= tag: nobody receives aggregate reports, so failures go unnoticed';
    const hint = `add rua=mailto:dmarc-reports@${ev.orgDomain} (or your DMARC service's address)`;
    findings.push(o.requireRua ? fail('dmarc-no-rua', message, hint, policy.name) : warn('dmarc-no-rua', message, hint, policy.name));
  }
  for (const d of ev.destinations) {
    if (/^mailto:/i.test(d.uri) && d.domain === null) findings.push(warn('dmarc-invalid-report-uri', `${d.tag}=${d.uri} is not a valid mailto: address`, 'use mailto:name@domain', policy.name));
    if (!d.authorisation || d.authorisation.records.length > 0) continue;
    const message = `${d.tag} address ${d.uri} is in another organisation and ${d.authorisation.name} has no v=DMARC1 record, so receivers will not send reports there`;
    const hint = `ask the operator of ${d.domain} to publish "v=DMARC1" at ${d.authorisation.name} (DMARC services do this for customers they know)`;
    findings.push(o.requireReportAuthorisation ? fail('dmarc-report-unauthorised', message, hint, d.authorisation.name) : warn('dmarc-report-unauthorised', message, hint, d.authorisation.name));
  }
  return findings;
}
