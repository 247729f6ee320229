import { z } from 'zod';
import type { HostTarget } from '../targets.js';
import type { Finding, Rule, RuleContext } from '../types.js';
import { fail, verdictFrom, warn } from '../verdict.js';
import type { CertInfo, HandshakeEvidence } from './evidence.js';
import { certRole, day, daysBetween, hostRuleParts, isTrustAnchor, TARGET_HELP } from './rule-kit.js';

export const CertExpiryOptions = z.strictObject({
  minDaysAfterGoLive: z.number().int().min(0).default(30).describe('Fail unless every certificate the server sends stays valid at least this many days after go-live.'),
  warnDaysAfterGoLive: z.number().int().min(0).default(45).describe('Warn when it stays valid fewer days than this after go-live (no warning band when not above minDaysAfterGoLive).'),
});
export type CertExpiryOptions = z.infer<typeof CertExpiryOptions>;

const RENEW_HINT = 'renew before go-live, or confirm that automatic renewal (ACME/certbot, the CDN or load balancer) is set up, monitored and reloads the server';

interface Dated {
  cert: CertInfo;
  index: number;
}

/** The leaf and intermediates (trust anchors are the client's business), earliest expiry first. */
function sentCerts(e: HandshakeEvidence): Dated[] {
  return e.chain
    .map((cert, index) => ({ cert, index }))
    .filter(({ cert, index }) => !isTrustAnchor(cert, index))
    .sort((a, b) => a.cert.validTo.localeCompare(b.cert.validTo));
}

/** Go-live in the future: days after go-live. Go-live passed (hypercare): days from now. */
function reference(ctx: RuleContext): { at: Date; label: string } {
  return ctx.goLive > ctx.now ? { at: ctx.goLive, label: 'after go-live' } : { at: ctx.now, label: 'from now (go-live has passed)' };
}

function validityNow(list: Dated[], ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const early = list.find(({ cert }) => new Date(cert.validFrom) > ctx.now);
  if (early) out.push(fail('cert-not-yet-valid', `the ${certRole(early.cert, early.index)} is valid only from ${day(early.cert.validFrom)}`, 'deploy a certificate that is valid now, or check the server clock and the issuance date', early.cert.subject));
  const expired = list.find(({ cert }) => new Date(cert.validTo) <= ctx.now);
  if (expired) out.push(fail('cert-expired', `the ${certRole(expired.cert, expired.index)} expired on ${day(expired.cert.validTo)}`, RENEW_HINT, expired.cert.subject));
  return out;
}

export const certExpiryRule: Rule<HostTarget, CertExpiryOptions, HandshakeEvidence> = {
  meta: {
    id: 'tls/cert-expiry',
    probe: 'tls/handshake',
    title: 'Certificate valid long enough after go-live',
    failureTitle: 'Certificate expires too soon after go-live',
    description:
      'Reads the validity dates of the leaf certificate and the intermediates the server sends, and checks that they are valid now and stay valid ' +
      'at least `minDaysAfterGoLive` days after the go-live date. A certificate that expires in the first weeks after launch expires during hypercare, ' +
      'when the team is busy and renewal automation has not yet proven itself.',
    docs: 'docs/rules/tls/cert-expiry.md',
    targetHelp: TARGET_HELP,
    examples: [{ target: 'shop.example.com', with: { minDaysAfterGoLive: 30 } }],
  },
  ...hostRuleParts,
  options: CertExpiryOptions,
  judge(e, options, ctx) {
    const list = sentCerts(e);
    const first = list[0];
    if (!first) return verdictFrom(certExpiryRule.meta, [fail('no-certificate', 'the server sent no certificate', 'configure a certificate on the server')]);
    const now = validityNow(list, ctx);
    if (now.length > 0) return verdictFrom(certExpiryRule.meta, now);
    const ref = reference(ctx);
    const days = daysBetween(ref.at, new Date(first.cert.validTo));
    const what = `the ${certRole(first.cert, first.index)} expires on ${day(first.cert.validTo)}, ${days} days ${ref.label}`;
    const findings: Finding[] = [];
    if (days < options.minDaysAfterGoLive) findings.push(fail('expires-soon-after-go-live', `${what} (needs ${options.minDaysAfterGoLive})`, RENEW_HINT, first.cert.subject));
    else if (days < options.warnDaysAfterGoLive) findings.push(warn('expires-within-warning', `${what} (warning below ${options.warnDaysAfterGoLive})`, RENEW_HINT, first.cert.subject));
    return verdictFrom(certExpiryRule.meta, findings, what);
  },
};
