import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZoneServer, type Rr, type ZoneServer } from '../../../test/support/dns-server.js';
import { lookupProbe } from './lookup.probe.js';
import { rule as apexRule } from './apex.rule.js';
import { rule as caaRule } from './caa.rule.js';
import { rule as recordsRule } from './records.rule.js';
import { expectProbeError, probeCtx, ruleCtx } from './test-helpers.js';

const soa = (zone: string): Rr => ({ name: zone, type: 'SOA', primary: `ns1.${zone}`, admin: `hostmaster.${zone}`, serial: 1, refresh: 3600, retry: 600, expiration: 86400, minimum: 300 });
const records: Rr[] = [
  soa('good.test'),
  { name: 'good.test', type: 'A', address: '192.0.2.10', ttl: 120 },
  { name: 'good.test', type: 'CAA', flags: 0, tag: 'issue', value: 'letsencrypt.org' },
  { name: 'www.good.test', type: 'CNAME', domain: 'good.test' },
  soa('alias.test'),
  // dns2 serves what bind and knot refuse to load: a CNAME at the apex.
  { name: 'alias.test', type: 'CNAME', domain: 'shop.cdn.example.net' },
  { name: 'www.alias.test', type: 'CNAME', domain: 'alias.test' },
];
const behaviour = { 'slow.test': 'drop', 'broken.test': 'servfail' } as const;

let resolver: ZoneServer;
let dead: ZoneServer;
beforeAll(async () => {
  resolver = await startZoneServer({ address: '127.53.2.1', records, behaviour, authoritative: false });
  dead = await startZoneServer({ address: '127.53.2.2', records, behaviour: { '*': 'drop' } });
});
afterAll(async () => {
  await resolver.close();
  await dead.close();
});

const run = (names: string[], types: string[], resolvers = [resolver.spec], timeoutMs = 1000) => lookupProbe.run(lookupProbe.input.parse({ names, types }), probeCtx(resolvers, timeoutMs));

describe('dns/lookup probe', () => {
  it('records answers with TTLs, CNAMEs and NXDOMAIN as evidence', async () => {
    const ev = await run(['GOOD.test.', 'www.good.test', 'nope.good.test'], ['A']);
    expect(ev.resolvers).toEqual([resolver.spec]);
    expect(ev.answers.map((a) => [a.name, a.rcode, a.records.map((r) => `${r.type} ${r.value} ${r.ttl}`)])).toEqual([
      ['good.test', 'NOERROR', ['A 192.0.2.10 120']],
      ['www.good.test', 'NOERROR', ['CNAME good.test 300']],
      ['nope.good.test', 'NXDOMAIN', []],
    ]);
    expect(ev.answers[2]?.negativeTtl).toBe(300);
    expect(JSON.parse(JSON.stringify(ev))).toEqual(ev);
  });

  it('feeds dns/records: expected values pass, a wrong one fails, NXDOMAIN is DNS_NOT_FOUND', async () => {
    const opts = (o: object) => recordsRule.options.parse(o);
    const good = await run(['good.test'], ['A']);
    expect(recordsRule.judge(good, opts({ A: ['192.0.2.10'] }), ruleCtx()).status).toBe('pass');
    expect(recordsRule.judge(good, opts({ A: ['192.0.2.99'] }), ruleCtx()).status).toBe('fail');
    const nope = await run(['nope.good.test'], ['A']);
    expect(recordsRule.judge(nope, opts({ A: ['192.0.2.10'] }), ruleCtx())).toMatchObject({ status: 'error', code: 'DNS_NOT_FOUND' });
  });

  it('feeds dns/apex: a CNAME at the apex served by a real server fails', async () => {
    const options = apexRule.options.parse({});
    const input = apexRule.probeInput({ domain: 'alias.test' }, options) as { names: string[]; types: string[] };
    const bad = apexRule.judge(await run(input.names, input.types), options, ruleCtx());
    expect(bad.status).toBe('fail');
    expect(bad.findings.map((f) => f.code)).toContain('apex-cname');
    const goodInput = apexRule.probeInput({ domain: 'good.test' }, options) as { names: string[]; types: string[] };
    expect(apexRule.judge(await run(goodInput.names, goodInput.types), options, ruleCtx()).status).toBe('pass');
  });

  it('feeds dns/caa: no CAA anywhere (NXDOMAIN, NODATA) is evidence, not an error', async () => {
    const none = await run(['shop.alias.test', 'alias.test', 'test'], ['CAA']);
    expect(caaRule.judge(none, caaRule.options.parse({ ca: 'letsencrypt.org' }), ruleCtx()).findings.map((f) => f.code)).toEqual(['caa-none']);
    const some = await run(['shop.good.test', 'good.test', 'test'], ['CAA']);
    expect(caaRule.judge(some, caaRule.options.parse({ ca: 'pki.goog' }), ruleCtx()).status).toBe('fail');
  });

  it('SERVFAIL is DNS_SERVFAIL', async () => {
    await expectProbeError(() => run(['broken.test'], ['A']), ['DNS_SERVFAIL'], 1500);
  });

  it('moves on to the next resolver when the first never answers', async () => {
    const ev = await run(['good.test'], ['A'], [dead.spec, resolver.spec], 2000);
    expect(ev.answers[0]?.server).toBe(resolver.spec);
  });

  it('server never answers: DNS_TIMEOUT within the timeout', async () => {
    await expectProbeError(() => run(['good.test'], ['A', 'AAAA'], [dead.spec], 1000), ['DNS_TIMEOUT', 'TIMEOUT'], 2000);
  });

  it('a name that never answers on a live resolver times out too', async () => {
    await expectProbeError(() => run(['slow.test'], ['A'], [resolver.spec], 800), ['DNS_TIMEOUT', 'TIMEOUT'], 1800);
  });
});
