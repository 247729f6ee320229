import { createHash } from 'node:crypto';
import { canonicalJson } from '../lib/canonical.js';
import { apply, emptyState, parseChange, type ProjectState } from '../state/events.js';

export const GENESIS = '0'.repeat(64);

export interface AuditEntry {
  seq: number;
  projectId: string;
  at: Date;
  actor: string;
  action: string;
  subject: string;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export type UnsignedEntry = Omit<AuditEntry, 'seq' | 'hash'>;

/** SHA-256 over the canonical JSON of everything in the entry but its own hash and sequence number. */
export function entryHash(e: UnsignedEntry): string {
  const body = canonicalJson({ projectId: e.projectId, at: e.at.toISOString(), actor: e.actor, action: e.action, subject: e.subject, payload: e.payload, prevHash: e.prevHash });
  return createHash('sha256').update(body).digest('hex');
}

export interface ChainProblem {
  seq: number;
  problem: string;
}

/** Walk a project's entries in order: every hash recomputes, every entry points at the one before. */
export function verifyChain(entries: AuditEntry[]): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prev = GENESIS;
  for (const e of entries) {
    if (e.prevHash !== prev) problems.push({ seq: e.seq, problem: `points at ${e.prevHash.slice(0, 12)}… but the entry before has ${prev.slice(0, 12)}…: an entry was removed or reordered` });
    const expected = entryHash(e);
    if (expected !== e.hash) problems.push({ seq: e.seq, problem: 'its content does not match its hash: the entry was altered' });
    prev = e.hash;
  }
  return problems;
}

/** The state the audit log describes, for comparison with the tables; entries that are not valid changes are reported and skipped. */
export function replay(entries: AuditEntry[]): { state: ProjectState; problems: ChainProblem[] } {
  const state = emptyState();
  const problems: ChainProblem[] = [];
  for (const e of entries) {
    // Check runs are evidence, not state: their results are verified against the entry's digest.
    if (e.action === 'checks.run') continue;
    const change = parseChange(e.payload);
    if (change && change.action === e.action && change.task === e.subject) apply(state, change, e.at, e.actor);
    else problems.push({ seq: e.seq, problem: 'its payload is not a valid change: the entry was damaged or altered' });
  }
  return { state, problems };
}
