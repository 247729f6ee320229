import type { Task } from '../playbook/model.js';
import type { ProjectState, SignoffRow, WaiverRow } from '../state/events.js';
import { taskRow } from '../state/events.js';

export type SignoffCheck =
  | { role: string; state: 'valid'; signoff: SignoffRow }
  | { role: string; state: 'missing' }
  | { role: string; state: 'expired'; signoff: SignoffRow }
  | { role: string; state: 'lapsed'; signoff: SignoffRow };

/** For each role a task needs, the best sign-off it has at `now`. A reopen after a sign-off makes it lapse. */
export function checkSignoffs(task: Task, state: ProjectState, now: Date): SignoffCheck[] {
  const reopens = taskRow(state, task.id).reopens;
  return task.signoff.map((role): SignoffCheck => {
    const given = state.signoffs.filter((s) => s.task === task.id && s.role === role && s.revokedAt === null);
    const valid = given.find((s) => s.reopens === reopens && (s.expiresAt === null || s.expiresAt.getTime() > now.getTime()));
    if (valid) return { role, state: 'valid', signoff: valid };
    const latest = given[given.length - 1];
    if (!latest) return { role, state: 'missing' };
    return latest.reopens !== reopens ? { role, state: 'lapsed', signoff: latest } : { role, state: 'expired', signoff: latest };
  });
}

export function activeWaiver(taskId: string, state: ProjectState, now: Date): WaiverRow | undefined {
  return state.waivers.find((w) => w.task === taskId && w.revokedAt === null && w.until.getTime() > now.getTime());
}

export function isClosed(status: string): boolean {
  return status === 'done' || status === 'na';
}
