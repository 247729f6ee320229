import { canonicalJson } from '../lib/canonical.js';
import type { ProjectState } from '../state/events.js';
import { replay, verifyChain, type AuditEntry, type ChainProblem } from '../store/audit.js';
import type { Store } from '../store/store.js';
import { resultsDigest } from '../store/checks.js';

export interface AuditReport {
  ok: boolean;
  entries: number;
  head: string | null;
  chain: ChainProblem[];
  /** Differences between the tables and a replay of the log. */
  state: string[];
}

function comparable(state: ProjectState) {
  return {
    tasks: [...state.tasks.values()].sort((a, b) => a.task.localeCompare(b.task)),
    notes: [...state.notes].sort((a, b) => a.id.localeCompare(b.id)),
    signoffs: [...state.signoffs].sort((a, b) => a.id.localeCompare(b.id)),
    waivers: [...state.waivers].sort((a, b) => a.id.localeCompare(b.id)),
  };
}

function stateDifferences(tables: ProjectState, replayed: ProjectState): string[] {
  const a = comparable(tables);
  const b = comparable(replayed);
  const problems: string[] = [];
  for (const key of ['tasks', 'notes', 'signoffs', 'waivers'] as const) {
    const left = new Map(a[key].map((r) => [('id' in r ? r.id : r.task) as string, canonicalJson(r)]));
    const right = new Map(b[key].map((r) => [('id' in r ? r.id : r.task) as string, canonicalJson(r)]));
    for (const [id, row] of left) if (right.get(id) !== row) problems.push(`${key} ${id}: the table ${right.has(id) ? 'differs from' : 'has a row missing from'} the audit log`);
    for (const id of right.keys()) if (!left.has(id)) problems.push(`${key} ${id}: the audit log records it but the table has no row`);
  }
  return problems;
}

/** Walk the hash chain and check that the tables are exactly what the log describes. */
export async function verifyAudit(store: Store, projectId: string, keptHead?: string): Promise<AuditReport> {
  const snapshot = await store.snapshot(projectId);
  const report = auditReport(snapshot, keptHead);
  const runs = await runProblems(store, snapshot.entries);
  return { ...report, ok: report.ok && runs.length === 0, state: [...report.state, ...runs] };
}

/** Each recorded check run: its stored results still hash to the digest its audit entry carries. */
async function runProblems(store: Store, entries: AuditEntry[]): Promise<string[]> {
  const problems: string[] = [];
  for (const e of entries.filter((x) => x.action === 'checks.run')) {
    const rows = await store.runResults(e.subject);
    const digest = resultsDigest(rows.map(({ runId: _r, environment: _e, ...r }) => r));
    if (digest !== e.payload.digest) problems.push(`check run ${e.subject}: its stored results differ from what the audit log recorded (${rows.length} rows, ${String(e.payload.results)} recorded)`);
  }
  return problems;
}

/** The verification of one consistent snapshot of tables and log (empty when nothing is recorded). */
export function auditReport(snapshot: { state: ProjectState; entries: AuditEntry[] }, keptHead?: string): AuditReport {
  const entries = snapshot.entries;
  const replayed = replay(entries);
  const chain = [...verifyChain(entries), ...replayed.problems].sort((a, b) => a.seq - b.seq);
  const state = stateDifferences(snapshot.state, replayed.state);
  // The chain proves order and content, but not that nothing was cut off the end: a head kept elsewhere does.
  if (keptHead !== undefined && !entries.some((e) => e.hash === keptHead)) chain.push({ seq: entries.length ? (entries[entries.length - 1]?.seq ?? 0) : 0, problem: `the head ${keptHead} is not in the log: entries were removed, or it belongs to another project` });
  return { ok: chain.length === 0 && state.length === 0, entries: entries.length, head: entries[entries.length - 1]?.hash ?? null, chain, state };
}
