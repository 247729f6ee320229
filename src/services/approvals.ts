import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { UsageError } from '../errors.js';
import { redactUrl } from '../lib/redact.js';
import { checkSignoffs, activeWaiver } from '../gate/signoffs.js';
import type { Project, Task } from '../playbook/model.js';
import type { ChangeEvent, ProjectState } from '../state/events.js';
import type { AuditEntry } from '../store/audit.js';
import type { Store } from '../store/store.js';
import { findPerson } from './tasks.js';

/** The end of a calendar date in the project's zone: "--expires 2026-12-31" is valid through that day. */
export function endOfDate(date: string, zone: string, flag: string): Date {
  const d = DateTime.fromISO(date, { zone });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !d.isValid) throw new UsageError(`${flag} "${date}" is not a date`, { hint: `write it as YYYY-MM-DD, e.g. ${flag} 2026-12-31` });
  return d.endOf('day').toJSDate();
}

function signoffRole(project: Project, task: Task, personId: string, role: string | undefined): string {
  const person = findPerson(project, personId);
  if (task.signoff.length === 0) throw new UsageError(`task "${task.id}" needs no sign-off`, { hint: `mark it done with evidence instead: golive task ${task.id} done --evidence <url>` });
  const candidates = task.signoff.filter((r) => person.roles.includes(r) && (role === undefined || r === role));
  if (role !== undefined && !task.signoff.includes(role)) throw new UsageError(`task "${task.id}" needs no sign-off from the role "${role}"`, { hint: `it needs: ${task.signoff.join(', ')}` });
  if (candidates.length === 0) throw new UsageError(`${person.id} cannot sign off "${task.id}": it needs ${task.signoff.join(' and ')}, and ${person.id} holds ${person.roles.join(', ')}`, { hint: 'ask a person with that role, or add the role to them under people: in golive.yaml' });
  if (candidates.length > 1) throw new UsageError(`${person.id} holds several roles this task needs (${candidates.join(', ')})`, { hint: `say which with --role ${candidates[0]}` });
  return candidates[0] as string;
}

export interface SignoffRequest {
  person: string;
  role?: string;
  evidence?: string;
  expires?: string;
  revoke?: boolean;
  reason?: string;
}

export async function signoff(store: Store, project: Project, task: Task, req: SignoffRequest, now: Date): Promise<AuditEntry> {
  const role = signoffRole(project, task, req.person, req.role);
  const who = { actor: req.person, at: now };
  if (req.revoke) {
    if (!req.reason?.trim()) throw new UsageError('revoking a sign-off needs --reason');
    return store.record(project.id, who, (state: ProjectState): ChangeEvent => {
      const mine = state.signoffs.filter((s) => s.task === task.id && s.role === role && s.person === req.person && s.revokedAt === null).pop();
      if (!mine) throw new UsageError(`${req.person} has no sign-off on "${task.id}" as ${role} to revoke`);
      return { action: 'signoff.revoke', task: task.id, id: mine.id, reason: req.reason as string };
    });
  }
  const expiresAt = req.expires === undefined ? undefined : endOfDate(req.expires, project.timeZone, '--expires');
  if (expiresAt && expiresAt.getTime() <= now.getTime()) throw new UsageError(`--expires ${req.expires} is already past`, { hint: 'give a date in the future' });
  if (req.evidence !== undefined) {
    try {
      new URL(req.evidence);
    } catch {
      throw new UsageError(`--evidence "${req.evidence}" is not a URL`, { hint: 'link to what was reviewed, e.g. https://wiki.example.com/privacy-review' });
    }
  }
  return store.record(project.id, who, (state: ProjectState): ChangeEvent => {
    const check = checkSignoffs(task, state, now).find((c) => c.role === role);
    if (check?.state === 'valid') throw new UsageError(`"${task.id}" already has a valid ${role} sign-off (by ${check.signoff.person})`, { hint: `to replace it, revoke it first: golive signoff ${task.id} --as ${check.signoff.person} --revoke --reason "…"` });
    return { action: 'signoff.add', task: task.id, id: randomUUID(), person: req.person, role, ...(req.evidence ? { evidence: redactUrl(req.evidence) } : {}), ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}) };
  });
}

export interface WaiverRequest {
  person: string;
  reason?: string;
  until?: string;
  revoke?: boolean;
}

export async function waive(store: Store, project: Project, task: Task, req: WaiverRequest, now: Date): Promise<AuditEntry> {
  const person = findPerson(project, req.person);
  const allowed = project.policy.waiverRoles;
  if (allowed.length > 0 && !person.roles.some((r) => allowed.includes(r))) {
    throw new UsageError(`${person.id} may not accept risks: the policy allows ${allowed.join(', ')}`, { hint: 'ask a person with one of those roles (policy.waiverRoles in golive.yaml)' });
  }
  if (!req.reason?.trim()) throw new UsageError(req.revoke ? 'revoking a waiver needs --reason' : 'a waiver needs --reason: the risk being accepted', { hint: `golive waive ${task.id} --reason "…" --until <date> --as ${person.id}` });
  const who = { actor: person.id, at: now };
  if (req.revoke) {
    return store.record(project.id, who, (state) => {
      const w = activeWaiver(task.id, state, now);
      if (!w) throw new UsageError(`"${task.id}" has no waiver in force to revoke`);
      return { action: 'waiver.revoke', task: task.id, id: w.id, reason: req.reason as string };
    });
  }
  if (!req.until) throw new UsageError('a waiver needs --until <date>: accepted risks are reviewed, not forgotten', { hint: `golive waive ${task.id} --reason "…" --until 2026-12-31 --as ${person.id}` });
  const until = endOfDate(req.until, project.timeZone, '--until');
  if (until.getTime() <= now.getTime()) throw new UsageError(`--until ${req.until} is already past`);
  const longest = project.policy.maxWaiverDays;
  if (until.getTime() - now.getTime() > (longest + 1) * 86_400_000) throw new UsageError(`a waiver may run at most ${longest} days`, { hint: 'pick an earlier --until, or raise policy.maxWaiverDays in golive.yaml' });
  return store.record(project.id, who, (state) => {
    const existing = activeWaiver(task.id, state, now);
    if (existing) throw new UsageError(`"${task.id}" already has a waiver in force (by ${existing.person}, until ${existing.until.toISOString().slice(0, 10)})`, { hint: `revoke it first: golive waive ${task.id} --revoke --reason "…" --as ${existing.person}` });
    return { action: 'waiver.add', task: task.id, id: randomUUID(), person: person.id, reason: req.reason as string, until: until.toISOString() };
  });
}
