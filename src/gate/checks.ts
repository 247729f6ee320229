import type { Policy } from '../playbook/model.js';
import type { Plan, PlannedTask } from '../plan/plan.js';

/** The latest result of one check (task x rule x target) in the gate's environment. */
export interface CheckVerdict {
  task: string;
  rule: string;
  target: string;
  status: string;
  summary: string;
  at: Date;
}

/** What the gate knows about checks: the checks the plan declares, and the stored results. */
export interface GateChecks {
  environment: string;
  /** Declared checks of the environment, as "task rule target" triples. */
  expected: { task: string; rule: string; target: string }[];
  /** Stored results in the order their runs were recorded; the gate keeps the last fresh one per check. */
  results: CheckVerdict[];
}

const keyOf = (c: { task: string; rule: string; target: string }) => `${c.task}\u0000${c.rule}\u0000${c.target}`;

/**
 * Results stamped this far after `now` still count: machines writing to a shared store disagree
 * a little about the time, and a check run under a pinned clock stamps its results just after it.
 */
export const CLOCK_SKEW_MS = 5 * 60_000;

/** The last result per check (in recording order) within the freshness window ending at `now`. */
export function latestFresh(results: CheckVerdict[], now: Date, freshnessMs: number): Map<string, CheckVerdict> {
  const from = now.getTime() - freshnessMs;
  const latest = new Map<string, CheckVerdict>();
  for (const r of results) {
    const t = r.at.getTime();
    if (t < from || t > now.getTime() + CLOCK_SKEW_MS) continue;
    latest.set(keyOf(r), r);
  }
  return latest;
}

export interface CheckFindings {
  failing: { task: PlannedTask; verdicts: CheckVerdict[] }[];
  warning: { task: PlannedTask; verdicts: CheckVerdict[] }[];
  unverified: { task: PlannedTask; checks: { rule: string; target: string }[] }[];
}

/**
 * Blocking tasks whose latest fresh result is fail or error; tasks with warnings; and checks of
 * tasks due by now with no fresh result. `counts(task)` says whether a task is judged at all
 * (not waived, not marked not applicable).
 */
export function judgeChecks(plan: Plan, checks: GateChecks, policy: Policy, now: Date, counts: (p: PlannedTask) => boolean): CheckFindings {
  const latest = latestFresh(checks.results, now, policy.checks.freshnessMs);
  const byTask = new Map<string, CheckVerdict[]>();
  for (const v of latest.values()) byTask.set(v.task, [...(byTask.get(v.task) ?? []), v]);
  const out: CheckFindings = { failing: [], warning: [], unverified: [] };
  for (const p of plan.tasks) {
    if (!counts(p)) continue;
    const verdicts = byTask.get(p.task.id) ?? [];
    const bad = verdicts.filter((v) => v.status === 'fail' || v.status === 'error');
    if (bad.length > 0 && policy.blockingSeverities.includes(p.task.severity)) out.failing.push({ task: p, verdicts: bad });
    const warned = verdicts.filter((v) => v.status === 'warn' || ((v.status === 'fail' || v.status === 'error') && !policy.blockingSeverities.includes(p.task.severity)));
    if (warned.length > 0) out.warning.push({ task: p, verdicts: warned });
    if (p.due.getTime() > now.getTime()) continue;
    const missing = checks.expected.filter((e) => e.task === p.task.id && !latest.has(keyOf(e)));
    if (missing.length > 0) out.unverified.push({ task: p, checks: missing.map(({ rule, target }) => ({ rule, target })) });
  }
  return out;
}
