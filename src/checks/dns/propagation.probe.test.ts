import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZoneServers, type Rr, type ZoneServer } from '../../../test/support/dns-server.js';
import { propagationProbe } from './propagation.probe.js';
import { rule } from './propagation.rule.js';
import { expectProbeError, probeCtx, ruleCtx } from './test-helpers.js';

const N = 'shop.prop.test';
const at = (address: string, ttl: number): Rr[] => [{ name: N, type: 'A', address, ttl }];

// Four "resolvers" on one port: two with the new record, one with a stale cache, one dead.
let servers: ZoneServer[];
beforeAll(async () => {
  servers = await startZoneServers([
    { address: '127.53.3.1', records: at('192.0.2.10', 300) },
    { address: '127.53.3.2', records: at('192.0.2.10', 120) },
    { address: '127.53.3.3', records: at('198.51.100.5', 3400), behaviour: { 'broken.prop.test': 'servfail' } },
    { address: '127.53.3.4', records: [], behaviour: { '*': 'drop' } },
  ]);
});
afterAll(() => Promise.all(servers.map((s) => s.close())));

const spec = (i: number) => servers[i]!.spec;
const run = (resolvers: string[], name = N, timeoutMs = 1000, netResolvers: string[] = []) =>
  propagationProbe.run(propagationProbe.input.parse({ name, type: 'A', resolvers }), probeCtx(netResolvers, timeoutMs));

describe('dns/propagation probe', () => {
  it('asks every resolver on its own and records answers with TTLs', async () => {
    const ev = await run([spec(0), spec(1), spec(2)]);
    expect(ev.results.map((r) => [r.resolver, r.answer?.records.map((x) => `${x.value}/${x.ttl}`)])).toEqual([
      [spec(0), ['192.0.2.10/300']],
      [spec(1), ['192.0.2.10/120']],
      [spec(2), ['198.51.100.5/3400']],
    ]);
    const v = rule.judge(ev, rule.options.parse({ expected: ['192.0.2.10'] }), ruleCtx());
    expect(v.status).toBe('warn');
    expect(v.findings.find((f) => f.code === 'propagation-partial')?.subject).toBe(spec(2));
  });

  it('defaults to the run\'s --resolver list', async () => {
    const ev = await run([], N, 1000, [spec(0), spec(1)]);
    expect(ev.results.map((r) => r.resolver)).toEqual([spec(0), spec(1)]);
    expect(rule.judge(ev, rule.options.parse({}), ruleCtx()).status).toBe('pass');
  });

  it('a dead or failing resolver is recorded, not fatal', async () => {
    const ev = await run([spec(0), spec(3)], N, 1000);
    expect(ev.results[1]).toMatchObject({ resolver: spec(3), error: { code: 'DNS_TIMEOUT' } });
    const broken = await run([spec(1), spec(2)], 'broken.prop.test');
    expect(broken.results.map((r) => r.error?.code ?? r.answer?.rcode)).toEqual(['NXDOMAIN', 'DNS_SERVFAIL']);
  });

  it('server never answers: DNS_TIMEOUT within the timeout', async () => {
    await expectProbeError(() => run([spec(3)], N, 1000), ['DNS_TIMEOUT', 'TIMEOUT'], 2000);
  });
});
