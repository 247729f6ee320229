import { z } from 'zod';
import { DomainTarget, domainTargetFromString } from '../targets.js';
import type { Finding, Rule, RuleMeta, Verdict } from '../types.js';
import { fail, verdictFrom, warn } from '../verdict.js';
import type { DkimEvidence, DkimProbeInput, DkimSelectorEvidence } from './dkim.probe.js';
import { Selector } from './schemas.js';

export const DkimOptions = z.strictObject({
  selectors: z.array(Selector).min(1).max(20).describe('DKIM selectors to check, e.g. ["google"] or ["s1", "s2"]; selectors cannot be discovered from DNS, so list every one your senders sign with.'),
  minRsaBits: z.number().int().min(512).default(2048).describe('RSA keys shorter than this warn (2048 is the current recommendation).'),
  failRsaBits: z.number().int().min(512).default(1024).describe('RSA keys shorter than this fail (RFC 8301: verifiers must reject keys under 1024 bits).'),
  cnameSuffix: z
    .string()
    .regex(/^[a-z0-9_.-]+$/i)
    .optional()
    .describe('When the provider hosts the keys: each selector must be a CNAME to a name ending in this suffix, e.g. "dkim.amazonses.com" or "sendgrid.net".'),
});
export type DkimOptions = z.infer<typeof DkimOptions>;

const meta: RuleMeta = {
  id: 'email/dkim',
  probe: 'email/dkim',
  title: 'DKIM keys published for every selector',
  failureTitle: 'DKIM key missing, revoked or too weak',
  description:
    'For each selector your senders sign with, looks up `<selector>._domainkey.<domain>` (following a CNAME to the provider if there is one), parses the public key and checks its type and size. It fails when a key is missing, revoked (empty p=), published twice, unparsable or an RSA key under 1024 bits, and when a CNAME points somewhere other than the expected provider. It warns on RSA keys under 2048 bits, keys in test mode (t=y) and, with cnameSuffix, keys published directly instead of delegated. Without a valid key every signed message fails DKIM, and DMARC then rests on SPF alone.',
  docs: 'docs/rules/email/dkim.md',
  targetHelp: 'domain (the d= signing domain)',
  examples: [{ target: 'example.com', with: { selectors: ['google'] } }, { target: 'example.com', with: { selectors: ['s1', 's2'], cnameSuffix: 'sendgrid.net' } }],
};

type Check = (s: DkimSelectorEvidence, o: DkimOptions) => Finding | null;

const matchesSuffix = (name: string, suffix: string) => {
  const s = suffix.toLowerCase().replace(/^\.|\.$/g, '');
  return name === s || name.endsWith(`.${s}`);
};

/** In order; the first failing check of a selector ends its checks (a missing key has no size). */
const CHECKS: Check[] = [
  (s) => (s.records.length > 0 ? null : fail('dkim-missing', s.cnames.length > 0 ? `${s.name} is a CNAME to ${s.cnames.at(-1)}, which has no DKIM key` : `no DKIM key at ${s.name}`, `publish the key your provider gives you for selector "${s.selector}" (a TXT record, or the CNAME they ask for)`, s.name)),
  (s) => (s.records.length > 1 ? fail('dkim-multiple-records', `${s.records.length} DKIM key records at ${s.name}`, 'keep one key record per selector; verifiers pick one at random', s.name) : null),
  (s) => (s.tags?.v !== undefined && s.tags.v !== 'DKIM1' ? fail('dkim-invalid-record', `v=${s.tags.v} at ${s.name} (expected DKIM1)`, 'start the record with v=DKIM1 or leave v= out', s.name) : null),
  (s) => (s.duplicateTags.length > 0 ? fail('dkim-invalid-record', `tag ${s.duplicateTags.join(', ')} appears twice at ${s.name}`, 'give each tag once (RFC 6376 §3.2)', s.name) : null),
  (s) => (s.revoked ? fail('dkim-revoked', `the key at ${s.name} is revoked (empty p=)`, 'publish the current public key for this selector, or stop signing with it', s.name) : null),
  (s) => (s.keyError ? fail('dkim-invalid-key', `${s.name}: ${s.keyError}`, 'copy the public key again from your provider; it may be truncated or split wrongly across TXT strings', s.name) : null),
  (s) => {
    const declared = (s.tags?.k ?? 'rsa').toLowerCase();
    return s.key && s.key.type !== declared ? fail('dkim-invalid-key', `${s.name} declares k=${declared} but holds a ${s.key.type} key`, 'make k= match the key type', s.name) : null;
  },
  (s, o) => (s.key?.type === 'rsa' && s.key.bits < o.failRsaBits ? fail('dkim-key-too-short', `${s.name} holds a ${s.key.bits}-bit RSA key (minimum ${o.failRsaBits})`, 'generate a 2048-bit key, publish it under a new selector and switch signing to it', s.name) : null),
];

