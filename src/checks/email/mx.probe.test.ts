import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startZoneServer, type Rr, type ZoneServer } from '../../../test/support/dns-server.js';
import type { ProbeError } from '../types.js';
import { mxProbe, type MxEvidence } from './mx.probe.js';
import { mxRule } from './mx.rule.js';
import { probeContext, RULE_CONTEXT, timedRejection } from './test-helpers.js';

const mx = (name: string, priority: number, exchange: string): Rr => ({ name, type: 'MX', priority, exchange });
const a = (name: string, address: string): Rr => ({ name, type: address.includes(':') ? 'AAAA' : 'A', address });

let server: ZoneServer;
beforeAll(async () => {
  server = await startZoneServer({
    records: [
      mx('good.test', 20, 'mx2.provider.test.'),
      mx('good.test', 10, 'MX1.provider.test'),
      a('mx1.provider.test', '192.0.2.25'),
      a('mx2.provider.test', '2001:db8::25'),
      mx('alias.test', 10, 'mail.alias.test'),
      { name: 'mail.alias.test', type: 'CNAME', domain: 'mx1.provider.test' },
      mx('literal.test', 10, '192.0.2.25'),
      mx('dangling.test', 10, 'mx.gone.test'),
      mx('parked.test', 0, '.'),
      a('nomx.test', '192.0.2.80'),
      mx('slow.test', 10, 'mx.slow.test'),
    ],
    behaviour: { 'mx.slow.test': 'drop' },
  });
});
afterAll(() => server.close());

const probe = (domain: string, timeoutMs = 1500) => mxProbe.run({ domain }, probeContext([server.spec], timeoutMs));
const judge = (ev: MxEvidence, options: Record<string, unknown> = {}) => mxRule.judge(ev, mxRule.options.parse(options), RULE_CONTEXT);
const codes = (ev: MxEvidence, options: Record<string, unknown> = {}) => judge(ev, options).findings.map((f) => f.code);

describe('email/mx probe', () => {
  test('reads exchanges by priority with their addresses', async () => {
    const ev = await probe('good.test');
    expect(ev).toEqual({
      domain: 'good.test',
      status: 'ok',
      hosts: [
        { exchange: 'mx1.provider.test', priority: 10, ipLiteral: false, cname: null, addresses: ['192.0.2.25'] },
        { exchange: 'mx2.provider.test', priority: 20, ipLiteral: false, cname: null, addresses: ['2001:db8::25'] },
      ],
      truncated: false,
    });
    expect(judge(ev, { expect: ['provider.test'] })).toMatchObject({ status: 'pass', summary: 'MX records point at resolvable mail hosts: 10 mx1.provider.test, 20 mx2.provider.test' });
    expect(codes(ev, { expect: ['other.test'] })).toEqual(['mx-unexpected-host', 'mx-unexpected-host']);
  });

  test.each([
    ['alias.test', ['mx-target-cname', 'mx-single']],
    ['literal.test', ['mx-target-ip', 'mx-single']],
    ['dangling.test', ['mx-target-unresolvable', 'mx-single']],
    ['nomx.test', ['mx-missing']],
    ['nothing.test', ['mx-missing']],
    ['parked.test', ['mx-null']],
  ])('%s: %j', async (domain, expected) => {
    expect(codes(await probe(domain))).toEqual(expected);
  });

  test('a null MX passes when the domain should receive no mail', async () => {
    const ev = await probe('parked.test');
    expect(ev.hosts).toEqual([{ exchange: '', priority: 0, ipLiteral: false, cname: null, addresses: [] }]);
    expect(judge(ev, { acceptNullMx: true }).status).toBe('pass');
  });

  test('a target whose lookups time out makes the probe fail within the limit', async () => {
    const { error, ms } = await timedRejection(probe('slow.test', 600));
    expect((error as ProbeError).code).toBe('DNS_TIMEOUT');
    expect(ms).toBeLessThan(1600);
  });
});

describe('email/mx probe against failing servers', () => {
  test('never answers: DNS_TIMEOUT within the time limit + 1 s', async () => {
    const silent = await startZoneServer({ records: [], behaviour: { '*': 'drop' } });
    try {
      const { error, ms } = await timedRejection(mxProbe.run({ domain: 'good.test' }, probeContext([silent.spec], 700)));
      expect((error as ProbeError).code).toBe('DNS_TIMEOUT');
      expect(ms).toBeLessThan(1700);
    } finally {
      await silent.close();
    }
  });

  test('SERVFAIL: DNS_SERVFAIL', async () => {
    const failing = await startZoneServer({ records: [], behaviour: { '*': 'servfail' } });
    try {
      const { error } = await timedRejection(mxProbe.run({ domain: 'good.test' }, probeContext([failing.spec])));
      expect((error as ProbeError).code).toBe('DNS_SERVFAIL');
    } finally {
      await failing.close();
    }
  });
});
