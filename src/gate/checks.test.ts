import { describe, expect, it } from 'vitest';
import type { Policy } from '../playbook/model.js';
import { buildPlan } from '../plan/plan.js';
import { apply, emptyState } from '../state/events.js';
import { task, WEEKDAYS_ONLY } from '../../test/support/tasks.js';
import type { CheckVerdict, GateChecks } from './checks.js';
import { evaluateGate } from './gate.js';

const goLive = new Date('2026-12-14T08:00:00Z');
const now = new Date('2026-11-30T09:00:00Z');
const policy: Policy = { freeze: 'T-7d', blockingSeverities: ['blocker'], waiverRoles: [], maxWaiverDays: 30, checks: { environment: 'production', freshnessMs: 24 * 3_600_000, unverified: 'note' } };
const tasks = [task('tls', { due: 'T-3w', severity: 'blocker' }), task('headers', { due: 'T-3w', severity: 'major' }), task('later', { due: 'T-1w', severity: 'blocker' })];
const plan = buildPlan({ goLive, timeZone: 'Europe/Berlin', calendar: WEEKDAYS_ONLY, hypercare: 'T+2w', freeze: policy.freeze, tasks });

const doneState = () => {
  const s = emptyState();
  for (const id of ['tls', 'headers']) apply(s, { action: 'task.status', task: id, to: 'done' }, new Date('2026-11-20T09:00:00Z'), 'dana');
  return s;
};
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const v = (t: string, status: string, h: number, target = 'shop.test:443', rule = 'tls/cert-expiry'): CheckVerdict => ({ task: t, rule, target, status, summary: `${status} summary`, at: hoursAgo(h) });
const expected = [
  { task: 'tls', rule: 'tls/cert-expiry', target: 'shop.test:443' },
  { task: 'headers', rule: 'http/security-headers', target: 'https://shop.test/' },
  { task: 'later', rule: 'dns/records', target: 'shop.test' },
];
const checks = (results: CheckVerdict[]): GateChecks => ({ environment: 'production', expected, results });
const gate = (results: CheckVerdict[], p = policy, state = doneState()) => evaluateGate({ plan, state, policy: p, people: [], now, checks: checks(results) });
const checkReasons = (r: ReturnType<typeof gate>) => r.reasons.filter((x) => x.rule === 'checks').map((x) => `${x.level}:${x.tasks.map((t) => t.id).join(',')}`);

describe('gate: check verdicts', () => {
  it('a done blocker whose latest fresh check fails is NO-GO, with the evidence summary', () => {
    const r = gate([v('tls', 'fail', 2), v('headers', 'pass', 2, 'https://shop.test/', 'http/security-headers')]);
    expect(r.verdict).toBe('NO-GO');
    expect(checkReasons(r)).toEqual(['no-go:tls']);
    expect(r.reasons[0]!.tasks[0]!.checks).toEqual([expect.objectContaining({ rule: 'tls/cert-expiry', status: 'fail', summary: 'fail summary' })]);
  });

  it('error blocks like fail: not verified is not verified', () => {
    expect(gate([v('tls', 'error', 1)]).verdict).toBe('NO-GO');
  });

  it('only the latest result counts: a later pass clears an earlier failure', () => {
    expect(gate([v('tls', 'fail', 5), v('tls', 'pass', 1), v('headers', 'pass', 1, 'https://shop.test/', 'http/security-headers')]).verdict).toBe('GO');
    expect(gate([v('tls', 'pass', 5), v('tls', 'fail', 1)]).verdict).toBe('NO-GO');
  });

  it('results older than the freshness window do not count; the check is then unverified (a note by default)', () => {
    const r = gate([v('tls', 'fail', 30)]);
    expect(r.verdict).toBe('GO');
    expect(checkReasons(r)).toEqual(['note:tls']);
    expect(gate([v('tls', 'fail', 30)], { ...policy, checks: { ...policy.checks, freshnessMs: 48 * 3_600_000 } }).verdict).toBe('NO-GO');
  });

  it('policy unverified: no-go makes a blocker without a fresh result NO-GO; tasks not due yet are not asked for', () => {
    const strict = { ...policy, checks: { ...policy.checks, unverified: 'no-go' as const } };
    const r = gate([], strict);
    expect(r.verdict).toBe('NO-GO');
    expect(checkReasons(r)).toEqual(['no-go:tls']);
  });

  it('warnings, and failures of non-blocking tasks, are listed without changing the verdict', () => {
    const r = gate([v('tls', 'warn', 1), v('headers', 'fail', 1, 'https://shop.test/', 'http/security-headers')]);
    expect(r.verdict).toBe('GO');
    expect(checkReasons(r)).toEqual(['note:tls,headers']);
  });

  it('a waived task or one marked not applicable is not judged by its checks', () => {
    const s = doneState();
    apply(s, { action: 'waiver.add', task: 'tls', id: 'w1', person: 'dana', reason: 'accepted', until: '2026-12-20T00:00:00Z' }, hoursAgo(3), 'dana');
    const r = gate([v('tls', 'fail', 1)], policy, s);
    expect(checkReasons(r)).toEqual([]);
    const na = doneState();
    apply(na, { action: 'task.status', task: 'tls', to: 'na', reason: 'no TLS here' }, hoursAgo(3), 'dana');
    expect(gate([v('tls', 'fail', 1)], policy, na).verdict).toBe('GO');
  });

  it('results from the future (a clock pinned in the past) do not count, beyond a few minutes of clock skew', () => {
    expect(gate([{ ...v('tls', 'fail', 0), at: new Date(now.getTime() + 60 * 60_000) }]).verdict).toBe('GO');
    expect(gate([{ ...v('tls', 'fail', 0), at: new Date(now.getTime() + 60_000) }]).verdict).toBe('NO-GO');
  });
});
