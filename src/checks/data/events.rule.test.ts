import { describe, expect, it } from 'vitest';
import type { DataFilesEvidence } from './evidence.js';
import { eventsRule } from './events.rule.js';
import { evidence, rule } from './test-helpers.js';

const CTX = { now: new Date('2026-11-20T10:00:00Z'), goLive: new Date('2026-12-01T08:00:00Z') };

const judge = (e: DataFilesEvidence, options: Record<string, unknown> = {}) => eventsRule.judge(e, eventsRule.options.parse(options), CTX);
const codes = (v: ReturnType<typeof judge>) => v.findings.map((f) => `${f.severity}:${f.code}`);

describe('data/events', () => {
  const clean = [rule('events/language-code'), rule('events/pos-present'), rule('events/order-total', { severity: 'warn' })];
  const cases: { name: string; e: DataFilesEvidence; options?: Record<string, unknown>; status: string; codes: string[] }[] = [
    { name: 'no violations', e: evidence(clean), status: 'pass', codes: [] },
    { name: 'a failing rule', e: evidence([rule('events/language-code', { violations: 3 }), clean[1]!]), status: 'fail', codes: ['fail:language-code'] },
    { name: 'a warning rule', e: evidence([clean[0]!, rule('events/order-total', { severity: 'warn', violations: 2 })]), status: 'warn', codes: ['warn:order-total'] },
    { name: 'a threshold rule under its threshold passes', e: evidence([rule('events/ext-fill-rate', { violations: 3, rate: 0.03, threshold: { measure: 'fill rate', value: 0.97, min: 0.95 }, failing: false })]), status: 'pass', codes: [] },
    { name: 'a threshold rule past its threshold fails', e: evidence([rule('events/ext-fill-rate', { subject: 'loyaltyTier', violations: 9, rate: 0.09, threshold: { measure: 'fill rate', value: 0.91, min: 0.95 }, failing: true })]), status: 'fail', codes: ['fail:ext-fill-rate'] },
    { name: 'selection leaves the failing rule out', e: evidence([rule('events/language-code', { violations: 3 }), clean[1]!]), options: { rules: ['events/pos-*'] }, status: 'pass', codes: [] },
    { name: 'selection by wildcard keeps it', e: evidence([rule('events/language-code', { violations: 3 })]), options: { rules: ['events/lang*'] }, status: 'fail', codes: ['fail:language-code'] },
    { name: 'a selection that matches nothing', e: evidence(clean), options: { rules: ['events/nope'] }, status: 'fail', codes: ['fail:unknown-rule'] },
    { name: 'invalid lines', e: evidence(clean, { invalidLineCount: 2, invalidLines: [{ file: 'e.ndjson', line: 4, reason: 'not valid JSON' }] }), status: 'fail', codes: ['fail:invalid-lines'] },
    { name: 'invalid lines tolerated', e: evidence(clean, { invalidLineCount: 2 }), options: { maxInvalidLines: 2 }, status: 'pass', codes: [] },
    { name: 'an unreadable file of a set', e: evidence(clean, { files: [{ file: 'e.ndjson', lines: 100 }, { file: 'cut.gz', lines: 0, error: 'truncated gzip' }] }), status: 'fail', codes: ['fail:file-unreadable'] },
    { name: 'nothing declared is a note', e: evidence(clean, { declared: { languages: null, currencies: 1, pointsOfSale: null, identityRules: 1 } }), status: 'pass', codes: ['info:facts-not-declared'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const v = judge(c.e, c.options);
      expect(v.status).toBe(c.status);
      expect(codes(v)).toEqual(c.codes);
      for (const f of v.findings.filter((x) => x.severity !== 'info')) expect(f.hint).toBeTruthy();
    });
  }

  it('names counts, rate and the first example with its line', () => {
    const v = judge(evidence([rule('events/language-code', { violations: 3 })]));
    expect(v.summary).toContain('3 of 100 events (3.0%)');
    expect(v.findings[0]).toMatchObject({ subject: 'e.ndjson:7', message: expect.stringContaining('e.g. e.ndjson:7 "en"') as unknown });
    expect(v.findings[0]?.hint).toMatch(/html lang/);
  });

  it('gives the measured share and the minimum of an aggregate rule, with its subject', () => {
    const v = judge(evidence([rule('events/ext-fill-rate', { subject: 'loyaltyTier', violations: 9, rate: 0.09, threshold: { measure: 'fill rate', value: 0.91, min: 0.95 }, failing: true })]));
    expect(v.findings[0]?.message).toContain('(loyaltyTier): fill rate 91.0%, below the minimum 95.0%: 9 of 100 events lack it');
  });

  it('says what was checked when it passes', () => {
    expect(judge(evidence(clean)).summary).toContain('100 events in 1 file, 3 rules');
  });

  it('asks the probe for the files only: selections share one read', () => {
    expect(eventsRule.probeInput({ files: 'x.gz' }, eventsRule.options.parse({ rules: ['events/*'] }))).toEqual({ kind: 'events', files: 'x.gz' });
  });
});
