import { describe, expect, test } from 'vitest';
import { judgeCase, type RuleCase } from './test-helpers.js';
import type { SpfEvidence } from './spf.probe.js';
import { spfRule } from './spf.rule.js';
import { countLookups, type SpfNode } from './spf-walk.js';

const node = (domain: string, record: string | null, via: SpfNode['via'] = 'root', parent: number | null = null, problem: SpfNode['problem'] = null): SpfNode => ({
  domain,
  via,
  parent,
  records: record === null ? [] : [record],
  problem,
});

/** Evidence as the probe builds it: the root's records, a tree, and mailauth's result (fail by default). */
function ev(tree: SpfNode[], patch: Partial<SpfEvidence> = {}): SpfEvidence {
  const counted = countLookups(tree);
  return { domain: tree[0]!.domain, records: tree[0]!.records, result: 'fail', reason: null, testIp: '203.0.113.1', lookups: { counted, evaluated: counted, void: 0 }, tree, truncated: false, ...patch };
}

const root = (record: string | null) => node('example.com', record);
const provider = (record: string, parent = 0, via: SpfNode['via'] = 'include', name = '_spf.provider.example') => node(name, record, via, parent);
const eleven = Array.from({ length: 11 }, (_, i) => `a:h${i}.example.com`).join(' ');

const valid: RuleCase<SpfEvidence>[] = [
  { name: 'include and -all', evidence: ev([root('v=spf1 include:_spf.provider.example -all'), provider('v=spf1 ip4:198.51.100.0/24 -all')]), status: 'pass', codes: [] },
  { name: '~all accepted by option', evidence: ev([root('v=spf1 mx ~all')]), with: { softfail: 'accept' }, status: 'pass', codes: [] },
  {
    name: 'required provider reached through a nested include',
    evidence: ev([root('v=spf1 include:spf.esp.example -all'), provider('v=spf1 include:_spf.provider.example -all', 0, 'include', 'spf.esp.example'), provider('v=spf1 ip4:198.51.100.0/24 -all', 1)]),
    with: { include: ['_spf.provider.example.'] },
    status: 'pass',
    codes: [],
  },
  { name: 'redirect to a policy ending in -all', evidence: ev([root('v=spf1 redirect=_spf.provider.example'), provider('v=spf1 ip4:198.51.100.0/24 -all', 0, 'redirect')]), with: { include: ['_spf.provider.example'] }, status: 'pass', codes: [] },
  { name: 'include with a macro is noted, not followed', evidence: ev([root('v=spf1 include:%{d}.spf.example -all'), node('%{d}.spf.example', null, 'include', 0, 'macro')]), status: 'pass', codes: [] },
  { name: 'exactly ten lookups', evidence: ev([root(`v=spf1 ${Array.from({ length: 10 }, (_, i) => `a:h${i}.example.com`).join(' ')} -all`)]), status: 'pass', codes: [] },
];

