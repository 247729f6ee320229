import type { SecureVersion } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEGACY_CIPHERS, makeCertificates, type Certificates } from '../../../test/support/certs.js';
import { startStallServer, startTlsServer, unusedPort, type RunningServer } from '../../../test/support/tls-server.js';
import { ProbeError } from '../types.js';
import { protocolsProbe } from './protocols.probe.js';
import { probeCtx, resolveTo } from './test-helpers.js';

let certs: Certificates;
const started: RunningServer[] = [];

beforeAll(async () => {
  certs = await makeCertificates();
});
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
});

async function offeredBy(server: { minVersion?: SecureVersion; maxVersion?: SecureVersion; ciphers?: string }): Promise<Record<string, boolean>> {
  const s = await startTlsServer({ ...certs.cases.good, ...server });
  started.push(s);
  const e = await protocolsProbe.run(protocolsProbe.input.parse({ host: 'good.test', port: s.port }), probeCtx({ resolve: resolveTo(s.port, ['good.test']) }));
  expect(e).toMatchObject({ host: 'good.test', servername: 'good.test', address: '127.0.0.1' });
  for (const v of e.versions) expect(v.offered ? v.cipher : v.reason).toMatch(/\w/);
  return Object.fromEntries(e.versions.map((v) => [v.version, v.offered]));
}

describe('tls/protocols probe', () => {
  it("Node's defaults: TLS 1.2 and 1.3", async () => {
    expect(await offeredBy({})).toEqual({ TLSv1: false, 'TLSv1.1': false, 'TLSv1.2': true, 'TLSv1.3': true });
  });

  it('a TLS 1.0-only server', async () => {
    expect(await offeredBy({ minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: LEGACY_CIPHERS })).toEqual({ TLSv1: true, 'TLSv1.1': false, 'TLSv1.2': false, 'TLSv1.3': false });
  });

  it('everything from TLS 1.0 up', async () => {
    expect(await offeredBy({ minVersion: 'TLSv1', ciphers: LEGACY_CIPHERS })).toEqual({ TLSv1: true, 'TLSv1.1': true, 'TLSv1.2': true, 'TLSv1.3': true });
  });

  it('TLS 1.2 only', async () => {
    expect(await offeredBy({ maxVersion: 'TLSv1.2' })).toEqual({ TLSv1: false, 'TLSv1.1': false, 'TLSv1.2': true, 'TLSv1.3': false });
  });

  it('records why a version was refused', async () => {
    const s = await startTlsServer(certs.cases.good);
    started.push(s);
    const e = await protocolsProbe.run({ host: '127.0.0.1', port: s.port }, probeCtx());
    expect(e.servername).toBeNull();
    expect(e.versions[0]).toEqual({ version: 'TLSv1', offered: false, cipher: null, reason: 'tlsv1 alert protocol version' });
  });

  it('a server that never answers: TIMEOUT within the time limit', async () => {
    const stall = await startStallServer();
    started.push(stall);
    const t0 = Date.now();
    const err: unknown = await protocolsProbe.run({ host: '127.0.0.1', port: stall.port }, probeCtx({ timeoutMs: 700 })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProbeError);
    expect((err as ProbeError).code).toBe('TIMEOUT');
    expect(Date.now() - t0).toBeLessThan(700 + 1000);
    expect(stall.handshakes).toBe(4);
  });

  it('nothing listening: CONNECTION_REFUSED', async () => {
    const port = await unusedPort();
    const err: unknown = await protocolsProbe.run({ host: '127.0.0.1', port }, probeCtx()).catch((e: unknown) => e);
    expect((err as ProbeError).code).toBe('CONNECTION_REFUSED');
  });
});
