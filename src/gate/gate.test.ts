import { describe, expect, it } from 'vitest';
import type { Policy } from '../playbook/model.js';
import { buildPlan } from '../plan/plan.js';
import { localToInstant } from '../plan/time.js';
import { apply, emptyState, type ChangeEvent, type ProjectState } from '../state/events.js';
import { task, WEEKDAYS_ONLY } from '../../test/support/tasks.js';
import { evaluateGate } from './gate.js';

const zone = 'Europe/Berlin';
const at = (local: string) => {
  const r = localToInstant(local, zone);
  if ('problem' in r) throw new Error(r.problem);
  return r.instant;
};
const goLive = at('2026-12-14T09:00');
const policy: Policy = { freeze: 'T-7d', blockingSeverities: ['blocker'], waiverRoles: [], maxWaiverDays: 30, checks: { environment: 'production', freshnessMs: 86_400_000, unverified: 'note' } };
const people = [{ id: 'dana', name: 'Dana', roles: ['delivery-lead'] }, { id: 'lee', name: 'Lee', roles: ['legal'] }];

const tasks = [
  task('dns', { due: 'T-3w', severity: 'blocker' }),
  task('privacy', { due: 'T-2w', severity: 'major', signoff: ['legal'] }),
  task('docs', { due: 'T-2w', severity: 'minor' }),
  task('switch', { phase: 'cutover', severity: 'blocker' }),
];

function stateOf(events: [string, ChangeEvent][]): ProjectState {
  const s = emptyState();
  for (const [when, e] of events) apply(s, e, at(when), 'dana');
  return s;
}
const done = (id: string, when = '2026-11-20T10:00'): [string, ChangeEvent] => [when, { action: 'task.status', task: id, to: 'done' }];
const signed = (id: string, role: string, when = '2026-11-20T10:00', expiresAt?: string): [string, ChangeEvent] => [when, { action: 'signoff.add', task: id, id: `${id}-${role}-${when}`, person: 'lee', role, ...(expiresAt ? { expiresAt } : {}) }];
const waived = (id: string, until: string, when = '2026-11-20T10:00'): [string, ChangeEvent] => [when, { action: 'waiver.add', task: id, id: `w-${id}`, person: 'dana', reason: 'accepted', until: at(until).toISOString() }];

const planFor = (p: Policy) => buildPlan({ goLive, timeZone: zone, calendar: WEEKDAYS_ONLY, hypercare: 'T+2w', freeze: p.freeze, tasks });
const gate = (state: ProjectState, now: string, p = policy) => evaluateGate({ plan: planFor(p), state, policy: p, people, now: at(now) });
const rules = (r: ReturnType<typeof gate>) => r.reasons.filter((x) => x.level !== 'note').map((x) => `${x.rule}:${x.tasks.map((t) => t.id).join(',')}`);

