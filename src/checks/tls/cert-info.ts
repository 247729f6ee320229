import { X509Certificate } from 'node:crypto';
import { rootCertificates, type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import type { NetOptions } from '../types.js';
import { signatureAlgorithmOf } from './der.js';
import type { CertInfo, TrustSource } from './evidence.js';

/** Evidence stays compact: a certificate with 1000 SANs (badssl's 1000-sans) keeps the first 500. */
export const MAX_SANS = 500;
const MAX_CHAIN = 10;

/**
 * The peer's chain, leaf first. Node builds it from the certificates the server sent, ordered by
 * issuer, and appends the issuer it found in the trust store (so a trusted root shows up here even
 * though servers rarely send it). Unrelated extra certificates the server sent are not included.
 */
export function peerChain(socket: TLSSocket): X509Certificate[] {
  const chain: X509Certificate[] = [];
  let cert: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true);
  const seen = new Set<string>();
  while (cert?.raw && chain.length < MAX_CHAIN && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(new X509Certificate(cert.raw));
    cert = cert.issuerCertificate;
  }
  return chain;
}

const pemBodies = (pem: string): string[] =>
  [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => (m[1] ?? '').replace(/\s+/g, ''));

/** The trust store as base64 DER bodies, by where it comes from. */
export interface TrustStore {
  system: ReadonlySet<string>;
  extra: ReadonlySet<string>;
}

let nodeRoots: Set<string> | undefined;

/** Node's roots (computed once: they never change) and the --ca-file certificates. */
export function trustStore(net: NetOptions): TrustStore {
  nodeRoots ??= new Set(rootCertificates.flatMap(pemBodies));
  return { system: nodeRoots, extra: new Set(net.ca.flatMap(pemBodies)) };
}

/** Where the exact certificate is trusted from, if at all. */
export function trustSource(x: X509Certificate, store: TrustStore): TrustSource | null {
  const der = x.raw.toString('base64');
  return store.system.has(der) ? 'system' : store.extra.has(der) ? 'ca-file' : null;
}

/** How many certificates --ca-file added. */
export function extraCaCount(net: NetOptions): number {
  return net.ca.reduce((n, pem) => n + pemBodies(pem).length, 0);
}

const CURVE_BITS: Record<string, number> = { prime256v1: 256, secp384r1: 384, secp521r1: 521, secp256k1: 256, 'P-256': 256, 'P-384': 384, 'P-521': 521 };
const EDDSA_BITS: Record<string, number> = { ed25519: 256, ed448: 456 };

function keyOf(x: X509Certificate): CertInfo['key'] {
  try {
    const key = x.publicKey;
    const type = key.asymmetricKeyType ?? 'unknown';
    const d = key.asymmetricKeyDetails ?? {};
    if (d.namedCurve) return { type, bits: CURVE_BITS[d.namedCurve] ?? (Number(/\d{3}/.exec(d.namedCurve)?.[0]) || null), curve: d.namedCurve };
    return { type, bits: d.modulusLength ?? EDDSA_BITS[type] ?? null };
  } catch {
    // OpenSSL cannot load some key types (e.g. GOST): report rather than fail the probe.
    return { type: 'unknown', bits: null };
  }
}

/** Node's subjectAltName: "DNS:a, DNS:b, IP Address:127.0.0.1"; values with commas or quotes come JSON-quoted. */
export function parseSans(text: string | undefined): { dns: string[]; ip: string[] } {
  const dns: string[] = [];
  const ip: string[] = [];
  for (const m of (text ?? '').matchAll(/(?:^|, )([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)/g)) {
    const raw = m[2] ?? '';
    const value = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    if (m[1] === 'DNS') dns.push(value.toLowerCase());
    else if (m[1] === 'IP Address') ip.push(value);
  }
  return { dns, ip };
}

/** Issued by itself and signed by its own key. (checkIssued() would also demand keyCertSign, which a self-signed leaf lacks.) */
function selfSigned(x: X509Certificate): boolean {
  try {
    return x.subject === x.issuer && x.verify(x.publicKey);
  } catch {
    return false;
  }
}

function signatureOf(x: X509Certificate): CertInfo['signature'] {
  try {
    return signatureAlgorithmOf(x.raw);
  } catch {
    return { algorithm: 'unreadable', hash: 'unknown' };
  }
}

const iso = (text: string): string => {
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? text : d.toISOString();
};

/** One certificate as evidence. */
export function describeCertificate(x: X509Certificate, store: TrustStore): CertInfo {
  const sans = parseSans(x.subjectAltName);
  return {
    subject: x.subject.split('\n').join(', '),
    issuer: x.issuer.split('\n').join(', '),
    dnsNames: sans.dns.slice(0, MAX_SANS),
    ipAddresses: sans.ip.slice(0, MAX_SANS),
    sanCount: sans.dns.length + sans.ip.length,
    validFrom: iso(x.validFrom),
    validTo: iso(x.validTo),
    serialNumber: x.serialNumber,
    fingerprint256: x.fingerprint256,
    key: keyOf(x),
    signature: signatureOf(x),
    selfSigned: selfSigned(x),
    ca: x.ca,
    inTrustStore: trustSource(x, store) !== null,
  };
}
