// Every certificate case from test/support/certs.ts, served by a real TLS server on loopback, run
// through the registered probe and every tls rule: each case is caught by the rule meant for it,
// and only by the rules that should see it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_NAMES, LEGACY_CIPHERS, makeCertificates, type CaseName, type Certificates } from '../../../test/support/certs.js';
import { startTlsServer, type RunningServer, type TlsServerOptions } from '../../../test/support/tls-server.js';
import { createRegistry } from '../registry.js';
import type { RuleContext, Verdict } from '../types.js';
import * as tls from './index.js';
import { probes as tlsProbes } from './probes.js';
import { probeCtx, resolveTo } from './test-helpers.js';

const registry = createRegistry([{ rules: tls.rules, probes: tlsProbes }]);
const HANDSHAKE_RULES = ['tls/chain-trusted', 'tls/hostname', 'tls/cert-expiry', 'tls/key-strength', 'tls/signature-algorithm'] as const;
type Outcome = string; // "pass" or "fail:code1,code2" (warn/fail codes only)

const OPTIONS: Record<string, Record<string, unknown>> = { 'tls/hostname': { names: ['www.good.test'] } };

let certs: Certificates;
const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});
beforeAll(async () => {
  certs = await makeCertificates();
});

const short = (v: Verdict): Outcome => {
  const codes = v.findings.filter((f) => f.severity !== 'info').map((f) => f.code);
  return codes.length ? `${v.status}:${codes.join(',')}` : v.status;
};

/** What the CLI runner does: target from a string, options through the schema, probe input, one probe run per distinct input. */
async function runRules(ruleIds: readonly string[], server: TlsServerOptions): Promise<Record<string, Outcome>> {
  const s = await startTlsServer(server);
  servers.push(s);
  const now = new Date();
  const ctx: RuleContext = { now, goLive: new Date(now.getTime() + 86_400_000) };
  const probeCtxWithNet = probeCtx({ resolve: resolveTo(s.port, ['good.test']), ca: certs.ca });
  const runs = new Map<string, Promise<unknown>>();
  const out: Record<string, Outcome> = {};
  for (const id of ruleIds) {
    const rule = registry.rules.get(id)!;
    const probe = registry.probes.get(rule.meta.probe)!;
    const target = rule.target.parse(rule.targetFromString(`good.test:${s.port}`));
    const options = rule.options.parse(OPTIONS[id] ?? {});
    const input = probe.input.parse(rule.probeInput(target, options));
    const key = `${probe.id} ${JSON.stringify(input)}`;
    if (!runs.has(key)) runs.set(key, probe.run(input, probeCtxWithNet));
    out[id] = short(rule.judge(await runs.get(key), options, ctx));
  }
  expect(runs.size, 'the rules share one probe run per probe').toBe(new Set(ruleIds.map((id) => registry.rules.get(id)!.meta.probe)).size);
  return out;
}

const pass = { 'tls/chain-trusted': 'pass', 'tls/hostname': 'pass', 'tls/cert-expiry': 'pass', 'tls/key-strength': 'pass', 'tls/signature-algorithm': 'pass' };

const EXPECTED: Record<CaseName, Record<string, Outcome>> = {
  good: pass,
  expired: { ...pass, 'tls/chain-trusted': 'fail:cert-expired', 'tls/cert-expiry': 'fail:cert-expired' },
  notYetValid: { ...pass, 'tls/chain-trusted': 'fail:cert-not-yet-valid', 'tls/cert-expiry': 'fail:cert-not-yet-valid' },
  wrongHost: { ...pass, 'tls/hostname': 'fail:name-not-covered,name-not-covered' },
  selfSigned: { ...pass, 'tls/chain-trusted': 'fail:self-signed' },
  untrustedRoot: { ...pass, 'tls/chain-trusted': 'fail:untrusted-root' },
  incompleteChain: { ...pass, 'tls/chain-trusted': 'fail:incomplete-chain' },
  sha1: { ...pass, 'tls/chain-trusted': 'fail:weak-signature', 'tls/signature-algorithm': 'fail:sha1-signature' },
  sha1Intermediate: { ...pass, 'tls/chain-trusted': 'fail:weak-signature', 'tls/signature-algorithm': 'fail:sha1-signature' },
  rsa1024: { ...pass, 'tls/key-strength': 'fail:weak-rsa-key' },
  expiringSoon: { ...pass, 'tls/cert-expiry': 'fail:expires-soon-after-go-live' },
  ecdsa: pass,
};

describe('tls pack end to end against real TLS servers', () => {
  it.each(CASE_NAMES.map((n) => [n]))('%s', async (name) => {
    expect(await runRules(HANDSHAKE_RULES, certs.cases[name])).toEqual(EXPECTED[name]);
  });

  const protocolCases: [string, Partial<TlsServerOptions>, Outcome][] = [
    ['TLS 1.2 and 1.3', {}, 'pass'],
    ['TLS 1.2 only (TLS 1.3 missing is an info note)', { maxVersion: 'TLSv1.2' }, 'pass'],
    ['TLS 1.0 only', { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: LEGACY_CIPHERS }, 'fail:tls-1-0-offered,no-modern-protocol'],
    ['TLS 1.0 to 1.3', { minVersion: 'TLSv1', ciphers: LEGACY_CIPHERS }, 'fail:tls-1-0-offered,tls-1-1-offered'],
  ];
  it.each(protocolCases)('tls/protocols: %s', async (_name, server, expected) => {
    expect(await runRules(['tls/protocols'], { ...certs.cases.good, ...server })).toEqual({ 'tls/protocols': expected });
  });

  it('a TLS 1.0-only server still gets its certificate judged', async () => {
    const out = await runRules(HANDSHAKE_RULES, { ...certs.cases.good, minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: LEGACY_CIPHERS });
    expect(out).toEqual(pass);
  });
});
