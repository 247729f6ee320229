import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { GENESIS, entryHash, type AuditEntry } from './audit.js';
import { apply, emptyState, type ChangeEvent, type ProjectState, type TaskStatus } from '../state/events.js';
import * as schema from './schema.js';
import { insertRun, resultsOfRun, resultsSince, type CheckRunRecord, type StoredResult } from './checks.js';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface RecordContext {
  actor: string;
  at: Date;
}

/**
 * The project's state and its audit log. Every change is one transaction that updates the
 * tables and appends a chained audit entry, so a crash leaves either both or neither.
 */
export interface StoreOptions {
  /**
   * Fault injection for crash tests: pause this long inside each write transaction, after
   * announcing it on `onPause`, so a test can kill the process mid-write. Off unless set.
   */
  pauseInTransactionMs?: number;
  onPause?: () => void;
}

export class Store {
  constructor(
    private readonly db: Db,
    private readonly onClose: () => Promise<void>,
    /** "embedded (path)" or "postgres (host/db)", for messages. */
    readonly description: string,
    private readonly options: StoreOptions = {},
  ) {}

  async close(): Promise<void> {
    await this.onClose();
  }

  async state(projectId: string): Promise<ProjectState> {
    return loadState(this.db, projectId);
  }

  async entries(projectId: string): Promise<AuditEntry[]> {
    return loadEntries(this.db, projectId);
  }

  /** State and audit log read in one consistent snapshot, even while others write. */
  async snapshot(projectId: string): Promise<{ state: ProjectState; entries: AuditEntry[] }> {
    return this.db.transaction(
      async (tx) => ({ state: await loadState(tx, projectId), entries: await loadEntries(tx, projectId) }),
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  }

  /** Store a check run with its results and its audit entry, atomically. */
  async recordCheckRun(projectId: string, run: CheckRunRecord): Promise<AuditEntry> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`golive:${projectId}`}))`);
      return insertRun(tx, projectId, run);
    });
  }

  /** Check results of one environment since an instant (oldest first). */
  async checkResults(projectId: string, environment: string, since: Date): Promise<StoredResult[]> {
    return resultsSince(this.db, projectId, environment, since);
  }

  /** The stored results of one run, for verifying them against the audit log's digest. */
  async runResults(runId: string): Promise<StoredResult[]> {
    return resultsOfRun(this.db, runId);
  }

  /**
   * Record one change. `decide` sees the current state under the project's lock and returns the
   * change, or throws to refuse it (nothing is written then).
   */
  async record(projectId: string, ctx: RecordContext, decide: (state: ProjectState) => ChangeEvent): Promise<AuditEntry> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`golive:${projectId}`}))`);
      const before = await loadState(tx, projectId);
      const event = decide(before);
      const after = structuredClone(before);
      apply(after, event, ctx.at, ctx.actor);
      await writeDiff(tx, projectId, before, after);
      const head = await tx.select({ hash: schema.auditLog.hash }).from(schema.auditLog).where(eq(schema.auditLog.projectId, projectId)).orderBy(desc(schema.auditLog.seq)).limit(1);
      const unsigned = { projectId, at: ctx.at, actor: ctx.actor, action: event.action, subject: event.task, payload: event as unknown as Record<string, unknown>, prevHash: head[0]?.hash ?? GENESIS };
      const [row] = await tx.insert(schema.auditLog).values({ ...unsigned, hash: entryHash(unsigned) }).returning();
      if (!row) throw new Error('audit insert returned no row');
      if (this.options.pauseInTransactionMs) {
        this.options.onPause?.();
        await new Promise((r) => setTimeout(r, this.options.pauseInTransactionMs));
      }
      return row;
    });
  }
}

function loadEntries(db: Db, projectId: string): Promise<AuditEntry[]> {
  return db.select().from(schema.auditLog).where(eq(schema.auditLog.projectId, projectId)).orderBy(asc(schema.auditLog.seq));
}

async function loadState(db: Db, projectId: string): Promise<ProjectState> {
  const state = emptyState();
  // One connection serves one query at a time: read the tables in turn.
  const tasks = await db.select().from(schema.taskState).where(eq(schema.taskState.projectId, projectId));
  const notes = await db.select().from(schema.taskNote).where(eq(schema.taskNote.projectId, projectId)).orderBy(asc(schema.taskNote.at), asc(schema.taskNote.id));
  const signoffs = await db.select().from(schema.signoff).where(eq(schema.signoff.projectId, projectId)).orderBy(asc(schema.signoff.at), asc(schema.signoff.id));
  const waivers = await db.select().from(schema.waiver).where(eq(schema.waiver.projectId, projectId)).orderBy(asc(schema.waiver.at), asc(schema.waiver.id));
  for (const t of tasks) {
    state.tasks.set(t.taskId, { task: t.taskId, status: t.status as TaskStatus, assignee: t.assignee, reason: t.reason, evidence: t.evidence, reopens: t.reopens, updatedAt: t.updatedAt, updatedBy: t.updatedBy });
  }
  state.notes = notes.map((n) => ({ id: n.id, task: n.taskId, at: n.at, author: n.author, text: n.text }));
  state.signoffs = signoffs.map(({ projectId: _p, taskId, ...s }) => ({ ...s, task: taskId }));
  state.waivers = waivers.map(({ projectId: _p, taskId, ...w }) => ({ ...w, task: taskId }));
  return state;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function writeDiff(tx: Db, projectId: string, before: ProjectState, after: ProjectState): Promise<void> {
  for (const [id, row] of after.tasks) {
    if (same(before.tasks.get(id), row)) continue;
    const { task, ...rest } = row;
    await tx.insert(schema.taskState).values({ projectId, taskId: task, ...rest }).onConflictDoUpdate({ target: [schema.taskState.projectId, schema.taskState.taskId], set: rest });
  }
  const oldNotes = new Set(before.notes.map((n) => n.id));
  for (const { task, ...n } of after.notes) if (!oldNotes.has(n.id)) await tx.insert(schema.taskNote).values({ projectId, taskId: task, ...n });
  for (const [table, rowsBefore, rowsAfter] of [
    [schema.signoff, before.signoffs, after.signoffs],
    [schema.waiver, before.waivers, after.waivers],
  ] as const) {
    const old = new Map(rowsBefore.map((r) => [r.id, r]));
    for (const row of rowsAfter) {
      const { task, ...r } = row;
      const prev = old.get(r.id);
      if (!prev) await tx.insert(table).values({ projectId, taskId: task, ...r } as never);
      else if (!same(prev, row)) await tx.update(table).set({ revokedAt: r.revokedAt, revokedBy: r.revokedBy, revokeReason: r.revokeReason }).where(and(eq(table.projectId, projectId), eq(table.id, r.id)));
    }
  }
}
