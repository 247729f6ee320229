import { z } from 'zod';
import type { HostTarget } from '../targets.js';
import type { Finding, Rule } from '../types.js';
import { fail, verdictFrom, warn } from '../verdict.js';
import type { CertInfo, HandshakeEvidence } from './evidence.js';
import { certRole, hostRuleParts, TARGET_HELP } from './rule-kit.js';

export const SignatureAlgorithmOptions = z.strictObject({});
export type SignatureAlgorithmOptions = z.infer<typeof SignatureAlgorithmOptions>;

/** Digests with practical collision attacks: a certificate signed with them can be forged. */
const BROKEN: Record<string, string> = { sha1: 'SHA-1', md5: 'MD5', md4: 'MD4', md2: 'MD2' };

const REISSUE = 'have the CA reissue the certificate signed with SHA-256 (any current public CA does by default); browsers reject SHA-1 and MD5 signatures';

function judgeSignature(cert: CertInfo, index: number): Finding | undefined {
  const who = certRole(cert, index);
  const broken = BROKEN[cert.signature.hash];
  if (broken) return fail(`${cert.signature.hash}-signature`, `the ${who} is signed with ${broken} (${cert.signature.algorithm})`, REISSUE, cert.subject);
  if (cert.signature.hash === 'unknown') return warn('unknown-signature-algorithm', `the ${who} is signed with an algorithm this check does not know (${cert.signature.algorithm})`, 'check it with `openssl x509 -noout -text`: it should be sha256WithRSAEncryption, ecdsa-with-SHA256 or stronger', cert.subject);
  return undefined;
}

/** The leaf and the intermediates; a root's self-signature is never checked by clients. */
const signedByIssuer = (cert: CertInfo, index: number): boolean => index === 0 || !cert.selfSigned;

export const signatureAlgorithmRule: Rule<HostTarget, SignatureAlgorithmOptions, HandshakeEvidence> = {
  meta: {
    id: 'tls/signature-algorithm',
    probe: 'tls/handshake',
    title: 'Certificates signed with a strong digest',
    failureTitle: 'Certificate signed with a weak digest',
    description:
      'Reads the signature algorithm of the leaf certificate and of every intermediate: none may be signed with SHA-1 or MD5. ' +
      'The root\'s self-signature does not matter, because clients trust the root itself. Browsers have rejected SHA-1 certificates since 2017, ' +
      'so a certificate from an old internal CA or a forgotten appliance fails for every visitor.',
    docs: 'docs/rules/tls/signature-algorithm.md',
    targetHelp: TARGET_HELP,
    examples: [{ target: 'shop.example.com' }],
  },
  ...hostRuleParts,
  options: SignatureAlgorithmOptions,
  judge(e) {
    const findings = e.chain.flatMap((cert, i) => (signedByIssuer(cert, i) ? (judgeSignature(cert, i) ?? []) : []));
    const leaf = e.chain[0];
    return verdictFrom(signatureAlgorithmRule.meta, findings, leaf ? `leaf ${leaf.signature.algorithm}` : undefined);
  },
};
