import { describe, expect, it } from 'vitest';
import type { SegmentResult } from '../../data/segments.js';
import type { SegmentsEvidence } from './segments.probe.js';
import { segmentsRule } from './segments.rule.js';

const CTX = { now: new Date('2026-11-20T10:00:00Z'), goLive: new Date('2026-12-01T08:00:00Z') };
const AT = { file: 'exports/vip.csv', line: 4, record: 3 };

function segment(over: Partial<SegmentResult> = {}): SegmentResult {
  return {
    name: 'vip', export: 'exports/vip.csv', match: 'email', files: [], rows: 1000, guests: 1000, withoutMatch: 0, unreadable: { count: 0, examples: [] },
    checks: [{ kind: 'includes', ok: true, expected: ['anna@x.io'], missing: [] }], ...over,
  };
}
const judge = (e: SegmentsEvidence) => segmentsRule.judge(e, segmentsRule.options.parse({}), CTX);
const codes = (e: SegmentsEvidence) => judge(e).findings.map((f) => f.code);

describe('data/segments', () => {
  it('passes when every expectation holds', () => {
    const v = judge({ declared: ['vip'], segments: [segment()] });
    expect(v.status).toBe('pass');
    expect(v.summary).toContain('1 of 1 segments as expected');
  });

  it('is skipped when no segment is declared', () => {
    expect(judge({ declared: [], segments: [] }).status).toBe('skipped');
  });

  const failing: { name: string; e: SegmentsEvidence; code: string; text: RegExp }[] = [
    { name: 'a test guest missing', e: { declared: ['vip'], segments: [segment({ checks: [{ kind: 'includes', ok: false, expected: ['anna@x.io', 'ben@x.io'], missing: ['ben@x.io'] }] })] }, code: 'guest-missing', text: /ben@x\.io/ },
    { name: 'an excluded guest present', e: { declared: ['vip'], segments: [segment({ checks: [{ kind: 'excludes', ok: false, expected: ['olga@x.io'], unexpected: [{ guest: 'olga@x.io', at: AT }] }] })] }, code: 'guest-unexpected', text: /olga@x\.io \(exports\/vip\.csv:4\)/ },
    { name: 'size out of range', e: { declared: ['vip'], segments: [segment({ checks: [{ kind: 'size', ok: false, rows: 10, min: 900, max: 1100 }] })] }, code: 'size-out-of-range', text: /10 rows/ },
    { name: 'count off the source', e: { declared: ['vip'], segments: [segment({ checks: [{ kind: 'source-count', ok: false, rows: 700, source: 'crm/vip.csv', files: [], counted: 'rows', count: 1000, tolerance: 0.05, low: 950, high: 1050 }] })] }, code: 'count-off-source', text: /950\.\.1,050/ },
    { name: 'an unreadable export', e: { declared: ['vip'], segments: [segment({ checks: [], error: { message: 'exports/vip.csv: no such file', hint: 'export it' } })] }, code: 'export-unreadable', text: /no such file/ },
    { name: 'unreadable records', e: { declared: ['vip'], segments: [segment({ unreadable: { count: 2, examples: [] } })] }, code: 'export-records-unreadable', text: /2 records/ },
    { name: 'an undeclared name', e: { declared: ['vip'], unknown: 'vipp', segments: [] }, code: 'segment-not-declared', text: /declared: vip/ },
  ];
  for (const c of failing) {
    it(c.name, () => {
      const v = judge(c.e);
      expect(v.status).toBe('fail');
      expect(codes(c.e)).toEqual([c.code]);
      expect(`${v.findings[0]?.message} ${v.findings[0]?.hint}`).toMatch(c.text);
      expect(v.findings[0]?.hint).toBeTruthy();
    });
  }

  it('asks the probe for the one segment its target names', () => {
    expect(segmentsRule.probeInput(segmentsRule.targetFromString('vip') as { segment: string }, {})).toEqual({ segment: 'vip' });
  });
});
