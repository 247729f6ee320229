import { evaluateGate, type GateResult } from '../gate/gate.js';
import { buildBurndown } from '../plan/burndown.js';
import { buildStatus, type StatusModel } from '../plan/status.js';
import type { ReportModel } from '../report/model.js';
import type { ProjectState } from '../state/events.js';
import type { AuditEntry } from '../store/audit.js';
import type { Session } from './session.js';
import type { GateChecks } from '../gate/checks.js';
import { builtinRules } from '../checks/registry.js';
import type { Store } from '../store/store.js';
import { pickEnvironment, planChecks } from './checks.js';
import { deployFileChecks } from './spryker.js';

export function statusOf(s: Session, state: ProjectState): StatusModel {
  return buildStatus(s.project, s.plan, state, s.ctx.now);
}

export function gateOf(s: Session, state: ProjectState, checks?: GateChecks): GateResult {
  return evaluateGate({ plan: s.plan, state, policy: s.project.policy, people: s.project.people, now: s.ctx.now, ...(checks ? { checks } : {}) });
}

/** The environment whose checks the gate judges: --env, else the policy's (default production). */
export function gateEnvironment(s: Session, asked?: string): string | undefined {
  const env = asked ?? s.project.policy.checks.environment;
  const names = Object.keys(s.project.environments);
  if (asked !== undefined) return pickEnvironment(s.project, asked);
  return names.length === 0 || names.includes(env) ? env : undefined;
}

/** Declared checks of the environment and the stored results young enough to count. */
export async function gateChecksOf(s: Session, store: Store | undefined, environment: string | undefined): Promise<GateChecks | undefined> {
  if (environment === undefined) return undefined;
  // A deploy file that cannot be read is reported by golive check; the gate judges what it can.
  const extra = await deployFileChecks(s.project, environment, builtinRules()).catch(() => []);
  const planned = planChecks(s.project, environment, {}, builtinRules(), s.ctx.now, extra);
  const expected = [...planned.specs.map((c) => ({ task: c.task ?? '', rule: c.rule.meta.id, target: c.label })), ...planned.skipped.map((c) => ({ task: c.task ?? '', rule: c.rule, target: c.target }))];
  if (expected.length === 0) return undefined;
  const since = new Date(s.ctx.now.getTime() - s.project.policy.checks.freshnessMs);
  const rows = store ? await store.checkResults(s.project.id, environment, since) : [];
  // Skipped results say nothing about reality: they neither pass nor fail a check.
  const results = rows.filter((r) => r.task !== null && r.status !== 'skipped').map((r) => ({ task: r.task ?? '', rule: r.rule, target: r.target, status: r.status, summary: r.summary, at: r.startedAt }));
  return { environment, expected, results };
}

export function reportOf(s: Session, { state, entries }: { state: ProjectState; entries: AuditEntry[] }, checks?: GateChecks): ReportModel {
  return {
    generatedAt: s.ctx.now,
    project: s.project,
    plan: s.plan,
    state,
    status: statusOf(s, state),
    gate: gateOf(s, state, checks),
    burndown: buildBurndown(s.plan, entries, s.ctx.now),
    audit: { entries: entries.length, head: entries[entries.length - 1]?.hash ?? null },
  };
}
