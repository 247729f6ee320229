import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gte } from 'drizzle-orm';
import { canonicalJson } from '../lib/canonical.js';
import { GENESIS, entryHash, type AuditEntry } from './audit.js';
import * as schema from './schema.js';
import type { Db } from './store.js';

/** A stored check result, as the gate and the reports read it. */
export interface StoredResult {
  runId: string;
  seq: number;
  environment: string;
  task: string | null;
  rule: string;
  target: string;
  status: string;
  summary: string;
  code: string | null;
  findings: unknown[];
  evidence: unknown;
  startedAt: Date;
  durationMs: number;
  attempts: number;
}

export interface CheckRunRecord {
  id: string;
  environment: string;
  startedAt: Date;
  finishedAt: Date;
  actor: string;
  cancelled: boolean;
  counts: Record<string, number>;
  results: Omit<StoredResult, 'runId' | 'environment'>[];
}

/** SHA-256 over the canonical results of a run; the audit entry carries it, so a changed result shows. */
export function resultsDigest(results: Omit<StoredResult, 'runId' | 'environment'>[]): string {
  const body = canonicalJson(results.map((r) => ({ ...r, startedAt: r.startedAt.toISOString() })));
  return createHash('sha256').update(body).digest('hex');
}

/** Store a run and its results, and chain a `checks.run` entry into the audit log, in one transaction. */
export async function insertRun(tx: Db, projectId: string, run: CheckRunRecord): Promise<AuditEntry> {
  await tx.insert(schema.checkRun).values({ id: run.id, projectId, environment: run.environment, startedAt: run.startedAt, finishedAt: run.finishedAt, actor: run.actor, cancelled: run.cancelled ? 1 : 0, counts: run.counts });
  // Insert in slices: a sweep of thousands of results would exceed the statement's parameter limit.
  for (let i = 0; i < run.results.length; i += 200) {
    const slice = run.results.slice(i, i + 200).map(({ task, ...r }) => ({ ...r, runId: run.id, projectId, environment: run.environment, taskId: task }));
    await tx.insert(schema.checkResult).values(slice);
  }
  const head = await tx.select({ hash: schema.auditLog.hash }).from(schema.auditLog).where(eq(schema.auditLog.projectId, projectId)).orderBy(desc(schema.auditLog.seq)).limit(1);
  const payload = { action: 'checks.run', run: run.id, environment: run.environment, counts: run.counts, cancelled: run.cancelled, results: run.results.length, digest: resultsDigest(run.results) };
  const unsigned = { projectId, at: run.finishedAt, actor: run.actor, action: 'checks.run', subject: run.id, payload, prevHash: head[0]?.hash ?? GENESIS };
  const [row] = await tx.insert(schema.auditLog).values({ ...unsigned, hash: entryHash(unsigned) }).returning();
  if (!row) throw new Error('audit insert returned no row');
  return row;
}

const toStored = (r: typeof schema.checkResult.$inferSelect): StoredResult => ({
  runId: r.runId, seq: r.seq, environment: r.environment, task: r.taskId, rule: r.rule, target: r.target, status: r.status, summary: r.summary,
  code: r.code, findings: r.findings, evidence: r.evidence, startedAt: r.startedAt, durationMs: r.durationMs, attempts: r.attempts,
});

/**
 * Results of one environment started at or after `since`, in the order their runs were recorded
 * (the audit log's order), so "latest" means the latest run even when clocks were pinned or skewed.
 */
export async function resultsSince(db: Db, projectId: string, environment: string, since: Date): Promise<StoredResult[]> {
  const rows = await db
    .select({ r: schema.checkResult })
    .from(schema.checkResult)
    .innerJoin(schema.auditLog, and(eq(schema.auditLog.projectId, schema.checkResult.projectId), eq(schema.auditLog.action, 'checks.run'), eq(schema.auditLog.subject, schema.checkResult.runId)))
    .where(and(eq(schema.checkResult.projectId, projectId), eq(schema.checkResult.environment, environment), gte(schema.checkResult.startedAt, since)))
    .orderBy(asc(schema.auditLog.seq), asc(schema.checkResult.seq));
  return rows.map((x) => toStored(x.r));
}

/** Every result of a run, in order (for audit verification). */
export async function resultsOfRun(db: Db, runId: string): Promise<StoredResult[]> {
  const rows = await db.select().from(schema.checkResult).where(eq(schema.checkResult.runId, runId)).orderBy(asc(schema.checkResult.seq));
  return rows.map(toStored);
}
