import { describe, expect, it } from 'vitest';
import { batchRule } from './batch.rule.js';
import { evidence, rule } from './test-helpers.js';

const CTX = { now: new Date('2026-11-20T10:00:00Z'), goLive: new Date('2026-12-01T08:00:00Z') };

describe('data/batch', () => {
  it('speaks of records for batch files', () => {
    const v = batchRule.judge(evidence([rule('batch/ref-uuid', { violations: 1 })], { kind: 'batch' }), batchRule.options.parse({}), CTX);
    expect(v.status).toBe('fail');
    expect(v.summary).toContain('1 of 100 records');
    expect(batchRule.probeInput({ files: 'x.gz' }, batchRule.options.parse({}))).toEqual({ kind: 'batch', files: 'x.gz' });
  });

  it('passes clean batch files and fails invalid lines', () => {
    const judge = (e: ReturnType<typeof evidence>) => batchRule.judge(e, batchRule.options.parse({}), CTX);
    expect(judge(evidence([rule('batch/ref-uuid')], { kind: 'batch' })).status).toBe('pass');
    expect(judge(evidence([rule('batch/ref-uuid')], { kind: 'batch', invalidLineCount: 1 })).findings.map((f) => f.code)).toEqual(['invalid-lines']);
  });
});
