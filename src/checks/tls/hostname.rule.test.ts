import { describe, expect, it } from 'vitest';
import { hostnameRule } from './hostname.rule.js';
import { covers, dnsNameMatches } from './hostname-match.js';
import { hintsOf, handshake, judge, leaf, outcome, type RuleCase } from './test-helpers.js';

const withSans = (dnsNames: string[], ipAddresses: string[] = [], o: Record<string, unknown> = {}) =>
  handshake({ chain: [leaf({ dnsNames, ipAddresses, sanCount: dnsNames.length + ipAddresses.length })], ...o });

const valid: RuleCase[] = [
  { name: 'exact name', evidence: withSans(['shop.example.com']), status: 'pass', codes: [] },
  { name: 'case and trailing dot do not matter', evidence: withSans(['SHOP.Example.COM.']), status: 'pass', codes: [] },
  { name: 'wildcard covers one label', evidence: withSans(['*.example.com']), status: 'pass', codes: [] },
  { name: 'apex and www in one certificate', evidence: withSans(['example.com', 'www.example.com'], [], { host: 'example.com' }), with: { names: ['www.example.com'] }, status: 'pass', codes: [] },
  { name: 'IP target in an IP SAN', evidence: withSans([], ['127.0.0.1'], { host: '127.0.0.1' }), status: 'pass', codes: [] },
  { name: 'IPv6 target, differently written', evidence: withSans([], ['0:0:0:0:0:0:0:1'], { host: '::1' }), status: 'pass', codes: [] },
];

const invalid: RuleCase[] = [
  { name: 'another name', evidence: withSans(['other.example.com']), status: 'fail', codes: ['name-not-covered'] },
  { name: 'wildcard does not cover two labels', evidence: withSans(['*.example.com'], [], { host: 'a.shop.example.com' }), status: 'fail', codes: ['name-not-covered'] },
  { name: 'wildcard does not cover the apex', evidence: withSans(['*.example.com'], [], { host: 'example.com' }), status: 'fail', codes: ['name-not-covered'] },
  { name: 'www missing', evidence: withSans(['example.com'], [], { host: 'example.com' }), with: { names: ['www.example.com'] }, status: 'fail', codes: ['name-not-covered'] },
  { name: 'apex and www both missing', evidence: withSans(['shop.example.com']), with: { names: ['example.com', 'www.example.com'] }, status: 'fail', codes: ['name-not-covered', 'name-not-covered'] },
  { name: 'IP target, only DNS SANs', evidence: withSans(['localhost'], [], { host: '127.0.0.1' }), status: 'fail', codes: ['name-not-covered'] },
  { name: 'DNS name equal to an IP SAN text does not count', evidence: withSans([], ['127.0.0.1']), status: 'fail', codes: ['name-not-covered'] },
  { name: 'no SAN at all (CN only)', evidence: withSans([]), status: 'fail', codes: ['no-san'] },
  {
    name: 'not found among truncated SANs',
    evidence: handshake({ chain: [leaf({ dnsNames: ['a.example.com'], sanCount: 1000 })] }),
    status: 'fail',
    codes: ['name-not-covered', 'sans-truncated'],
  },
];

describe('tls/hostname', () => {
  it.each([...valid, ...invalid])('$name -> $status $codes', (c) => {
    const v = judge(hostnameRule, c.evidence, c.with, c.ctx);
    expect(outcome(v)).toEqual({ status: c.status, codes: c.codes });
    for (const h of hintsOf(v)) expect(h).toEqual({ code: h.code, ok: true });
  });

  it('lists the names the certificate does have', () => {
    const v = judge(hostnameRule, withSans(['other.example.com', '*.other.example.com']));
    expect(v.summary).toContain('shop.example.com is not covered');
    expect(v.summary).toContain('other.example.com, *.other.example.com');
  });

  it('rejects a name that is not a host name', () => {
    expect(() => hostnameRule.options.parse({ names: ['https://example.com/'] })).toThrow();
  });
});

describe('RFC 6125 wildcard matching', () => {
  const cases: [string, string, boolean][] = [
    ['*.example.com', 'a.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', '.example.com', false],
    ['w*.example.com', 'www.example.com', false],
    ['*.com', 'example.com', false],
    ['a.*.example.com', 'a.b.example.com', false],
    ['*.*.example.com', 'a.b.example.com', false],
    ['*.EXAMPLE.com', 'A.example.COM', true],
  ];
  it.each(cases)('%s vs %s -> %s', (pattern, host, expected) => {
    expect(dnsNameMatches(pattern, host)).toBe(expected);
  });

  it('never matches a wildcard against an IP', () => {
    expect(covers({ dnsNames: ['*.0.0.1'], ipAddresses: [] }, '127.0.0.1')).toBe(false);
  });
});
