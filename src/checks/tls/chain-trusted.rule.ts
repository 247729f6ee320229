import { z } from 'zod';
import type { Finding, Rule, RuleContext } from '../types.js';
import { fail, info, verdictFrom } from '../verdict.js';
import type { HandshakeEvidence } from './evidence.js';
import { certName, certRole, day, hostRuleParts, TARGET_HELP } from './rule-kit.js';
import type { HostTarget } from '../targets.js';

export const ChainTrustedOptions = z.strictObject({});
export type ChainTrustedOptions = z.infer<typeof ChainTrustedOptions>;

type Explain = (e: HandshakeEvidence, ctx: RuleContext) => Finding;

const PUBLIC_CA_HINT = 'use a certificate from a publicly trusted CA (e.g. Let\'s Encrypt via ACME); for an internal service, pass its CA with --ca-file';

function firstCert(e: HandshakeEvidence, test: (validFrom: Date, validTo: Date) => boolean): string {
  const i = e.chain.findIndex((c) => test(new Date(c.validFrom), new Date(c.validTo)));
  const c = e.chain[i];
  return c ? `the ${certRole(c, i)} (valid ${day(c.validFrom)} to ${day(c.validTo)})` : 'a certificate in the chain';
}

/** When the user passed --ca-file and it did not help, say so. */
const caFileNote = (e: HandshakeEvidence): string => (e.extraTrustedCas > 0 ? ` (the ${e.extraTrustedCas} certificate(s) given with --ca-file do not include it)` : '');

const root = (e: HandshakeEvidence): string => (e.chain.at(-1) ? certName(e.chain.at(-1)!) : 'unknown');
const issuerOfTop = (e: HandshakeEvidence): string => (e.chain.at(-1)?.issuer ?? 'unknown').replace(/^CN=/, '');

const incomplete: Explain = (e) =>
  fail('incomplete-chain', `the server does not send its intermediate certificate "${issuerOfTop(e)}"`,
    'configure the full chain: the leaf followed by every intermediate (e.g. fullchain.pem for nginx ssl_certificate); browsers may cope by fetching it, API clients and older devices do not');

/** Node's verification codes (OpenSSL's X509_V_ERR_* names) -> a finding people can act on. */
const BY_CODE: Record<string, Explain> = {
  CERT_HAS_EXPIRED: (e, ctx) => fail('cert-expired', `${firstCert(e, (_f, to) => to < ctx.now)} has expired`, 'renew the certificate and deploy it with its current intermediate; check that automatic renewal (ACME) runs and reloads the server'),
  CERT_NOT_YET_VALID: (e, ctx) => fail('cert-not-yet-valid', `${firstCert(e, (from) => from > ctx.now)} is not valid yet`, 'the certificate was issued with a future start date, or the server\'s clock is wrong: check NTP and reissue'),
  DEPTH_ZERO_SELF_SIGNED_CERT: () => fail('self-signed', 'the server presents a self-signed certificate', PUBLIC_CA_HINT),
  SELF_SIGNED_CERT_IN_CHAIN: (e) => fail('untrusted-root', `the chain ends in a root that is not trusted: "${root(e)}"`, PUBLIC_CA_HINT),
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: (e) => fail('unknown-issuer', `the issuer "${issuerOfTop(e)}" is neither trusted nor sent by the server`, `send the intermediate that links to a public root, or, for a private CA, pass its root with --ca-file${caFileNote(e)}`),
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: incomplete,
  UNABLE_TO_GET_ISSUER_CERT: incomplete,
  CERT_SIGNATURE_FAILURE: () => fail('bad-signature', 'a certificate\'s signature does not verify', 'the server sends a certificate with the wrong intermediate or a corrupted file: redeploy the chain the CA issued'),
  CERT_REVOKED: () => fail('revoked', 'a certificate in the chain is revoked', 'replace the certificate now: clients that check revocation refuse it'),
  INVALID_CA: () => fail('invalid-ca', 'a certificate in the chain is used as a CA but is not one', 'the chain contains a leaf in the place of an intermediate: deploy the chain the CA issued'),
  INVALID_PURPOSE: () => fail('invalid-purpose', 'the certificate is not for TLS servers (extendedKeyUsage)', 'reissue the certificate with extendedKeyUsage serverAuth'),
};

const weakSignature: Explain = () => fail('weak-signature', 'the chain is signed with a digest clients refuse (e.g. SHA-1 or MD5): "CA signature digest algorithm too weak"', 'reissue the certificate with SHA-256; tls/signature-algorithm names the certificate');
const weakKey: Explain = (e) => fail('weak-key', `a key in the chain is too small for clients: "${e.authorizationError?.message ?? ''}"`, 'reissue with an RSA key of at least 2048 bits or an EC P-256 key; tls/key-strength names the certificate');

/** Node reports some OpenSSL errors only as UNSPECIFIED with a message. */
const BY_MESSAGE: [RegExp, Explain][] = [
  [/digest algorithm too weak/i, weakSignature],
  [/key too (?:weak|small)/i, weakKey],
];

function explain(e: HandshakeEvidence, ctx: RuleContext): Finding {
  const err = e.authorizationError ?? { code: 'UNKNOWN', message: 'not authorized' };
  const byMessage = BY_MESSAGE.find(([re]) => re.test(err.message))?.[1];
  const explainer = BY_CODE[err.code] ?? byMessage;
  if (explainer) return explainer(e, ctx);
  return fail('untrusted', `the chain does not verify: ${err.code} ${err.message}`, 'deploy the certificate with the full chain the CA issued; compare with `openssl s_client -connect host:443 -servername host -showcerts`');
}

function notes(e: HandshakeEvidence): Finding[] {
  const out: Finding[] = [];
  if (e.authorized && e.trustAnchorSource === 'ca-file') out.push(info('trusted-by-ca-file', `trusted only through --ca-file ("${root(e)}"): clients without that CA will not trust this chain`));
  if (e.legacyHandshake) out.push(info('legacy-handshake', 'only a legacy client (TLS 1.0, OpenSSL security level 0) could connect, so weak signatures and keys were not held against the chain here'));
  return out;
}

export const chainTrustedRule: Rule<HostTarget, ChainTrustedOptions, HandshakeEvidence> = {
  meta: {
    id: 'tls/chain-trusted',
    probe: 'tls/handshake',
    title: 'Certificate chain trusted',
    failureTitle: 'Certificate chain not trusted',
    description:
      'Connects like a client and verifies the certificate chain the server sends against the system\'s trusted roots (plus any --ca-file): ' +
      'expired or not-yet-valid certificates, self-signed certificates, untrusted roots, a missing intermediate and weak signatures each get their own finding. ' +
      'An untrusted chain on launch day means browser warnings and failing API clients, webhooks and payment callbacks; a missing intermediate is the classic case that works in one browser and fails everywhere else.',
    docs: 'docs/rules/tls/chain-trusted.md',
    targetHelp: TARGET_HELP,
    examples: [{ target: 'shop.example.com' }, { target: 'api.example.com:8443' }],
  },
  ...hostRuleParts,
  options: ChainTrustedOptions,
  judge(e, _options, ctx) {
    if (e.authorized) {
      const detail = `chain of ${e.chain.length} to "${root(e)}"`;
      return verdictFrom(chainTrustedRule.meta, notes(e), detail);
    }
    return verdictFrom(chainTrustedRule.meta, [explain(e, ctx), ...notes(e)]);
  },
};
