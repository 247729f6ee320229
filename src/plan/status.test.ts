import { describe, expect, it } from 'vitest';
import { apply, emptyState } from '../state/events.js';
import { task, WEEKDAYS_ONLY } from '../../test/support/tasks.js';
import { buildPlan } from './plan.js';
import { buildStatus } from './status.js';
import { localToInstant } from './time.js';

const zone = 'Europe/Berlin';
const at = (local: string) => {
  const r = localToInstant(local, zone);
  if ('problem' in r) throw new Error(r.problem);
  return r.instant;
};

describe('status', () => {
  const tasks = [task('a', { due: 'T-3w', area: 'dns' }), task('b', { due: 'T-2w', area: 'dns', owner: 'ops' }), task('c', { due: 'T-1w', area: 'tls', owner: 'ops' }), task('d', { phase: 'cutover', area: 'tls' })];
  const plan = buildPlan({ goLive: at('2026-12-14T09:00'), timeZone: zone, calendar: WEEKDAYS_ONLY, hypercare: 'T+2w', freeze: 'T-7d', tasks });
  const project = { areas: { dns: 'Domains and DNS', tls: 'TLS' }, roles: {}, people: [{ id: 'oskar', name: 'Oskar', roles: ['ops'] }], timeZone: zone };

  it('a task due exactly now is overdue, as the gate sees it; this week is the next seven days', () => {
    const state = emptyState();
    apply(state, { action: 'task.status', task: 'a', to: 'done' }, at('2026-11-20T10:00'), 'x');
    const s = buildStatus(project, plan, state, at('2026-11-30T09:00'));
    expect(s.overdue.map((t) => t.id)).toEqual(['b']);
    expect(s.dueThisWeek.map((t) => t.id)).toEqual(['c']);
    expect(s.upcoming.map((t) => t.id)).toEqual(['d']);
    expect(s.totals).toMatchObject({ total: 4, done: 1, todo: 3, overdue: 1 });
  });

  it('readiness by area and by owner, with the people holding the role', () => {
    const state = emptyState();
    apply(state, { action: 'task.status', task: 'a', to: 'done' }, at('2026-11-20T10:00'), 'x');
    apply(state, { action: 'task.status', task: 'c', to: 'blocked', reason: 'vendor' }, at('2026-11-20T10:00'), 'x');
    const s = buildStatus(project, plan, state, at('2026-11-30T09:00'));
    expect(s.byArea).toEqual([
      expect.objectContaining({ key: 'dns', title: 'Domains and DNS', total: 2, closed: 1, percent: 50, overdue: 1 }),
      expect.objectContaining({ key: 'tls', total: 2, closed: 0, blocked: 1 }),
    ]);
    expect(s.byOwner.find((r) => r.key === 'ops')).toMatchObject({ total: 2, people: ['oskar'], blocked: 1 });
  });
});
