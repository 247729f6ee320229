import { randomUUID } from 'node:crypto';
import { UsageError } from '../errors.js';
import { redactUrl } from '../lib/redact.js';
import { suggestion } from '../lib/suggest.js';
import type { Project, Task } from '../playbook/model.js';
import { taskRow, type ChangeEvent, type ProjectState, type TaskStatus } from '../state/events.js';
import type { AuditEntry } from '../store/audit.js';
import type { Store } from '../store/store.js';

/** A task by its full id, or by the part after its playbook prefix when that is unique. */
export function findTask(project: Project, id: string): Task {
  const exact = project.tasks.find((t) => t.id === id);
  if (exact) return exact;
  const bySuffix = project.tasks.filter((t) => t.id.endsWith(`.${id}`));
  if (bySuffix.length === 1 && bySuffix[0]) return bySuffix[0];
  if (bySuffix.length > 1) throw new UsageError(`"${id}" could mean ${bySuffix.map((t) => t.id).join(', ')}`, { hint: 'use the full task id' });
  if (project.dropped.some((d) => d.task === id)) throw new UsageError(`task "${id}" is dropped by this project`, { hint: 'remove it from overrides.drop in golive.yaml to use it again' });
  throw new UsageError(`unknown task "${id}"`, { hint: `${suggestion(id, project.tasks.map((t) => t.id), 'task')}; \`golive plan\` lists every task` });
}

export function findPerson(project: Project, id: string) {
  const person = project.people.find((p) => p.id === id);
  if (!person) throw new UsageError(`unknown person "${id}"`, { hint: `${suggestion(id, project.people.map((p) => p.id), 'person')}; people are declared under people: in golive.yaml` });
  return person;
}

export type TaskAction = 'start' | 'done' | 'block' | 'reopen' | 'na';
export const TASK_ACTIONS: Record<TaskAction, { to: TaskStatus; from: TaskStatus[]; needsReason: boolean; describe: string }> = {
  start: { to: 'in_progress', from: ['todo', 'blocked'], needsReason: false, describe: 'work has begun' },
  done: { to: 'done', from: ['todo', 'in_progress', 'blocked'], needsReason: false, describe: 'the task is complete' },
  block: { to: 'blocked', from: ['todo', 'in_progress'], needsReason: true, describe: 'something stops progress (say what in --reason)' },
  reopen: { to: 'todo', from: ['in_progress', 'done', 'blocked', 'na'], needsReason: false, describe: 'back to todo; sign-offs given before lapse' },
  na: { to: 'na', from: ['todo', 'in_progress', 'blocked'], needsReason: true, describe: 'does not apply to this project (say why in --reason)' },
};

function validEvidence(urls: string[]): string[] {
  return urls.map((u) => {
    let parsed: URL;
    try {
      parsed = new URL(u);
    } catch {
      throw new UsageError(`--evidence "${u}" is not a URL`, { hint: 'give a link to where the proof lives, e.g. https://wiki.example.com/launch/dns' });
    }
    if (!['http:', 'https:', 'file:'].includes(parsed.protocol)) throw new UsageError(`--evidence "${u}" must be an http(s) or file URL`);
    return redactUrl(u);
  });
}

export interface ChangeRequest {
  action: TaskAction;
  reason?: string;
  evidence: string[];
}

/** Change a task's status, checking the transition against the current state under the store's lock. */
export async function changeStatus(store: Store, project: Project, task: Task, req: ChangeRequest, who: { actor: string; at: Date }): Promise<AuditEntry> {
  const rule = TASK_ACTIONS[req.action];
  if (rule.needsReason && !req.reason?.trim()) throw new UsageError(`"${req.action}" needs --reason`, { hint: `golive task ${task.id} ${req.action} --reason "…"` });
  const evidence = validEvidence(req.evidence);
  return store.record(project.id, who, (state: ProjectState): ChangeEvent => {
    const current = taskRow(state, task.id).status;
    if (!rule.from.includes(current)) {
      const hint = current === 'done' || current === 'na' ? `reopen it first: golive task ${task.id} reopen` : `allowed from: ${rule.from.join(', ')}`;
      throw new UsageError(`cannot ${req.action} task "${task.id}": it is ${current.replace('_', ' ')}`, { hint });
    }
    return { action: 'task.status', task: task.id, to: rule.to, ...(req.reason ? { reason: req.reason } : {}), ...(evidence.length ? { evidence } : {}) };
  });
}

export async function assignTask(store: Store, project: Project, task: Task, to: string | null, who: { actor: string; at: Date }): Promise<AuditEntry> {
  if (to !== null) findPerson(project, to);
  return store.record(project.id, who, () => ({ action: 'task.assign', task: task.id, assignee: to }));
}

export async function noteTask(store: Store, project: Project, task: Task, text: string, who: { actor: string; at: Date }): Promise<AuditEntry> {
  if (!text.trim()) throw new UsageError('a note needs text', { hint: `golive task ${task.id} note -m "…"` });
  return store.record(project.id, who, () => ({ action: 'task.note', task: task.id, id: randomUUID(), text }));
}

/** Required tasks that are not done yet: worth a warning when a task is marked done. */
export function openRequirements(task: Task, state: ProjectState): string[] {
  return task.requires.filter((r) => !['done', 'na'].includes(taskRow(state, r).status));
}