const invalid: RuleCase<SpfEvidence>[] = [
  { name: 'no record', evidence: ev([node('example.com', null, 'root', null, 'no-record')], { result: 'none' }), status: 'fail', codes: ['spf-missing'] },
  { name: 'domain does not exist', evidence: ev([node('example.com', null, 'root', null, 'nxdomain')], { result: 'none' }), status: 'fail', codes: ['spf-missing'] },
  { name: 'two records', evidence: ev([{ ...root(null), records: ['v=spf1 -all', 'v=spf1 mx -all'], problem: 'multiple-records' }], { records: ['v=spf1 -all', 'v=spf1 mx -all'], result: 'permerror' }), status: 'fail', codes: ['spf-multiple-records'] },
  { name: '+all', evidence: ev([root('v=spf1 mx +all')], { result: 'pass' }), status: 'fail', codes: ['spf-pass-all'] },
  { name: 'bare all means +all', evidence: ev([root('v=spf1 all')], { result: 'pass' }), status: 'fail', codes: ['spf-pass-all'] },
  { name: '?all', evidence: ev([root('v=spf1 mx ?all')], { result: 'neutral' }), status: 'warn', codes: ['spf-neutral-all'] },
  { name: '~all warns by default', evidence: ev([root('v=spf1 mx ~all')], { result: 'softfail' }), status: 'warn', codes: ['spf-softfail-all'] },
  { name: 'no all and no redirect', evidence: ev([root('v=spf1 mx')], { result: 'neutral' }), status: 'warn', codes: ['spf-no-all'] },
  { name: 'ptr', evidence: ev([root('v=spf1 ptr -all')]), status: 'warn', codes: ['spf-ptr'] },
  { name: 'ptr in an include', evidence: ev([root('v=spf1 include:_spf.provider.example -all'), provider('v=spf1 ptr:example.net -all')]), status: 'warn', codes: ['spf-ptr'] },
  { name: 'redirect beside all', evidence: ev([root('v=spf1 mx -all redirect=_spf.provider.example')]), status: 'warn', codes: ['spf-redirect-ignored'] },
  { name: 'include ending in +all', evidence: ev([root('v=spf1 include:_spf.provider.example -all'), provider('v=spf1 +all')], { result: 'pass' }), status: 'fail', codes: ['spf-pass-all'] },
  { name: 'redirect to ~all', evidence: ev([root('v=spf1 redirect=_spf.provider.example'), provider('v=spf1 mx ~all', 0, 'redirect')]), status: 'warn', codes: ['spf-softfail-all'] },
  { name: 'eleven lookups', evidence: ev([root(`v=spf1 ${eleven} -all`)], { result: 'permerror', reason: 'Too many DNS requests' }), status: 'fail', codes: ['spf-too-many-lookups'] },
  { name: 'too many lookups seen only by evaluation', evidence: ev([root('v=spf1 mx -all')], { result: 'permerror', reason: 'Too many DNS requests' }), status: 'fail', codes: ['spf-too-many-lookups'] },
  { name: 'void lookups', evidence: ev([root('v=spf1 a:n1.example a:n2.example a:n3.example -all')], { result: 'permerror', reason: 'Too many void DNS results' }), status: 'fail', codes: ['spf-too-many-void-lookups'] },
  {
    name: 'include loop (the lookup overflow it causes is not repeated)',
    evidence: ev([root('v=spf1 include:b.example -all'), provider('v=spf1 include:example.com -all', 0, 'include', 'b.example'), node('example.com', null, 'include', 1, 'loop')], { result: 'permerror', reason: 'Too many DNS requests' }),
    status: 'fail',
    codes: ['spf-loop'],
  },
  { name: 'include target without a record', evidence: ev([root('v=spf1 include:gone.example -all'), node('gone.example', null, 'include', 0, 'nxdomain')], { result: 'permerror', reason: 'no SPF records found for gone.example' }), status: 'fail', codes: ['spf-include-missing'] },
  {
    name: 'include target with two records',
    evidence: ev([root('v=spf1 include:two.example -all'), { ...node('two.example', null, 'include', 0, 'multiple-records'), records: ['v=spf1 -all', 'v=spf1 mx -all'] }], { result: 'permerror', reason: 'multiple SPF records found for two.example' }),
    status: 'fail',
    codes: ['spf-multiple-records'],
  },
  { name: 'redirect target missing (no policy judged)', evidence: ev([root('v=spf1 redirect=gone.example'), node('gone.example', null, 'redirect', 0, 'no-record')], { result: 'permerror' }), status: 'fail', codes: ['spf-include-missing'] },
  { name: 'unknown mechanism', evidence: ev([root('v=spf1 foo:bar -all')], { result: 'permerror', reason: 'Unknown mechanism foo' }), status: 'fail', codes: ['spf-syntax'] },
  { name: 'invalid include name', evidence: ev([root('v=spf1 include:bad..name -all'), node('bad..name', null, 'include', 0, 'invalid-name')], { result: 'permerror', reason: 'Invalid domain bad..name' }), status: 'fail', codes: ['spf-syntax'] },
  { name: 'permerror without a known reason', evidence: ev([root('v=spf1 exists:%{l}.example -all')], { result: 'permerror', reason: null }), status: 'fail', codes: ['spf-permerror'] },
  { name: 'required provider missing', evidence: ev([root('v=spf1 include:spf.other.example -all'), provider('v=spf1 -all', 0, 'include', 'spf.other.example')]), with: { include: ['_spf.provider.example'] }, status: 'fail', codes: ['spf-provider-missing'] },
  { name: 'tree truncated', evidence: ev([root('v=spf1 include:_spf.provider.example -all'), provider('v=spf1 -all')], { truncated: true }), status: 'warn', codes: ['spf-tree-truncated'] },
];

describe('email/spf rule', () => {
  test.each(valid)('valid: $name', (c) => {
    const r = judgeCase(spfRule, c);
    expect({ status: r.status, codes: r.codes }).toEqual({ status: c.status, codes: c.codes });
  });
  test.each(invalid)('invalid: $name', (c) => {
    const r = judgeCase(spfRule, c);
    expect({ status: r.status, codes: r.codes }).toEqual({ status: c.status, codes: c.codes });
    expect(r.hintless).toEqual([]);
    expect(r.verdict.summary).toMatch(/SPF/);
  });
  test('the pass summary names the record and the lookup count', () => {
    const r = judgeCase(spfRule, valid[0]!);
    expect(r.verdict.summary).toContain('(1/10 lookups)');
  });
  test('options are strict and validated', () => {
    expect(spfRule.options.safeParse({ softfail: 'maybe' }).success).toBe(false);
    expect(spfRule.options.safeParse({ includes: [] }).success).toBe(false);
    expect(spfRule.options.parse({})).toEqual({ include: [], softfail: 'warn' });
  });
  test('target from a string and probe input', () => {
    expect(spfRule.target.parse(spfRule.targetFromString('https://Example.COM/path'))).toEqual({ domain: 'example.com' });
    expect(spfRule.probeInput({ domain: 'Example.COM.' }, spfRule.options.parse({ include: ['x.example'] }))).toEqual({ domain: 'example.com' });
  });
});
