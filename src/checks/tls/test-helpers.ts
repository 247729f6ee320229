// Builders of tls evidence for table-driven rule tests: a good chain (leaf, intermediate, trusted
// root) to tweak, and a judge() that parses options through the rule's schema (so defaults apply).
import type { AnyRule, NetOptions, ProbeContext, RuleContext, Verdict } from '../types.js';
import type { CertInfo, HandshakeEvidence, ProtocolsEvidence, TlsVersion } from './evidence.js';

export const NOW = new Date('2026-06-01T12:00:00Z');
export const GO_LIVE = new Date('2026-06-15T08:00:00Z');
export const CTX: RuleContext = { now: NOW, goLive: GO_LIVE };

const base: CertInfo = {
  subject: 'CN=shop.example.com',
  issuer: 'CN=Example Issuing CA',
  dnsNames: ['shop.example.com', 'www.shop.example.com'],
  ipAddresses: [],
  sanCount: 2,
  validFrom: '2026-03-01T00:00:00.000Z',
  validTo: '2027-03-01T00:00:00.000Z',
  serialNumber: '0A1B2C',
  fingerprint256: 'AA:BB',
  key: { type: 'rsa', bits: 2048 },
  signature: { algorithm: 'sha256WithRSAEncryption', hash: 'sha256' },
  selfSigned: false,
  ca: false,
  inTrustStore: false,
};

export const leaf = (o: Partial<CertInfo> = {}): CertInfo => ({ ...base, ...o });
export const intermediate = (o: Partial<CertInfo> = {}): CertInfo =>
  leaf({ subject: 'CN=Example Issuing CA', issuer: 'CN=Example Root', dnsNames: [], sanCount: 0, validTo: '2030-01-01T00:00:00.000Z', ca: true, ...o });
export const root = (o: Partial<CertInfo> = {}): CertInfo =>
  leaf({ subject: 'CN=Example Root', issuer: 'CN=Example Root', dnsNames: [], sanCount: 0, validFrom: '2015-01-01T00:00:00.000Z', validTo: '2035-01-01T00:00:00.000Z', ca: true, selfSigned: true, inTrustStore: true, ...o });

/** A handshake with a trusted three-certificate chain; override anything. */
export function handshake(o: Partial<HandshakeEvidence> = {}): HandshakeEvidence {
  return {
    host: 'shop.example.com',
    port: 443,
    servername: 'shop.example.com',
    address: '192.0.2.10',
    protocol: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    legacyHandshake: false,
    authorized: true,
    authorizationError: null,
    chain: [leaf(), intermediate(), root()],
    chainReachesTrustedRoot: true,
    trustAnchorSource: 'system',
    extraTrustedCas: 0,
    ...o,
  };
}

/** Not authorized, with Node's code and message. */
export const unauthorized = (code: string, message: string, o: Partial<HandshakeEvidence> = {}): HandshakeEvidence =>
  handshake({ authorized: false, authorizationError: { code, message }, ...o });

export function protocols(offered: TlsVersion[]): ProtocolsEvidence {
  const all: TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
  return {
    host: 'shop.example.com',
    port: 443,
    servername: 'shop.example.com',
    address: '192.0.2.10',
    versions: all.map((version) => ({
      version,
      offered: offered.includes(version),
      cipher: offered.includes(version) ? 'ECDHE-RSA-AES128-GCM-SHA256' : null,
      reason: offered.includes(version) ? null : 'tlsv1 alert protocol version',
    })),
  };
}

/** Judge with options parsed (defaults applied, unknown keys rejected) by the rule's own schema. */
export function judge(rule: AnyRule, evidence: unknown, options: Record<string, unknown> = {}, ctx: RuleContext = CTX): Verdict {
  return rule.judge(evidence, rule.options.parse(options), ctx);
}

/** A table case: evidence and options -> the status and the finding codes (in order; info findings included). */
export interface RuleCase {
  name: string;
  evidence: unknown;
  with?: Record<string, unknown>;
  ctx?: RuleContext;
  status: Verdict['status'];
  codes: string[];
}

/** Status and codes of a verdict, for one toEqual per case. */
export const outcome = (v: Verdict): { status: Verdict['status']; codes: string[] } => ({ status: v.status, codes: v.findings.map((f) => f.code) });

/** Every warn/fail finding carries a concrete hint (info findings need none). */
export function hintsOf(v: Verdict): { code: string; ok: boolean }[] {
  return v.findings.filter((f) => f.severity !== 'info').map((f) => ({ code: f.code, ok: (f.hint ?? '').length >= 20 }));
}

/** A probe context on loopback: `resolve` maps names to 127.0.0.1 (like --resolve), `ca` like --ca-file. */
export function probeCtx(net: Partial<NetOptions> = {}, signal: AbortSignal = new AbortController().signal): ProbeContext {
  return {
    signal,
    // Generous for healthy servers on a loaded machine; fault tests pass their own short limit.
    net: { resolvers: [], resolve: {}, ca: [], timeoutMs: 3000, ...net },
    log: { debug: () => undefined },
    now: new Date(),
    cwd: process.cwd(),
    allowLogin: false,
  };
}

/** --resolve entries sending these names on this port to an address. */
export const resolveTo = (port: number, names: string[], address = '127.0.0.1'): Record<string, string> =>
  Object.fromEntries(names.map((n) => [`${n}:${port}`, address]));
