// Pure: the findings of email/spf, split from the rule file to keep both small.
import { fail, info, warn } from '../verdict.js';
import type { Finding } from '../types.js';
import type { SpfEvidence } from './spf.probe.js';
import type { SpfNode } from './spf-walk.js';
import { summariseSpf, type SpfSummary } from './spf-parse.js';
import { spfSyntaxErrors } from './spf-syntax.js';

export const MAX_LOOKUPS = 10;

/** Codes that mean receivers get `permerror` (RFC 7208 §2.6.7): they treat the policy as broken. */
export const SPF_PERMERROR_CODES = ['spf-multiple-records', 'spf-syntax', 'spf-too-many-lookups', 'spf-too-many-void-lookups', 'spf-loop', 'spf-include-missing', 'spf-permerror'] as const;

const HINTS: Record<(typeof SPF_PERMERROR_CODES)[number], string> = {
  'spf-multiple-records': 'merge them into one "v=spf1 ... -all" TXT record; with two, receivers return permerror',
  'spf-syntax': 'fix the record\'s syntax (check the term named in the message against RFC 7208 §5 and §6)',
  'spf-too-many-lookups': 'flatten includes you control, drop unused ones (and a, mx, ptr), or move senders to a subdomain: receivers stop after 10 lookups',
  'spf-too-many-void-lookups': 'remove include/a/mx/exists terms that point at names without records; more than 2 such lookups is a permerror',
  'spf-loop': 'remove the include or redirect that leads back to a record already on the path',
  'spf-include-missing': 'fix or remove the include/redirect: its target publishes no SPF record, which is a permerror',
  'spf-permerror': 'fix the record: receivers cannot evaluate it and treat it as broken',
};

/** mailauth's permerror texts, most specific first. */
const REASONS: [RegExp, (typeof SPF_PERMERROR_CODES)[number]][] = [
  [/too many dns requests/i, 'spf-too-many-lookups'],
  [/too many void/i, 'spf-too-many-void-lookups'],
  [/multiple spf records/i, 'spf-multiple-records'],
  [/no spf records/i, 'spf-include-missing'],
  [/unknown|invalid|unexpected|empty|bare|more than 1 redirect/i, 'spf-syntax'],
];

const permerror = (code: (typeof SPF_PERMERROR_CODES)[number], message: string, subject?: string) => fail(code, message, HINTS[code], subject);

const NODE_PROBLEMS: Partial<Record<NonNullable<SpfNode['problem']>, (n: SpfNode) => Finding>> = {
  loop: (n) => permerror('spf-loop', `${n.via} of ${n.domain} leads back to a record already on the path`, n.domain),
  nxdomain: (n) => permerror('spf-include-missing', `${n.via} target ${n.domain} does not exist`, n.domain),
  'no-record': (n) => permerror('spf-include-missing', `${n.via} target ${n.domain} has no SPF record`, n.domain),
  'multiple-records': (n) => permerror('spf-multiple-records', `${n.via} target ${n.domain} has ${n.records.length} SPF records`, n.domain),
  'invalid-name': (n) => permerror('spf-syntax', `${n.via} target "${n.domain}" is not a valid domain name`, n.domain),
  macro: (n) => info('spf-macro-not-followed', `${n.via} target ${n.domain} uses a macro; it depends on the sender and was not followed`, n.domain),
  'too-deep': (n) => warn('spf-too-deep', `includes nest deeper than this check follows at ${n.domain}`, 'flatten the include chain; every level costs lookups', n.domain),
};

/** Permanent errors: the walk's structural problems, the lookup count, and mailauth's evaluation. */
export function permerrorFindings(ev: SpfEvidence): Finding[] {
  const findings = ev.tree.slice(1).flatMap((n) => (n.problem ? NODE_PROBLEMS[n.problem]?.(n) ?? [] : []));
  for (const n of ev.tree) {
    const errors = n.problem === null && n.records[0] ? spfSyntaxErrors(n.records[0]) : [];
    const more = errors.length > 3 ? ` and ${errors.length - 3} more` : '';
    if (errors.length > 0) findings.push(permerror('spf-syntax', `record of ${n.domain}: ${errors.slice(0, 3).join('; ')}${more}`, n.domain));
  }
  if (ev.lookups.counted > MAX_LOOKUPS) {
    findings.push(permerror('spf-too-many-lookups', `${ev.lookups.counted} DNS-querying terms across the record and its includes (limit ${MAX_LOOKUPS})`));
  }
  if (ev.result === 'permerror') {
    const reason = ev.reason ?? 'no reason given';
    const code = REASONS.find(([re]) => re.test(reason))?.[1] ?? 'spf-permerror';
    // Say each cause once: a loop explains the lookup overflow, any specific cause the generic one.
    const known = new Set(findings.map((f) => f.code));
    const explained = known.has(code) || (code === 'spf-too-many-lookups' && known.has('spf-loop')) || (code === 'spf-permerror' && findings.some((f) => f.severity === 'fail'));
    const message = code === 'spf-too-many-void-lookups' ? `more than 2 lookups found no records (${reason})` : `evaluation ends in permerror: ${reason}`;
    if (!explained) findings.push(permerror(code, message, ev.domain));
  }
  return findings;
}

const summaries = (tree: SpfNode[]) => tree.map((n) => (n.problem === null && n.records[0] ? summariseSpf(n.records[0]) : null));

/**
 * The `all` that ends evaluation of the domain's own policy: the root's, or its redirect chain's;
 * null when there is none, `unknown` when the redirect chain could not be followed.
 */
export function effectiveAll(tree: SpfNode[]): SpfSummary['all'] | 'unknown' {
  const sums = summaries(tree);
  let index = 0;
  for (let hops = 0; hops < tree.length; hops++) {
    const s = sums[index];
    if (!s) return 'unknown';
    if (s.all || !s.redirect) return s.all;
    const next = tree.findIndex((n) => n.parent === index && n.via === 'redirect');
    if (next < 0) return 'unknown';
    index = next;
  }
  return 'unknown';
}

/** Risky but valid constructs anywhere in the tree: +all in an include, ptr, redirect beside all. */
export function treeFindings(ev: SpfEvidence): Finding[] {
  const sums = summaries(ev.tree);
  const findings: Finding[] = [];
  ev.tree.forEach((n, i) => {
    const s = sums[i];
    if (i > 0 && s?.all === '+' && n.via === 'include') findings.push(fail('spf-pass-all', `included record of ${n.domain} ends in "+all", so the include matches every sender`, `remove include:${n.domain} or get its owner to fix it: any server on the internet passes SPF through it`, n.domain));
    if (s?.ignoredRedirect) findings.push(warn('spf-redirect-ignored', `record of ${n.domain} has both "all" and redirect=${s.ignoredRedirect}; the redirect is ignored`, 'drop the redirect= modifier or the all mechanism, whichever you did not mean', n.domain));
  });
  const ptr = ev.tree.filter((_, i) => sums[i]?.usesPtr).map((n) => n.domain);
  if (ptr.length > 0) findings.push(warn('spf-ptr', `the "ptr" mechanism is used (${ptr.join(', ')})`, 'replace ptr with ip4/ip6 or a: RFC 7208 §5.5 says ptr SHOULD NOT be used: it is slow, unreliable and some receivers ignore it'));
  if (ev.truncated) findings.push(warn('spf-tree-truncated', `more than ${ev.tree.length} records are reached through includes; the rest was not checked`, 'flatten the includes; a tree this large will hit the 10-lookup limit'));
  return findings;
}
