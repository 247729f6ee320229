import { evaluateGate, type GateResult } from '../gate/gate.js';
import { buildBurndown } from '../plan/burndown.js';
import { buildStatus, type StatusModel } from '../plan/status.js';
import type { ReportModel } from '../report/model.js';
import type { ProjectState } from '../state/events.js';
import type { AuditEntry } from '../store/audit.js';
import type { Session } from './session.js';

export function statusOf(s: Session, state: ProjectState): StatusModel {
  return buildStatus(s.project, s.plan, state, s.ctx.now);
}

export function gateOf(s: Session, state: ProjectState): GateResult {
  return evaluateGate({ plan: s.plan, state, policy: s.project.policy, people: s.project.people, now: s.ctx.now });
}

export function reportOf(s: Session, { state, entries }: { state: ProjectState; entries: AuditEntry[] }): ReportModel {
  return {
    generatedAt: s.ctx.now,
    project: s.project,
    plan: s.plan,
    state,
    status: statusOf(s, state),
    gate: gateOf(s, state),
    burndown: buildBurndown(s.plan, entries, s.ctx.now),
    audit: { entries: entries.length, head: entries[entries.length - 1]?.hash ?? null },
  };
}
