import type { CheckReport } from './checks.js';
import type { Diagnostic } from '../errors.js';
import type { Project } from '../playbook/model.js';
import type { Plan, PlannedTask } from '../plan/plan.js';
import type { PlanDiff } from '../plan/what-if.js';
import { formatLocal } from '../plan/time.js';
import type { StatusModel } from '../plan/status.js';
import type { GateResult } from '../gate/gate.js';
import { signoffState, waiverState } from '../gate/signoffs.js';
import { taskRow, type ProjectState } from '../state/events.js';
import type { ReportModel } from './model.js';

/** Dates become ISO strings, undefined fields disappear: the shape JSON.stringify would give, typed. */
export function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Map) return plain([...value.values()]);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

export function projectSummary(p: Project) {
  return { id: p.id, name: p.name, goLive: p.goLive.toISOString(), goLiveLocal: p.goLiveLocal, timeZone: p.timeZone, playbooks: p.playbooks.map(({ id, version, title }) => ({ id, version, title })) };
}

function planTask(p: PlannedTask, project: Project, state?: ProjectState) {
  const t = p.task;
  return plain({
    id: t.id, title: t.title, area: t.area, owner: t.owner,
    people: project.people.filter((x) => x.roles.includes(t.owner)).map((x) => x.id),
    severity: t.severity, phase: t.phase, offset: p.offset, due: p.due, dueLocal: formatLocal(p.due, project.timeZone),
    movedFrom: p.moved?.from, movedBecause: p.moved?.because,
    requires: t.requires, signoff: t.signoff, playbook: t.playbook, changes: t.changes,
    status: state ? taskRow(state, t.id).status : undefined,
  });
}

export function planJson(plan: Plan, project: Project, state?: ProjectState) {
  return {
    goLive: plan.goLive.toISOString(),
    freeze: plan.freeze.toISOString(),
    timeZone: plan.timeZone,
    tasks: plan.tasks.map((p) => planTask(p, project, state)),
    findings: plan.findings,
    dropped: project.dropped,
  };
}

export const planDocument = (plan: Plan, project: Project) => ({ schema: 'golive.plan/1', project: projectSummary(project), plan: planJson(plan, project) });
export const whatIfDocument = (diff: PlanDiff, project: Project) => ({ schema: 'golive.what-if/1', project: projectSummary(project), diff: plain(diff) });
export const statusDocument = (status: StatusModel, project: Project) => ({ schema: 'golive.status/1', project: projectSummary(project), status: statusJson(status) });
export const gateDocument = (gate: GateResult, project: Project) => ({ schema: 'golive.gate/1', project: projectSummary(project), gate: plain(gate) });
export const validateDocument = (diagnostics: Diagnostic[], tasks?: number) => ({ schema: 'golive.validate/1', ok: !diagnostics.some((d) => d.severity === 'error'), ...(tasks === undefined ? {} : { tasks }), diagnostics });

function statusJson(status: StatusModel) {
  const { timeZone: _zone, ...rest } = status;
  return plain(rest);
}

export function reportDocument(m: ReportModel) {
  const now = m.generatedAt;
  return {
    schema: 'golive.report/1',
    generatedAt: now.toISOString(),
    project: projectSummary(m.project),
    gate: plain(m.gate),
    status: statusJson(m.status),
    plan: planJson(m.plan, m.project, m.state),
    burndown: plain(m.burndown),
    signoffs: m.state.signoffs.map((s) => plain({ task: s.task, person: s.person, role: s.role, at: s.at, evidence: s.evidence, expiresAt: s.expiresAt, state: signoffState(s, m.state, now) })),
    waivers: m.state.waivers.map((w) => plain({ task: w.task, person: w.person, reason: w.reason, at: w.at, until: w.until, state: waiverState(w, now) })),
    audit: m.audit,
  };
}

/** `golive check --json` and `golive probe --json`. */
export const checkDocument = (r: CheckReport) => ({
  schema: 'golive.check/1',
  title: r.title,
  ...(r.environment ? { environment: r.environment } : {}),
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt.toISOString(),
  cancelled: r.cancelled,
  counts: r.counts,
  results: r.results.map((x) => plain(x)),
});
