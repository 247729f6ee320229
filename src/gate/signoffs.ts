import type { Task } from '../playbook/model.js';
import type { ProjectState, SignoffRow, WaiverRow } from '../state/events.js';
import { taskRow } from '../state/events.js';

export type SignoffCheck =
  | { role: string; state: 'valid'; signoff: SignoffRow }
  | { role: string; state: 'missing' }
  | { role: string; state: 'expired'; signoff: SignoffRow }
  | { role: string; state: 'lapsed'; signoff: SignoffRow };

/** One sign-off at `now`: withdrawn, lapsed (its task was reopened after it), past its expiry, or valid. */
export function signoffState(s: SignoffRow, state: ProjectState, now: Date): 'valid' | 'expired' | 'lapsed' | 'revoked' {
  if (s.revokedAt) return 'revoked';
  if (s.reopens !== taskRow(state, s.task).reopens) return 'lapsed';
  if (s.expiresAt && s.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}

export function waiverState(w: WaiverRow, now: Date): 'active' | 'expired' | 'revoked' {
  if (w.revokedAt) return 'revoked';
  return w.until.getTime() > now.getTime() ? 'active' : 'expired';
}

/** For each role a task needs, the best sign-off it has at `now`. */
export function checkSignoffs(task: Task, state: ProjectState, now: Date): SignoffCheck[] {
  return task.signoff.map((role): SignoffCheck => {
    const given = state.signoffs.filter((s) => s.task === task.id && s.role === role && s.revokedAt === null);
    const valid = given.find((s) => signoffState(s, state, now) === 'valid');
    if (valid) return { role, state: 'valid', signoff: valid };
    const latest = given[given.length - 1];
    if (!latest) return { role, state: 'missing' };
    return { role, state: signoffState(latest, state, now) as 'lapsed' | 'expired', signoff: latest };
  });
}

export function activeWaiver(taskId: string, state: ProjectState, now: Date): WaiverRow | undefined {
  return state.waivers.find((w) => w.task === taskId && waiverState(w, now) === 'active');
}

export function isClosed(status: string): boolean {
  return status === 'done' || status === 'na';
}
