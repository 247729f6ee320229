import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Millisecond precision, as JavaScript and the audit hash see time: nothing finer can hide in the tables. */
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

/** Columns of everything that belongs to one task of one project and has its own id. */
const ownedByTask = () => ({
  id: text('id').primaryKey(),
  projectId: text('project_id').notNull(),
  taskId: text('task_id').notNull(),
});

/** Sign-offs and waivers are never deleted: withdrawing one records who, when and why. */
const revocation = () => ({
  revokedAt: at('revoked_at'),
  revokedBy: text('revoked_by'),
  revokeReason: text('revoke_reason'),
});

/** Current state of each task that has ever changed; tasks never touched are "todo". */
export const taskState = pgTable(
  'task_state',
  {
    projectId: text('project_id').notNull(),
    taskId: text('task_id').notNull(),
    status: text('status').notNull(),
    assignee: text('assignee'),
    reason: text('reason'),
    evidence: jsonb('evidence').$type<string[]>().notNull(),
    /** How often the task was reopened; a sign-off given before a reopen has lapsed. */
    reopens: integer('reopens').notNull(),
    updatedAt: at('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.taskId] })],
);

export const taskNote = pgTable(
  'task_note',
  {
    ...ownedByTask(),
    at: at('at').notNull(),
    author: text('author').notNull(),
    text: text('text').notNull(),
  },
  (t) => [index('task_note_project_idx').on(t.projectId, t.taskId)],
);

export const signoff = pgTable(
  'signoff',
  {
    ...ownedByTask(),
    person: text('person').notNull(),
    role: text('role').notNull(),
    at: at('at').notNull(),
    evidence: text('evidence'),
    expiresAt: at('expires_at'),
    reopens: integer('reopens').notNull(),
    ...revocation(),
  },
  (t) => [index('signoff_project_idx').on(t.projectId, t.taskId)],
);

export const waiver = pgTable(
  'waiver',
  {
    ...ownedByTask(),
    person: text('person').notNull(),
    reason: text('reason').notNull(),
    at: at('at').notNull(),
    until: at('until').notNull(),
    ...revocation(),
  },
  (t) => [index('waiver_project_idx').on(t.projectId, t.taskId)],
);

/** Append-only, hash-chained record of every change (per project). A trigger forbids UPDATE and DELETE. */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    projectId: text('project_id').notNull(),
    at: at('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subject: text('subject').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull().unique(),
  },
  (t) => [index('audit_log_project_idx').on(t.projectId, t.seq)],
);

/** One `golive check` run: which environment, who, when, and whether it was cut short. */
export const checkRun = pgTable(
  'check_run',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id').notNull(),
    environment: text('environment').notNull(),
    startedAt: at('started_at').notNull(),
    finishedAt: at('finished_at').notNull(),
    actor: text('actor').notNull(),
    cancelled: integer('cancelled').notNull(),
    counts: jsonb('counts').$type<Record<string, number>>().notNull(),
  },
  (t) => [index('check_run_project_idx').on(t.projectId, t.startedAt)],
);

/** One rule applied to one target in a run, with its verdict and the (redacted) evidence. */
export const checkResult = pgTable(
  'check_result',
  {
    runId: text('run_id').notNull(),
    seq: integer('seq').notNull(),
    projectId: text('project_id').notNull(),
    environment: text('environment').notNull(),
    taskId: text('task_id'),
    rule: text('rule').notNull(),
    target: text('target').notNull(),
    status: text('status').notNull(),
    summary: text('summary').notNull(),
    code: text('code'),
    findings: jsonb('findings').$type<unknown[]>().notNull(),
    evidence: jsonb('evidence').$type<unknown>().notNull(),
    startedAt: at('started_at').notNull(),
    durationMs: integer('duration_ms').notNull(),
    attempts: integer('attempts').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] }), index('check_result_latest_idx').on(t.projectId, t.environment, t.taskId, t.rule, t.target, t.startedAt)],
);
