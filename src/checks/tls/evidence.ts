/**
 * The evidence of the tls probes: plain JSON (ISO dates, no Buffers), shared by the probes that
 * gather it and the rules that judge it. Types only, so rules can import it and stay pure.
 */

/** One certificate as the server presented it (or as the trust store completed the chain). */
export interface CertInfo {
  /** Distinguished name, one line: "CN=good.test, O=Example". */
  subject: string;
  issuer: string;
  /** subjectAltName DNS entries, lower case, at most MAX_SANS. */
  dnsNames: string[];
  /** subjectAltName IP entries. */
  ipAddresses: string[];
  /** How many SAN entries of these two kinds the certificate has (more than listed when truncated). */
  sanCount: number;
  validFrom: string;
  validTo: string;
  serialNumber: string;
  /** SHA-256 fingerprint, "AB:CD:...". */
  fingerprint256: string;
  key: {
    /** Node's asymmetricKeyType: 'rsa', 'rsa-pss', 'ec', 'ed25519', 'ed448', 'dsa', ... */
    type: string;
    /** RSA/DSA modulus length; EC curve size; null when unknown. */
    bits: number | null;
    /** EC named curve, e.g. 'prime256v1'. */
    curve?: string;
  };
  signature: {
    /** e.g. 'sha256WithRSAEncryption', 'ecdsa-with-SHA256', or the OID when unknown. */
    algorithm: string;
    /** Digest of the issuer's signature: 'sha256', 'sha1', 'md5', ...; 'intrinsic' for EdDSA; 'unknown'. */
    hash: string;
  };
  /** Issued by its own key (a root, or a self-signed leaf). */
  selfSigned: boolean;
  /** basicConstraints CA:TRUE. */
  ca: boolean;
  /** The exact certificate is one the client trusts (Node's roots or --ca-file). */
  inTrustStore: boolean;
}

/** What the server does, and what the client thinks of it, in one TLS handshake. */
export interface HandshakeEvidence {
  host: string;
  port: number;
  /** SNI sent (null for an IP target). */
  servername: string | null;
  /** The address connected to (after --resolve / --resolver). */
  address: string;
  /** Negotiated protocol, e.g. 'TLSv1.3'. */
  protocol: string | null;
  /** Negotiated cipher (OpenSSL name). */
  cipher: string | null;
  /** Only a legacy client (TLS 1.0+, OpenSSL security level 0) could complete the handshake. */
  legacyHandshake: boolean;
  /** The chain verifies to a trusted root (host name not considered: that is tls/hostname's job). */
  authorized: boolean;
  /** Why not: OpenSSL's code (Node's name for it) and message, e.g. UNSPECIFIED "CA signature digest algorithm too weak". */
  authorizationError: { code: string; message: string } | null;
  /** Leaf first; built from the certificates the server sent, completed from the trust store. */
  chain: CertInfo[];
  /** The chain ends in a certificate from the trust store. */
  chainReachesTrustedRoot: boolean;
  /** Where that last certificate is trusted from: Node's bundled roots, the user's --ca-file, or neither. */
  trustAnchorSource: TrustSource | null;
  /** How many --ca-file certificates were trusted on top of Node's roots. */
  extraTrustedCas: number;
}

export type TrustSource = 'system' | 'ca-file';

export const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];

export interface ProtocolAttempt {
  version: TlsVersion;
  offered: boolean;
  /** Cipher negotiated at this version. */
  cipher: string | null;
  /** Why the handshake failed, short (e.g. 'tlsv1 alert protocol version'). */
  reason: string | null;
}

export interface ProtocolsEvidence {
  host: string;
  port: number;
  servername: string | null;
  address: string;
  versions: ProtocolAttempt[];
}
