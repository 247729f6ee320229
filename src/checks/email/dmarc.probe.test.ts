import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startZoneServer, type Rr, type ZoneServer } from '../../../test/support/dns-server.js';
import type { ProbeError } from '../types.js';
import { dmarcProbe, type DmarcEvidence } from './dmarc.probe.js';
import { dmarcRule } from './dmarc.rule.js';
import { probeContext, RULE_CONTEXT, timedRejection } from './test-helpers.js';

const txt = (name: string, data: string): Rr => ({ name, type: 'TXT', data });

let server: ZoneServer;
beforeAll(async () => {
  server = await startZoneServer({
    records: [
      txt('_dmarc.example.test', 'v=DMARC1; p=reject; sp=quarantine; rua=mailto:dmarc@example.test,mailto:agg@reports.vendor.test!10m; ruf=mailto:f@forensic.other.test'),
      txt('example.test._report._dmarc.reports.vendor.test', 'v=DMARC1'),
      txt('_dmarc.example.test', 'some-other-verification=1'),
      { name: 'www.example.test', type: 'A', address: '192.0.2.10' },
      txt('_dmarc.two.test', 'v=DMARC1; p=none'),
      txt('_dmarc.two.test', 'v=DMARC1; p=reject'),
      txt('_dmarc.monitor.test', 'v=DMARC1; p=none; pct=50'),
    ],
    behaviour: { '_dmarc.broken.test': 'servfail' },
  });
});
afterAll(() => server.close());

const probe = (domain: string) => dmarcProbe.run({ domain }, probeContext([server.spec]));
const judge = (ev: DmarcEvidence, options: Record<string, unknown> = {}) => dmarcRule.judge(ev, dmarcRule.options.parse(options), RULE_CONTEXT);
const codes = (ev: DmarcEvidence, options: Record<string, unknown> = {}) => judge(ev, options).findings.map((f) => f.code);

describe('email/dmarc probe', () => {
  test('reads the record and checks external report authorisations', async () => {
    const ev = await probe('example.test');
    expect(ev).toMatchObject({ domain: 'example.test', orgDomain: 'example.test', orgRecords: [], policy: { source: 'domain', name: '_dmarc.example.test', tags: { p: 'reject', sp: 'quarantine' } } });
    expect(ev.records).toHaveLength(1);
    expect(ev.destinations.map((d) => [d.tag, d.domain, d.external, d.authorisation?.records.length ?? null])).toEqual([
      ['rua', 'example.test', false, null],
      ['rua', 'reports.vendor.test', true, 1],
      ['ruf', 'forensic.other.test', true, 0],
    ]);
    expect(server.queries).toContain('example.test._report._dmarc.forensic.other.test TXT');
    expect(codes(ev)).toEqual(['dmarc-subdomain-policy-weaker', 'dmarc-report-unauthorised']);
    expect(judge(ev, { requireReportAuthorisation: true }).status).toBe('fail');
  });

  test('a subdomain falls back to the organisational domain and its sp=', async () => {
    const ev = await probe('www.example.test');
    expect(ev).toMatchObject({ records: [], orgDomain: 'example.test', policy: { source: 'organisational', name: '_dmarc.example.test' } });
    expect(codes(ev, { minPolicy: 'quarantine' })).toEqual(['dmarc-org-fallback', 'dmarc-subdomain-policy-weaker', 'dmarc-report-unauthorised']);
    // The subdomain gets sp=quarantine, not p=reject.
    expect(judge(ev, { minPolicy: 'reject' }).summary).toContain('sp=quarantine at _dmarc.example.test; at least reject is required');
  });

  test('two records', async () => {
    const ev = await probe('two.test');
    expect(ev.records).toHaveLength(2);
    expect(codes(ev)).toEqual(['dmarc-multiple-records']);
  });

  test('p=none with pct and no rua', async () => {
    expect(codes(await probe('monitor.test'))).toEqual(['dmarc-policy-none', 'dmarc-no-rua']);
  });

  test('no record at the domain or its organisational domain', async () => {
    const ev = await probe('mail.nothing.test');
    expect(ev).toMatchObject({ orgDomain: 'nothing.test', records: [], orgRecords: [], policy: null });
    expect(codes(ev)).toEqual(['dmarc-missing']);
  });

  test('SERVFAIL is an error', async () => {
    const { error } = await timedRejection(probe('broken.test'));
    expect((error as ProbeError).code).toBe('DNS_SERVFAIL');
  });
});

describe('email/dmarc probe against a server that never answers', () => {
  test('ends with DNS_TIMEOUT within the time limit + 1 s', async () => {
    const silent = await startZoneServer({ records: [], behaviour: { '*': 'drop' } });
    try {
      const { error, ms } = await timedRejection(dmarcProbe.run({ domain: 'example.test' }, probeContext([silent.spec], 700)));
      expect((error as ProbeError).code).toBe('DNS_TIMEOUT');
      expect(ms).toBeLessThan(1700);
    } finally {
      await silent.close();
    }
  });
});
