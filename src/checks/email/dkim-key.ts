// Reading DKIM key records (RFC 6376 §3.6.1, RFC 8463): which TXT records are keys, and the public key itself.
import { createPublicKey } from 'node:crypto';

/** Whether a TXT record is meant as a DKIM key: it starts with v=DKIM1 or carries a p= tag. */
export const isDkimRecord = (text: string) => /^\s*v\s*=\s*DKIM1\b/i.test(text) || /(^|;)\s*p\s*=/i.test(text);

// SubjectPublicKeyInfo header for an Ed25519 key (RFC 8410): RFC 8463 publishes the bare 32 bytes.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export type KeyFacts = { type: string; bits: number } | { error: string };

/** The key's algorithm and size, parsed with node:crypto (so a truncated or garbled key is caught). */
export function publicKeyFacts(p: string, k: string | undefined): KeyFacts {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(p)) return { error: 'p= is not base64' };
  let der = Buffer.from(p, 'base64');
  if ((k ?? 'rsa').toLowerCase() === 'ed25519' && der.length === 32) der = Buffer.concat([ED25519_SPKI_PREFIX, der]);
  try {
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    const type = key.asymmetricKeyType ?? 'unknown';
    const bits = key.asymmetricKeyDetails?.modulusLength ?? (type === 'ed25519' ? 256 : 0);
    return { type, bits };
  } catch (err) {
    return { error: `the public key does not parse: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** A record fit for evidence: the (long, public, uninteresting) key shortened. */
export function shortenKey(text: string): string {
  return text.replace(/(p\s*=\s*)([A-Za-z0-9+/=\s]{24,})/i, (_, tag: string, key: string) => `${tag}${key.replace(/\s+/g, '').slice(0, 16)}…(${key.replace(/\s+/g, '').length} chars)`);
}
