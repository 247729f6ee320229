import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startZoneServer, type Rr, type ZoneServer } from '../../../test/support/dns-server.js';
import { ProbeError } from '../types.js';
import { spfProbe, type SpfEvidence } from './spf.probe.js';
import { spfRule } from './spf.rule.js';
import { probeContext, RULE_CONTEXT, timedRejection } from './test-helpers.js';

const txt = (name: string, data: string): Rr => ({ name, type: 'TXT', data });
const PROVIDER = txt('_spf.provider.test', 'v=spf1 ip4:198.51.100.0/24 -all');

const records: Rr[] = [
  PROVIDER,
  txt('chain.test', 'v=spf1 include:l1.chain.test mx -all'),
  txt('l1.chain.test', 'v=spf1 include:_spf.provider.test ~all'),
  { name: 'chain.test', type: 'MX', priority: 10, exchange: 'mx.chain.test' },
  { name: 'mx.chain.test', type: 'A', address: '198.51.100.25' },
  txt('redirect.test', 'v=spf1 redirect=_spf.provider.test'),
  txt('many.test', `v=spf1 ${Array.from({ length: 11 }, (_, i) => `include:i${i}.many.test`).join(' ')} -all`),
  ...Array.from({ length: 11 }, (_, i) => txt(`i${i}.many.test`, 'v=spf1 ip4:198.51.100.1 -all')),
  txt('void.test', 'v=spf1 a:n1.void.test a:n2.void.test a:n3.void.test -all'),
  txt('loop.test', 'v=spf1 include:loop2.test -all'),
  txt('loop2.test', 'v=spf1 include:loop.test -all'),
  txt('multi.test', 'v=spf1 mx -all'),
  txt('multi.test', 'v=spf1 include:_spf.provider.test -all'),
  txt('multi.test', 'google-site-verification=abc'),
  txt('passall.test', 'v=spf1 +all'),
  txt('nospf.test', 'google-site-verification=abc'),
  txt('incmissing.test', 'v=spf1 include:nothing.test -all'),
  txt('broken.test', 'v=spf1 include:servfail.test -all'),
  txt('syntax.test', 'v=spf1 -all ip4:198.51.100.300'),
];

let server: ZoneServer;
beforeAll(async () => {
  server = await startZoneServer({ records, behaviour: { 'servfail.test': 'servfail' } });
});
afterAll(() => server.close());

const probe = (domain: string, timeoutMs = 1500) => spfProbe.run({ domain }, probeContext([server.spec], timeoutMs));
const judge = (ev: SpfEvidence, options: Record<string, unknown> = {}) => spfRule.judge(ev, spfRule.options.parse(options), RULE_CONTEXT);
const failCodes = (ev: SpfEvidence, options: Record<string, unknown> = {}) => judge(ev, options).findings.filter((f) => f.severity === 'fail').map((f) => f.code);

describe('email/spf probe', () => {
  test('follows an include chain through the --resolver server', async () => {
    const ev = await probe('Chain.Test.');
    expect(ev.records).toEqual(['v=spf1 include:l1.chain.test mx -all']);
    expect(ev.tree.map((n) => [n.domain, n.via, n.parent])).toEqual([['chain.test', 'root', null], ['l1.chain.test', 'include', 0], ['_spf.provider.test', 'include', 1]]);
    expect(ev).toMatchObject({ result: 'fail', testIp: '203.0.113.1', lookups: { counted: 3, evaluated: 3, void: 0 }, truncated: false });
    expect(server.queries).toContain('l1.chain.test TXT');
    expect(judge(ev, { include: ['_spf.provider.test'] }).status).toBe('pass');
  });

  test('follows a redirect', async () => {
    const ev = await probe('redirect.test');
    expect(ev.tree.map((n) => n.via)).toEqual(['root', 'redirect']);
    expect(judge(ev).status).toBe('pass');
  });

  test('too many lookups across includes', async () => {
    const ev = await probe('many.test');
    expect(ev).toMatchObject({ result: 'permerror', reason: 'Too many DNS requests', lookups: { counted: 11 } });
    expect(failCodes(ev)).toEqual(['spf-too-many-lookups']);
  });

  test('too many void lookups', async () => {
    const ev = await probe('void.test');
    expect(ev.lookups.void).toBe(3);
    expect(failCodes(ev)).toEqual(['spf-too-many-void-lookups']);
  });

  test('an include loop', async () => {
    const ev = await probe('loop.test');
    expect(ev.tree.at(-1)).toMatchObject({ domain: 'loop.test', problem: 'loop' });
    expect(failCodes(ev)).toEqual(['spf-loop']);
  });

  test('two SPF records among other TXT records', async () => {
    const ev = await probe('multi.test');
    expect(ev.records).toHaveLength(2);
    expect(ev.result).toBe('permerror');
    expect(failCodes(ev)).toEqual(['spf-multiple-records']);
  });

  test.each([
    ['passall.test', ['spf-pass-all']],
    ['nospf.test', ['spf-missing']],
    ['nxdomain.test', ['spf-missing']],
    ['incmissing.test', ['spf-include-missing']],
    ['syntax.test', ['spf-syntax']],
  ])('%s fails with %j', async (domain, codes) => {
    expect(failCodes(await probe(domain))).toEqual(codes);
  });

  test('SERVFAIL for an include is an error, not a verdict', async () => {
    const { error } = await timedRejection(probe('broken.test'));
    expect(error).toBeInstanceOf(ProbeError);
    expect((error as ProbeError).code).toBe('DNS_SERVFAIL');
  });
});

describe('email/spf probe against a server that never answers', () => {
  let silent: ZoneServer;
  beforeAll(async () => {
    silent = await startZoneServer({ records, behaviour: { '*': 'drop' } });
  });
  afterAll(() => silent.close());

  test('ends with DNS_TIMEOUT within the time limit + 1 s', async () => {
    const { error, ms } = await timedRejection(spfProbe.run({ domain: 'chain.test' }, probeContext([silent.spec], 700)));
    expect((error as ProbeError).code).toBe('DNS_TIMEOUT');
    expect(ms).toBeLessThan(1700);
  });

  test('ends with TIMEOUT or DNS_TIMEOUT when the runner\'s signal times out', async () => {
    const ctx = probeContext([silent.spec], 700, AbortSignal.timeout(700));
    const { error, ms } = await timedRejection(spfProbe.run({ domain: 'chain.test' }, ctx));
    expect(['TIMEOUT', 'DNS_TIMEOUT']).toContain((error as ProbeError).code);
    expect(ms).toBeLessThan(1700);
  });

  test('stops promptly when cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user pressed Ctrl-C')), 100);
    const { error, ms } = await timedRejection(spfProbe.run({ domain: 'chain.test' }, probeContext([silent.spec], 5000, controller.signal)));
    expect((error as ProbeError).code).toBe('ABORTED');
    expect(ms).toBeLessThan(1000);
  });
});
