import { z } from 'zod';

/**
 * The changes golive records, and the pure reducer that turns a list of them into state.
 * Writes go through the same reducer, so the tables always equal a replay of the audit log.
 */
export const TASK_STATUSES = ['todo', 'in_progress', 'done', 'blocked', 'na'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export type ChangeEvent =
  | { action: 'task.status'; task: string; to: TaskStatus; reason?: string; evidence?: string[] }
  | { action: 'task.assign'; task: string; assignee: string | null }
  | { action: 'task.note'; task: string; id: string; text: string }
  | { action: 'signoff.add'; task: string; id: string; person: string; role: string; evidence?: string; expiresAt?: string }
  | { action: 'signoff.revoke'; task: string; id: string; reason: string }
  | { action: 'waiver.add'; task: string; id: string; person: string; reason: string; until: string }
  | { action: 'waiver.revoke'; task: string; id: string; reason: string };

const iso = z.iso.datetime({ offset: true });
const ChangeSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('task.status'), task: z.string(), to: z.enum(TASK_STATUSES), reason: z.string().optional(), evidence: z.array(z.string()).optional() }),
  z.object({ action: z.literal('task.assign'), task: z.string(), assignee: z.string().nullable() }),
  z.object({ action: z.literal('task.note'), task: z.string(), id: z.string(), text: z.string() }),
  z.object({ action: z.literal('signoff.add'), task: z.string(), id: z.string(), person: z.string(), role: z.string(), evidence: z.string().optional(), expiresAt: iso.optional() }),
  z.object({ action: z.literal('signoff.revoke'), task: z.string(), id: z.string(), reason: z.string() }),
  z.object({ action: z.literal('waiver.add'), task: z.string(), id: z.string(), person: z.string(), reason: z.string(), until: iso }),
  z.object({ action: z.literal('waiver.revoke'), task: z.string(), id: z.string(), reason: z.string() }),
]);

/** A recorded payload as a change, or undefined when it is not one (a damaged or altered entry). */
export function parseChange(payload: unknown): ChangeEvent | undefined {
  const r = ChangeSchema.safeParse(payload);
  return r.success ? (r.data as ChangeEvent) : undefined;
}

export interface TaskRow {
  task: string;
  status: TaskStatus;
  assignee: string | null;
  reason: string | null;
  evidence: string[];
  reopens: number;
  updatedAt: Date;
  updatedBy: string;
}

export interface NoteRow {
  id: string;
  task: string;
  at: Date;
  author: string;
  text: string;
}

export interface SignoffRow {
  id: string;
  task: string;
  person: string;
  role: string;
  at: Date;
  evidence: string | null;
  expiresAt: Date | null;
  reopens: number;
  revokedAt: Date | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

export interface WaiverRow {
  id: string;
  task: string;
  person: string;
  reason: string;
  at: Date;
  until: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

export interface ProjectState {
  tasks: Map<string, TaskRow>;
  notes: NoteRow[];
  signoffs: SignoffRow[];
  waivers: WaiverRow[];
}

export function emptyState(): ProjectState {
  return { tasks: new Map(), notes: [], signoffs: [], waivers: [] };
}

export function taskRow(state: ProjectState, task: string): TaskRow {
  return (
    state.tasks.get(task) ?? {
      task,
      status: 'todo',
      assignee: null,
      reason: null,
      evidence: [],
      reopens: 0,
      updatedAt: new Date(0),
      updatedBy: '',
    }
  );
}

/** Apply one recorded change. Pure apart from mutating `state`, which the caller owns. */
export function apply(state: ProjectState, e: ChangeEvent, at: Date, actor: string): void {
  const row = taskRow(state, e.task);
  switch (e.action) {
    case 'task.status': {
      const reopened = e.to === 'todo' && (row.status === 'done' || row.status === 'na');
      state.tasks.set(e.task, {
        ...row,
        status: e.to,
        reason: e.reason ?? null,
        evidence: [...row.evidence, ...(e.evidence ?? [])],
        reopens: row.reopens + (reopened ? 1 : 0),
        updatedAt: at,
        updatedBy: actor,
      });
      return;
    }
    case 'task.assign':
      state.tasks.set(e.task, { ...row, assignee: e.assignee, updatedAt: at, updatedBy: actor });
      return;
    case 'task.note':
      state.notes.push({ id: e.id, task: e.task, at, author: actor, text: e.text });
      return;
    case 'signoff.add':
      state.signoffs.push({
        id: e.id, task: e.task, person: e.person, role: e.role, at,
        evidence: e.evidence ?? null,
        expiresAt: e.expiresAt ? new Date(e.expiresAt) : null,
        reopens: row.reopens,
        revokedAt: null, revokedBy: null, revokeReason: null,
      });
      return;
    case 'waiver.add':
      state.waivers.push({ id: e.id, task: e.task, person: e.person, reason: e.reason, at, until: new Date(e.until), revokedAt: null, revokedBy: null, revokeReason: null });
      return;
    case 'signoff.revoke':
    case 'waiver.revoke': {
      const list: (SignoffRow | WaiverRow)[] = e.action === 'signoff.revoke' ? state.signoffs : state.waivers;
      const target = list.find((x) => x.id === e.id);
      if (target) Object.assign(target, { revokedAt: at, revokedBy: actor, revokeReason: e.reason });
      return;
    }
  }
}