describe('gate policy', () => {
  it('(a) NO-GO when a blocker due by now is not done, naming it and its owners', () => {
    const r = gate(emptyState(), '2026-11-24T10:00');
    expect(r.verdict).toBe('NO-GO');
    expect(rules(r)).toEqual(['blockers-due:dns']);
    expect(r.reasons[0]?.tasks[0]).toMatchObject({ owner: 'delivery-lead', people: ['dana'] });
  });

  it('(a) GO when the due blocker is done and nothing else is due', () => {
    expect(gate(stateOf([done('dns')]), '2026-11-24T10:00').verdict).toBe('GO');
  });

  it('(a) a blocker not yet due does not block, and an overdue minor task is only a note', () => {
    const r = gate(stateOf([done('dns'), signed('privacy', 'legal'), done('privacy')]), '2026-12-01T10:00');
    expect(r.verdict).toBe('GO');
    expect(r.reasons.find((x) => x.level === 'note')?.tasks.map((t) => t.id)).toEqual(['docs']);
  });

  it('(a) blocking severities come from the policy', () => {
    const r = gate(stateOf([done('dns'), signed('privacy', 'legal'), done('privacy')]), '2026-12-01T10:00', { ...policy, blockingSeverities: ['blocker', 'minor'] });
    expect(rules(r)).toEqual(['blockers-due:docs']);
  });

  it('(b) NO-GO when a required sign-off is missing, even if the task is done', () => {
    const r = gate(stateOf([done('dns'), done('privacy')]), '2026-12-01T10:00');
    expect(rules(r)).toEqual(['signoffs:privacy']);
    expect(r.reasons[0]?.tasks[0]?.signoffs).toEqual([{ role: 'legal', state: 'missing' }]);
  });

  it('(b) an expired sign-off does not count', () => {
    const r = gate(stateOf([done('dns'), done('privacy'), signed('privacy', 'legal', '2026-11-20T10:00', at('2026-11-30T00:00').toISOString())]), '2026-12-01T10:00');
    expect(r.reasons[0]?.tasks[0]?.signoffs).toEqual([{ role: 'legal', state: 'expired' }]);
  });

  it('(b) a sign-off lapses when the task is reopened after it', () => {
    const s = stateOf([done('dns'), signed('privacy', 'legal'), done('privacy'), ['2026-11-25T10:00', { action: 'task.status', task: 'privacy', to: 'todo' }], done('privacy', '2026-11-26T10:00')]);
    const r = gate(s, '2026-12-01T10:00');
    expect(r.reasons[0]?.tasks[0]?.signoffs).toEqual([{ role: 'legal', state: 'lapsed' }]);
  });

  it('(c) from the freeze point every pre-launch task must be done: NO-GO with a recommendation to postpone', () => {
    const r = gate(stateOf([done('dns'), signed('privacy', 'legal'), done('privacy')]), '2026-12-08T10:00');
    expect(r.frozen).toBe(true);
    expect(rules(r)).toEqual(['freeze:docs']);
    expect(r.recommendation).toMatch(/Postpone/);
    expect(r.reasons[0]?.message).toMatch(/owners: delivery-lead/);
  });

  it('(c) a pre-launch task due after the freeze point is not required at the freeze point', () => {
    const late = [...tasks, task('ttl', { due: 'T-3d', severity: 'major' })];
    const p = buildPlan({ goLive, timeZone: zone, calendar: WEEKDAYS_ONLY, hypercare: 'T+2w', freeze: 'T-7d', tasks: late });
    const r = evaluateGate({ plan: p, state: stateOf([done('dns'), signed('privacy', 'legal'), done('privacy'), done('docs')]), policy, people, now: at('2026-12-08T10:00') });
    expect(r.verdict).toBe('GO');
    const after = evaluateGate({ plan: p, state: stateOf([done('dns'), signed('privacy', 'legal'), done('privacy'), done('docs')]), policy, people, now: at('2026-12-11T10:00') });
    expect(after.reasons.find((x) => x.level === 'note')?.tasks.map((t) => t.id)).toEqual(['ttl']);
  });

  it('(d) a waiver on a task that is done and signed off is no longer a risk', () => {
    const r = gate(stateOf([done('dns'), signed('privacy', 'legal'), done('privacy'), waived('docs', '2026-12-20T00:00'), done('docs', '2026-12-07T10:00')]), '2026-12-08T10:00');
    expect(r.verdict).toBe('GO');
  });

  it('a sign-off that expires before go-live is called out', () => {
    const r = gate(stateOf([done('dns'), done('privacy'), signed('privacy', 'legal', '2026-11-20T10:00', at('2026-12-10T00:00').toISOString())]), '2026-12-01T10:00');
    expect(r.verdict).toBe('GO');
    expect(r.reasons.find((x) => /sign-off expires before go-live/.test(x.message))?.tasks.map((t) => t.id)).toEqual(['privacy']);
  });

  it('(c) the freeze point comes from the policy', () => {
    const r = gate(stateOf([done('dns'), signed('privacy', 'legal'), done('privacy')]), '2026-12-08T10:00', { ...policy, freeze: 'T-3d' });
    expect(r.frozen).toBe(false);
    expect(r.verdict).toBe('GO');
  });

  it('(c) cutover tasks are not pre-launch tasks', () => {
    const r = gate(stateOf([done('dns'), signed('privacy', 'legal'), done('privacy'), done('docs')]), '2026-12-10T10:00');
    expect(r.verdict).toBe('GO');
  });

  it('(d) a waiver turns NO-GO into GO-WITH-RISKS and is listed', () => {
    const r = gate(stateOf([done('dns'), signed('privacy', 'legal'), done('privacy'), waived('docs', '2026-12-20T00:00')]), '2026-12-08T10:00');
    expect(r.verdict).toBe('GO-WITH-RISKS');
    expect(rules(r)).toEqual(['waivers:docs']);
    expect(r.reasons[0]?.tasks[0]?.waiver).toMatchObject({ person: 'dana', reason: 'accepted' });
  });

  it('(d) an expired waiver no longer covers the task', () => {
    const r = gate(stateOf([done('dns'), signed('privacy', 'legal'), done('privacy'), waived('docs', '2026-12-05T00:00')]), '2026-12-08T10:00');
    expect(r.verdict).toBe('NO-GO');
  });

  it('(d) a waiver that ends before go-live is called out', () => {
    const r = gate(stateOf([done('dns'), waived('privacy', '2026-12-10T00:00')]), '2026-12-01T10:00');
    expect(r.verdict).toBe('GO-WITH-RISKS');
    expect(r.reasons.some((x) => x.level === 'note' && /before go-live/.test(x.message))).toBe(true);
  });

  it('a task marked not applicable needs neither completion nor sign-off', () => {
    const r = gate(stateOf([done('dns'), ['2026-11-20T10:00', { action: 'task.status', task: 'privacy', to: 'na', reason: 'no personal data' }], done('docs')]), '2026-12-08T10:00');
    expect(r.verdict).toBe('GO');
  });
});