/** Findings that do not stop the other checks. */
const ADVICE: Check[] = [
  (s, o) => (s.key?.type === 'rsa' && s.key.bits >= o.failRsaBits && s.key.bits < o.minRsaBits ? warn('dkim-key-short', `${s.name} holds a ${s.key.bits}-bit RSA key (recommended ${o.minRsaBits})`, 'rotate to a 2048-bit key under a new selector', s.name) : null),
  (s) => ((s.tags?.t ?? '').split(':').includes('y') ? warn('dkim-testing', `${s.name} is in test mode (t=y): verifiers may ignore failures`, 'remove t=y once signing works', s.name) : null),
  (s) => (s.tags?.h !== undefined && !s.tags.h.split(':').includes('sha256') ? warn('dkim-sha1-only', `${s.name} allows only h=${s.tags.h}`, 'allow sha256 (remove h= or set h=sha256); RFC 8301 forbids rsa-sha1 signing', s.name) : null),
  (s, o) => (o.cnameSuffix && s.cnames.length === 0 ? warn('dkim-not-delegated', `${s.name} is published directly, not as a CNAME to ${o.cnameSuffix}`, `publish the CNAME your provider gives you so it can rotate the key`, s.name) : null),
];

function cnameFinding(s: DkimSelectorEvidence, o: DkimOptions): Finding | null {
  if (!o.cnameSuffix || s.cnames.length === 0 || s.cnames.some((c) => matchesSuffix(c, o.cnameSuffix!))) return null;
  return fail('dkim-cname-mismatch', `${s.name} points to ${s.cnames.join(' → ')}, not to ${o.cnameSuffix}`, `point the CNAME at the name your provider gives you under ${o.cnameSuffix}`, s.name);
}

function selectorFindings(s: DkimSelectorEvidence, o: DkimOptions): Finding[] {
  const cname = cnameFinding(s, o);
  const first = CHECKS.map((c) => c(s, o)).find((f) => f !== null);
  if (first) return [cname, first].filter((f): f is Finding => f !== null);
  return [cname, ...ADVICE.map((c) => c(s, o))].filter((f): f is Finding => f !== null);
}

function judge(ev: DkimEvidence, options: DkimOptions): Verdict {
  const findings = ev.selectors.flatMap((s) => selectorFindings(s, options));
  const keys = ev.selectors.map((s) => `${s.selector} (${s.key ? `${s.key.type.toUpperCase()} ${s.key.bits}` : 'no key'}${s.cnames.length > 0 ? ` via ${s.cnames.at(-1)}` : ''})`);
  return verdictFrom(meta, findings, keys.join(', '));
}

export const dkimRule: Rule<DomainTarget, DkimOptions, DkimEvidence> = {
  meta,
  target: DomainTarget,
  targetFromString: domainTargetFromString,
  options: DkimOptions,
  probeInput: (target, options): DkimProbeInput => ({
    domain: target.domain.toLowerCase().replace(/\.$/, ''),
    selectors: [...new Set(options.selectors.map((s) => s.toLowerCase()))].sort(),
  }),
  judge,
};
