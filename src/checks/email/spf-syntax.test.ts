import { describe, expect, test } from 'vitest';
import { spfSyntaxErrors } from './spf-syntax.js';
import { summariseSpf } from './spf-parse.js';

const valid = [
  'v=spf1 -all',
  'v=spf1 include:_spf.google.com ~all',
  'v=spf1 a mx a:mail.example.com/24 mx:example.com//64 a/24//96 ptr ptr:example.org -all',
  'v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.7 ip6:2001:db8::/32 ip6:::1 -all',
  'v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} -all',
  'v=spf1 include:%{d2}.example.net redirect=_spf.example.com',
  'v=spf1 -all exp=explain.%{d} moo=%{c}bar foo.bar-1=',
  'v=spf1 a:foo:bar/baz.example.com',
  'V=SPF1   MX   -ALL   ',
];

const invalid: [string, RegExp][] = [
  ['v=spf1 -all ip6', /ip6: a value after ":" is required/],
  ['v=spf1 exp=-all', /does not end in a valid top label/],
  ['v=spf1 exp=a.example.com -all exp=b.example.com', /exp=: appears more than once/],
  ['v=spf1 redirect=a.example.com redirect=b.example.com', /redirect=: appears more than once/],
  ['v=spf1 -all exp=%{r}.example.com', /macro letter "r" is not allowed/],
  ['v=spf1 include:%{d0}.example.com -all', /non-zero/],
  ['v=spf1 include:%{x}.example.com -all', /invalid character or macro/],
  ['v=spf1 include: -all', /empty domain/],
  ['v=spf1 include -all', /a value after ":" is required/],
  ['v=spf1 include:example.com/24 -all', /top label/],
  ['v=spf1 ip4:192.0.2.300 -all', /invalid network/],
  ['v=spf1 ip4:192.0.2.0/33 -all', /invalid network/],
  ['v=spf1 ip4:192.0.2.0/024 -all', /invalid network/],
  ['v=spf1 ip6:2001:db8::/129 -all', /invalid network/],
  ['v=spf1 ip6:192.0.2.1 -all', /invalid network/],
  ['v=spf1 a/33 -all', /out of range/],
  ['v=spf1 mx//129 -all', /out of range/],
  ['v=spf1 ptr/24 -all', /required/],
  ['v=spf1 all:foo', /takes no value/],
  ['v=spf1 foo:bar -all', /unknown mechanism "foo"/],
  ['v=spf1 include:50% -all', /invalid character or macro/],
  ['v=spf1 a:exa\u00e9mple.com -all', /printable ASCII/],
];

describe('SPF grammar (RFC 7208 §12)', () => {
  test.each(valid)('valid: %s', (record) => {
    expect(spfSyntaxErrors(record)).toEqual([]);
  });
  test.each(invalid)('invalid: %s', (record, message) => {
    const errors = spfSyntaxErrors(record);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });
});

describe('SPF summary', () => {
  test('terms after all are not evaluated; redirect beside all is ignored', () => {
    expect(summariseSpf('v=spf1 include:a.example mx -all include:b.example redirect=c.example')).toEqual({
      lookups: 2, includes: ['a.example'], redirect: null, ignoredRedirect: 'c.example', all: '-', usesPtr: false,
    });
  });
  test('redirect counts as a lookup without all', () => {
    expect(summariseSpf('v=spf1 ptr exists:%{i}.x.example redirect=c.example.')).toMatchObject({ lookups: 3, redirect: 'c.example', all: null, usesPtr: true });
  });
});
