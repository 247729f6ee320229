import { describe, expect, it } from 'vitest';
import { compare, ruleCtx, type RuleCase } from '../http/test-helpers.js';
import { batchUploadsRule } from './batch-uploads.rule.js';
import type { BatchInspectEvidence, BatchUpload } from './evidence.js';

// ruleCtx.now is 2026-11-20T10:00:00Z: the default 7-day window starts 2026-11-13T10:00:00Z.
const BASE = 'https://api-engage-eu.sitecorecloud.io/';
const LOG = 'https://cdp-batch-logs.example/logs/5c1e.log';
const upload = (ref: string, status: string, createdAt: string | undefined, log?: string): BatchUpload => ({ ref, status, ...(createdAt ? { createdAt } : {}), ...(log ? { log } : {}) });
const ev = (uploads: BatchUpload[], extra: Partial<Extract<BatchInspectEvidence, { configured: true }>> = {}): BatchInspectEvidence => ({ configured: true, base: BASE, statuses: ['error', 'corrupted'], uploads, truncated: false, ...extra });

const valid: RuleCase<BatchInspectEvidence>[] = [
  { name: 'no failed or corrupted upload in 30 days', evidence: ev([], { totalCount: 0 }), status: 'pass', codes: [] },
  { name: 'a failure 10 days ago, before the 7-day window', evidence: ev([upload('b-old', 'error', '2026-11-10T09:00:00.000Z', LOG)]), status: 'pass', codes: [] },
  { name: 'a failure just before the window starts', evidence: ev([upload('b-edge', 'corrupted', '2026-11-13T09:59:59.999Z')]), status: 'pass', codes: [] },
  { name: 'a failure in the window listed in ignoreRefs', evidence: ev([upload('b-1', 'error', '2026-11-19T08:00:00.000Z', LOG)]), options: { ignoreRefs: ['b-1'] }, status: 'pass', codes: [] },
  { name: 'credentials not set', evidence: { configured: false, missing: ['SITECORE_CDP_CLIENT_KEY', 'SITECORE_CDP_API_TOKEN'] }, status: 'skipped', codes: [] },
];

const invalid: RuleCase<BatchInspectEvidence>[] = [
  { name: 'an error upload yesterday', evidence: ev([upload('b-1', 'error', '2026-11-19T08:00:00.000Z', LOG)]), status: 'fail', codes: ['batch-upload-error'] },
  { name: 'a corrupted upload at the start of the window', evidence: ev([upload('b-2', 'corrupted', '2026-11-13T10:00:00.000Z')]), status: 'fail', codes: ['batch-upload-corrupted'] },
  { name: 'the 10-day-old failure with sinceDays 14', evidence: ev([upload('b-old', 'error', '2026-11-10T09:00:00.000Z')]), options: { sinceDays: 14 }, status: 'fail', codes: ['batch-upload-error'] },
  { name: 'an upload without a readable date counts', evidence: ev([upload('b-3', 'error', 'yesterday')]), status: 'fail', codes: ['batch-upload-error'] },
  { name: 'two failures, one ignored', evidence: ev([upload('b-1', 'error', '2026-11-19T08:00:00.000Z'), upload('b-2', 'corrupted', '2026-11-18T08:00:00.000Z')]), options: { ignoreRefs: ['b-1'] }, status: 'fail', codes: ['batch-upload-corrupted'] },
  { name: 'more failures than read', evidence: ev([], { totalCount: 700, truncated: true }), status: 'warn', codes: ['uploads-truncated'] },
  { name: 'credentials refused', evidence: ev([], { refused: { status: 401 } }), status: 'fail', codes: ['api-credentials-rejected'] },
];

describe('cdp/batch-uploads', () => {
  it.each([...valid, ...invalid])('$name', (c) => {
    const { got, want, summary } = compare(batchUploadsRule, c);
    expect(got, summary).toEqual(want);
  });

  it('lists the ref and the log link of a failed upload', () => {
    const v = batchUploadsRule.judge(invalid[0]!.evidence, batchUploadsRule.options.parse({}), ruleCtx);
    expect(v.findings[0]).toMatchObject({ subject: 'b-1', message: `batch b-1 ended error, created 2026-11-19T08:00:00.000Z; error log: ${LOG}` });
    expect(v.summary).toBe(`A batch upload failed or was corrupted in the go-live window: batch b-1 ended error, created 2026-11-19T08:00:00.000Z; error log: ${LOG}`);
  });

  it('says what it counted: the window start, older and ignored failures', () => {
    const v = batchUploadsRule.judge(ev([upload('b-old', 'error', '2026-11-01T00:00:00Z'), upload('b-1', 'error', '2026-11-19T08:00:00Z')]), batchUploadsRule.options.parse({ ignoreRefs: ['b-1'] }), ruleCtx);
    expect(v.summary).toBe('No batch upload failed or was corrupted in the go-live window: none since 2026-11-13 (the last 7 days)');
    expect(v.findings.map((f) => f.code)).toEqual(['uploads-ignored', 'uploads-before-window']);
  });

  it('keeps the window within the 30 days the API lists', () => {
    expect(batchUploadsRule.options.safeParse({ sinceDays: 31 }).success).toBe(false);
    expect(batchUploadsRule.options.safeParse({ sinceDays: 0 }).success).toBe(false);
    expect(batchUploadsRule.options.parse({}).sinceDays).toBe(7);
  });
});
