import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_NAMES, makeCertificates, type CaseName, type Certificates } from '../../../test/support/certs.js';
import { startZoneServer } from '../../../test/support/dns-server.js';
import { startRawServer, startStallServer, startTlsServer, unusedPort, type RunningServer } from '../../../test/support/tls-server.js';
import { ProbeError } from '../types.js';
import type { HandshakeEvidence } from './evidence.js';
import { handshakeProbe } from './handshake.probe.js';
import { probeCtx, resolveTo } from './test-helpers.js';

let certs: Certificates;
const servers = new Map<CaseName, RunningServer>();

beforeAll(async () => {
  certs = await makeCertificates();
  for (const name of CASE_NAMES) servers.set(name, await startTlsServer(certs.cases[name]));
});
afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.close()));
});

async function probe(name: CaseName, net: { ca?: string[] } = { ca: certs.ca }): Promise<HandshakeEvidence> {
  const port = servers.get(name)!.port;
  return handshakeProbe.run(handshakeProbe.input.parse({ host: 'good.test', port }), probeCtx({ resolve: resolveTo(port, ['good.test']), ...net }));
}

async function probeError(run: Promise<unknown>): Promise<ProbeError> {
  const err: unknown = await run.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ProbeError);
  return err as ProbeError;
}

describe('tls/handshake probe', () => {
  it('records a trusted chain with keys, signatures, SANs and dates', async () => {
    const e = await probe('good');
    expect(e).toMatchObject({ host: 'good.test', servername: 'good.test', address: '127.0.0.1', protocol: 'TLSv1.3', authorized: true, authorizationError: null, chainReachesTrustedRoot: true, legacyHandshake: false, extraTrustedCas: 1, trustAnchorSource: 'ca-file' });
    expect(e.chain.map((c) => c.subject)).toEqual(['CN=good.test', 'CN=golive test intermediate', 'CN=golive test root']);
    const [leaf, inter, root] = e.chain;
    expect(leaf).toMatchObject({ dnsNames: ['good.test', 'www.good.test', 'localhost'], ipAddresses: ['127.0.0.1'], sanCount: 4, key: { type: 'rsa', bits: 2048 }, signature: { algorithm: 'sha256WithRSAEncryption', hash: 'sha256' }, selfSigned: false, ca: false, inTrustStore: false });
    expect(inter).toMatchObject({ ca: true, selfSigned: false, inTrustStore: false });
    expect(root).toMatchObject({ ca: true, selfSigned: true, inTrustStore: true });
    expect(Date.parse(leaf!.validTo) - Date.now()).toBeGreaterThan(700 * 86_400_000);
    expect(leaf!.validFrom).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(leaf!.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });

  it('without --ca-file our root is unknown', async () => {
    const e = await probe('good', { ca: [] });
    expect(e).toMatchObject({ authorized: false, chainReachesTrustedRoot: false, trustAnchorSource: null, extraTrustedCas: 0, authorizationError: { code: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' } });
  });

  const cases: [CaseName, string | null, (e: HandshakeEvidence) => unknown][] = [
    ['expired', 'CERT_HAS_EXPIRED', (e) => e.chain[0]!.validTo.slice(0, 10)],
    ['notYetValid', 'CERT_NOT_YET_VALID', (e) => Date.parse(e.chain[0]!.validFrom) > Date.now()],
    ['wrongHost', null, (e) => e.chain[0]!.dnsNames],
    ['selfSigned', 'DEPTH_ZERO_SELF_SIGNED_CERT', (e) => [e.chain.length, e.chain[0]!.selfSigned]],
    ['untrustedRoot', 'SELF_SIGNED_CERT_IN_CHAIN', (e) => [e.chain.at(-1)!.subject, e.chain.at(-1)!.inTrustStore, e.chainReachesTrustedRoot]],
    ['incompleteChain', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', (e) => e.chain.length],
    ['sha1', 'UNSPECIFIED', (e) => [e.authorizationError?.message, e.chain[0]!.signature.hash]],
    ['sha1Intermediate', 'UNSPECIFIED', (e) => [e.chain[0]!.signature.hash, e.chain[1]!.signature.hash]],
    ['rsa1024', null, (e) => e.chain[0]!.key],
    ['expiringSoon', null, (e) => Math.round((Date.parse(e.chain[0]!.validTo) - Date.now()) / 86_400_000)],
    ['ecdsa', null, (e) => [e.chain[0]!.key, e.cipher]],
  ];
  const details: Record<string, unknown> = {
    expired: '2020-02-01',
    notYetValid: true,
    wrongHost: ['other.test', '*.other.test'],
    selfSigned: [1, true],
    untrustedRoot: ['CN=golive untrusted root', false, false],
    incompleteChain: 1,
    sha1: ['CA signature digest algorithm too weak', 'sha1'],
    sha1Intermediate: ['sha256', 'sha1'],
    rsa1024: { type: 'rsa', bits: 1024 },
    expiringSoon: 10,
    ecdsa: [{ type: 'ec', bits: 256, curve: 'prime256v1' }, 'TLS_AES_256_GCM_SHA384'],
  };
  it.each(cases)('%s: authorization %s and its evidence', async (name, code, detail) => {
    const e = await probe(name);
    expect(e.authorizationError?.code ?? null).toBe(code);
    expect(e.authorized).toBe(code === null);
    expect(detail(e)).toEqual(details[name]);
  });

  it('sends no SNI to an IP target and still reads the certificate', async () => {
    const port = servers.get('good')!.port;
    const e = await handshakeProbe.run({ host: '127.0.0.1', port }, probeCtx({ ca: certs.ca }));
    expect(e).toMatchObject({ servername: null, address: '127.0.0.1', authorized: true });
  });

  it('resolves through --resolver servers', async () => {
    const dns = await startZoneServer({ records: [{ name: 'good.test', type: 'A', address: '127.0.0.1' }] });
    try {
      const port = servers.get('good')!.port;
      const e = await handshakeProbe.run({ host: 'good.test', port }, probeCtx({ resolvers: [dns.spec], ca: certs.ca }));
      expect(e).toMatchObject({ address: '127.0.0.1', authorized: true });
      expect(dns.queries).toContain('good.test A');
    } finally {
      await dns.close();
    }
  });

  it('falls back to a legacy client for a TLS 1.0-only server', async () => {
    const legacy = await startTlsServer({ ...certs.cases.good, minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' });
    try {
      const e = await handshakeProbe.run({ host: 'good.test', port: legacy.port }, probeCtx({ resolve: resolveTo(legacy.port, ['good.test']), ca: certs.ca }));
      expect(e).toMatchObject({ legacyHandshake: true, protocol: 'TLSv1', authorized: true });
    } finally {
      await legacy.close();
    }
  });

  it('a server that never answers: TIMEOUT within the time limit', async () => {
    const stall = await startStallServer();
    try {
      const started = Date.now();
      const err = await probeError(handshakeProbe.run({ host: '127.0.0.1', port: stall.port }, probeCtx({ timeoutMs: 700 })));
      expect(err.code).toBe('TIMEOUT');
      expect(Date.now() - started).toBeLessThan(700 + 1000);
      expect(stall.handshakes).toBe(1);
    } finally {
      await stall.close();
    }
  });

  it('nothing listening: CONNECTION_REFUSED', async () => {
    const port = await unusedPort();
    const err = await probeError(handshakeProbe.run({ host: '127.0.0.1', port }, probeCtx()));
    expect(err.code).toBe('CONNECTION_REFUSED');
  });

  it('a server that does not speak TLS: TLS_HANDSHAKE', async () => {
    const plain = await startRawServer('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
    try {
      const err = await probeError(handshakeProbe.run({ host: '127.0.0.1', port: plain.port }, probeCtx()));
      expect(err.code).toBe('TLS_HANDSHAKE');
    } finally {
      await plain.close();
    }
  });

  it('an unknown name: DNS_NOT_FOUND', async () => {
    const dns = await startZoneServer({ records: [{ name: 'good.test', type: 'A', address: '127.0.0.1' }] });
    try {
      const err = await probeError(handshakeProbe.run({ host: 'missing.good.test', port: 443 }, probeCtx({ resolvers: [dns.spec] })));
      expect(err.code).toBe('DNS_NOT_FOUND');
    } finally {
      await dns.close();
    }
  });

  it('stops promptly when the run is cancelled: ABORTED', async () => {
    const stall = await startStallServer();
    try {
      const ac = new AbortController();
      const started = Date.now();
      setTimeout(() => ac.abort(), 100);
      const err = await probeError(handshakeProbe.run({ host: '127.0.0.1', port: stall.port }, probeCtx({ timeoutMs: 5000 }, ac.signal)));
      expect(err.code).toBe('ABORTED');
      expect(Date.now() - started).toBeLessThan(1500);
    } finally {
      await stall.close();
    }
  });
});
