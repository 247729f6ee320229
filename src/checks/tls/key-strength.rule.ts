import { z } from 'zod';
import type { HostTarget } from '../targets.js';
import type { Finding, Rule } from '../types.js';
import { fail, verdictFrom, warn } from '../verdict.js';
import type { CertInfo, HandshakeEvidence } from './evidence.js';
import { certRole, hostRuleParts, isTrustAnchor, TARGET_HELP } from './rule-kit.js';

export const KeyStrengthOptions = z.strictObject({
  minRsaBits: z.number().int().min(512).default(2048).describe('Smallest acceptable RSA modulus in bits (CA/Browser Forum minimum: 2048).'),
  minEcBits: z.number().int().min(160).default(256).describe('Smallest acceptable elliptic-curve size in bits (P-256 = 256).'),
});
export type KeyStrengthOptions = z.infer<typeof KeyStrengthOptions>;

const REISSUE = 'generate a new key (RSA 2048+ or EC P-256) and have the certificate reissued for it; keys this small can be factored or are refused by clients';

interface KeyPolicy {
  label: string;
  /** The minimum size for this key type, or null when any size is fine. */
  min: (o: KeyStrengthOptions) => number | null;
  code: string;
}

/** Per key type (Node's asymmetricKeyType). DSA is absent: no size makes it acceptable for TLS any more. */
const POLICIES: Record<string, KeyPolicy> = {
  rsa: { label: 'RSA', min: (o) => o.minRsaBits, code: 'weak-rsa-key' },
  'rsa-pss': { label: 'RSA-PSS', min: (o) => o.minRsaBits, code: 'weak-rsa-key' },
  ec: { label: 'EC', min: (o) => o.minEcBits, code: 'weak-ec-key' },
  ed25519: { label: 'Ed25519', min: () => null, code: 'weak-key' },
  ed448: { label: 'Ed448', min: () => null, code: 'weak-key' },
};

function describeKey(cert: CertInfo): string {
  const label = POLICIES[cert.key.type]?.label ?? cert.key.type.toUpperCase();
  return `${label}${cert.key.bits ? ` ${cert.key.bits}` : ''}${cert.key.curve ? ` (${cert.key.curve})` : ''}`;
}

function judgeKey(cert: CertInfo, index: number, o: KeyStrengthOptions): Finding | undefined {
  const who = certRole(cert, index);
  if (cert.key.type === 'dsa') return fail('dsa-key', `the ${who} has a DSA key`, REISSUE, cert.subject);
  const policy = POLICIES[cert.key.type];
  if (!policy) return warn('unknown-key-type', `the ${who} has a key of an unknown type (${cert.key.type})`, 'check the key with `openssl x509 -noout -text`; browsers accept RSA, ECDSA P-256/P-384 and (some) Ed25519', cert.subject);
  const min = policy.min(o);
  if (min === null) return undefined;
  if (cert.key.bits === null) return warn('unknown-key-size', `the size of the ${who}'s ${policy.label} key is unknown`, 'check the key with `openssl x509 -noout -text`', cert.subject);
  if (cert.key.bits < min) return fail(policy.code, `the ${who} has a ${cert.key.bits}-bit ${policy.label} key (minimum ${min})`, REISSUE, cert.subject);
  return undefined;
}

export const keyStrengthRule: Rule<HostTarget, KeyStrengthOptions, HandshakeEvidence> = {
  meta: {
    id: 'tls/key-strength',
    probe: 'tls/handshake',
    title: 'Certificate keys strong enough',
    failureTitle: 'Certificate key too weak',
    description:
      'Checks the public key of the leaf certificate and of every intermediate the server sends: RSA keys of at least `minRsaBits` (2048) bits, ' +
      'elliptic-curve keys of at least `minEcBits` (256) bits, no DSA. Node, like many clients, still completes a handshake with a 1024-bit RSA key, ' +
      'so nothing else notices; browsers and public CAs refuse such keys, and a weak key found after launch means an emergency reissue.',
    docs: 'docs/rules/tls/key-strength.md',
    targetHelp: TARGET_HELP,
    examples: [{ target: 'shop.example.com' }, { target: 'legacy.example.com', with: { minRsaBits: 3072 } }],
  },
  ...hostRuleParts,
  options: KeyStrengthOptions,
  judge(e, options) {
    const findings = e.chain.flatMap((cert, i) => (isTrustAnchor(cert, i) ? [] : (judgeKey(cert, i, options) ?? [])));
    const leaf = e.chain[0];
    return verdictFrom(keyStrengthRule.meta, findings, leaf ? `leaf key ${describeKey(leaf)}` : undefined);
  },
};
