import type { PersonInput } from '../playbook/schema.js';
import type { Policy, Task } from '../playbook/model.js';
import type { Plan, PlannedTask } from '../plan/plan.js';
import { taskRow, type ProjectState, type TaskStatus } from '../state/events.js';
import { judgeChecks, type GateChecks } from './checks.js';
import { activeWaiver, checkSignoffs, isClosed } from './signoffs.js';

export type Verdict = 'GO' | 'GO-WITH-RISKS' | 'NO-GO';

export interface GateTask {
  id: string;
  title: string;
  severity: Task['severity'];
  owner: string;
  /** People holding the owner role. */
  people: string[];
  due: Date;
  status: TaskStatus;
  /** Sign-off roles still needed, with why ("missing", "expired", "lapsed"). */
  signoffs?: { role: string; state: string }[];
  waiver?: { person: string; reason: string; until: Date };
  /** Check results behind a checks reason (latest fresh ones), or the checks without a fresh result. */
  checks?: { rule: string; target: string; status: string; summary: string; at?: Date }[];
}

export interface GateReason {
  rule: 'blockers-due' | 'signoffs' | 'freeze' | 'waivers' | 'checks' | 'warnings';
  /** no-go reasons decide the verdict; risk reasons make it GO-WITH-RISKS; notes inform. */
  level: 'no-go' | 'risk' | 'note';
  message: string;
  tasks: GateTask[];
}

export interface GateResult {
  verdict: Verdict;
  at: Date;
  goLive: Date;
  freeze: Date;
  frozen: boolean;
  recommendation?: string;
  reasons: GateReason[];
}

export interface GateInput {
  plan: Plan;
  state: ProjectState;
  policy: Policy;
  people: PersonInput[];
  now: Date;
  /** Check results of the gate's environment; without them the gate judges tasks only. */
  checks?: GateChecks;
}

function gateTask(p: PlannedTask, input: GateInput): GateTask {
  const row = taskRow(input.state, p.task.id);
  const w = activeWaiver(p.task.id, input.state, input.now);
  return {
    id: p.task.id,
    title: p.task.title,
    severity: p.task.severity,
    owner: p.task.owner,
    people: input.people.filter((x) => x.roles.includes(p.task.owner)).map((x) => x.id),
    due: p.due,
    status: row.status,
    ...(w ? { waiver: { person: w.person, reason: w.reason, until: w.until } } : {}),
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Tasks whose sign-offs are due: every task due by now. */
function signoffReason(input: GateInput): GateReason | undefined {
  const now = input.now.getTime();
  const tasks = input.plan.tasks
    .filter((p) => p.task.signoff.length > 0 && p.due.getTime() <= now)
    .filter((p) => !activeWaiver(p.task.id, input.state, input.now) && taskRow(input.state, p.task.id).status !== 'na')
    .map((p) => ({ p, needed: checkSignoffs(p.task, input.state, input.now).filter((c) => c.state !== 'valid') }))
    .filter((x) => x.needed.length > 0)
    .map((x) => ({ ...gateTask(x.p, input), signoffs: x.needed.map((c) => ({ role: c.role, state: c.state })) }));
  if (tasks.length === 0) return undefined;
  return { rule: 'signoffs', level: 'no-go', message: `${plural(tasks.length, 'task')} lack${tasks.length === 1 ? "s" : ""} a required sign-off`, tasks };
}

/** The go/no-go decision. Pure: the same plan, state, policy and time give the same verdict. */
export function evaluateGate(input: GateInput): GateResult {
  const now = input.now.getTime();
  const frozen = now >= input.plan.freeze.getTime();
  const open = (p: PlannedTask) => !isClosed(taskRow(input.state, p.task.id).status);
  const unwaived = (p: PlannedTask) => !activeWaiver(p.task.id, input.state, input.now);
  const reasons: GateReason[] = [];

  const overdueBlockers = input.plan.tasks.filter((p) => input.policy.blockingSeverities.includes(p.task.severity) && p.due.getTime() <= now && open(p) && unwaived(p));
  if (overdueBlockers.length > 0) {
    reasons.push({ rule: 'blockers-due', level: 'no-go', message: `${plural(overdueBlockers.length, 'blocking task')} due by now ${overdueBlockers.length === 1 ? 'is' : 'are'} not done`, tasks: overdueBlockers.map((p) => gateTask(p, input)) });
  }
  const signoffs = signoffReason(input);
  if (signoffs) reasons.push(signoffs);
  reasons.push(...checkReasons(input, unwaived));

  let recommendation: string | undefined;
  if (frozen) {
    // Everything that was due by the freeze point, whatever its severity. Work planned after it
    // (lowering TTLs, the go/no-go meeting) is judged by the blocker rule when it falls due.
    const freeze = input.plan.freeze.getTime();
    const stillOpen = input.plan.tasks.filter((p) => p.task.phase === 'prepare' && p.due.getTime() <= freeze && open(p) && unwaived(p));
    if (stillOpen.length > 0) {
      const owners = [...new Set(stillOpen.map((p) => p.task.owner))].join(', ');
      reasons.push({ rule: 'freeze', level: 'no-go', message: `the freeze point has passed and ${plural(stillOpen.length, 'pre-launch task')} due by it ${stillOpen.length === 1 ? 'is' : 'are'} still open (owners: ${owners})`, tasks: stillOpen.map((p) => gateTask(p, input)) });
      recommendation = 'Postpone the go-live, or resolve or waive the open pre-launch tasks listed under the freeze rule before the go-live time.';
    }
  }

  // A waiver is a risk in force while its task is open or still lacks a sign-off.
  const lacksSignoff = (p: PlannedTask) => checkSignoffs(p.task, input.state, input.now).some((c) => c.state !== 'valid');
  const waived = input.plan.tasks.filter((p) => activeWaiver(p.task.id, input.state, input.now) && (open(p) || lacksSignoff(p)));
  if (waived.length > 0) {
    reasons.push({ rule: 'waivers', level: 'risk', message: `${plural(waived.length, 'accepted risk')} (waiver${waived.length === 1 ? '' : 's'}) in force`, tasks: waived.map((p) => gateTask(p, input)) });
  }
  reasons.push(...noteReasons(input, open));

  const verdict: Verdict = reasons.some((r) => r.level === 'no-go') ? 'NO-GO' : reasons.some((r) => r.level === 'risk') ? 'GO-WITH-RISKS' : 'GO';
  if (verdict === 'NO-GO' && !recommendation) recommendation = 'Resolve the tasks listed above, or waive them with an accepted risk (golive waive), then run the gate again.';
  return { verdict, at: input.now, goLive: input.plan.goLive, freeze: input.plan.freeze, frozen, ...(recommendation ? { recommendation } : {}), reasons };
}

/** Evidence against the ticks: blocking tasks whose latest fresh check fails, and checks nobody ran lately. */
function checkReasons(input: GateInput, unwaived: (p: PlannedTask) => boolean): GateReason[] {
  if (!input.checks) return [];
  const counts = (p: PlannedTask) => unwaived(p) && taskRow(input.state, p.task.id).status !== 'na';
  const found = judgeChecks(input.plan, input.checks, input.policy, input.now, counts);
  const env = input.checks.environment;
  const hours = Math.round(input.policy.checks.freshnessMs / 3_600_000);
  const reasons: GateReason[] = [];
  const withChecks = (p: PlannedTask, checks: GateTask['checks']) => ({ ...gateTask(p, input), checks });
  if (found.failing.length > 0) reasons.push({ rule: 'checks', level: 'no-go', message: `${plural(found.failing.length, 'blocking task')} fail${found.failing.length === 1 ? 's' : ''} ${found.failing.length === 1 ? 'its' : 'their'} checks in ${env}`, tasks: found.failing.map((f) => withChecks(f.task, f.verdicts)) });
  const blocking = found.unverified.filter((u) => input.policy.blockingSeverities.includes(u.task.task.severity));
  if (blocking.length > 0) reasons.push({ rule: 'checks', level: input.policy.checks.unverified, message: `${plural(blocking.length, 'blocking task')} due by now ${blocking.length === 1 ? 'has' : 'have'} checks without a result in ${env} from the last ${hours} h (run golive check)`, tasks: blocking.map((u) => withChecks(u.task, u.checks.map((c) => ({ ...c, status: 'unverified', summary: 'no fresh result' })))) });
  if (found.warning.length > 0) reasons.push({ rule: 'checks', level: 'note', message: `${plural(found.warning.length, 'task')} with check warnings in ${env}`, tasks: found.warning.map((w) => withChecks(w.task, w.verdicts)) });
  return reasons;
}

/** Things worth knowing that do not change the verdict. */
function noteReasons(input: GateInput, open: (p: PlannedTask) => boolean): GateReason[] {
  const now = input.now.getTime();
  const notes: GateReason[] = [];
  const blocked = input.plan.tasks.filter((p) => taskRow(input.state, p.task.id).status === 'blocked');
  if (blocked.length > 0) notes.push({ rule: 'warnings', level: 'note', message: `${plural(blocked.length, 'task')} marked blocked`, tasks: blocked.map((p) => gateTask(p, input)) });
  const lateOthers = input.plan.tasks.filter((p) => !input.policy.blockingSeverities.includes(p.task.severity) && p.due.getTime() <= now && open(p) && !activeWaiver(p.task.id, input.state, input.now));
  if (lateOthers.length > 0) notes.push({ rule: 'warnings', level: 'note', message: `${plural(lateOthers.length, 'non-blocking task')} overdue`, tasks: lateOthers.map((p) => gateTask(p, input)) });
  const goLive = input.plan.goLive.getTime();
  const expiring = input.plan.tasks.filter((p) => {
    const w = activeWaiver(p.task.id, input.state, input.now);
    return w !== undefined && w.until.getTime() < goLive;
  });
  if (expiring.length > 0) notes.push({ rule: 'warnings', level: 'note', message: `${plural(expiring.length, 'waiver')} expire${expiring.length === 1 ? 's' : ''} before go-live`, tasks: expiring.map((p) => gateTask(p, input)) });
  const lapsing = input.plan.tasks.filter((p) => checkSignoffs(p.task, input.state, input.now).some((c) => c.state === 'valid' && c.signoff.expiresAt !== null && c.signoff.expiresAt.getTime() < goLive));
  if (lapsing.length > 0) notes.push({ rule: 'warnings', level: 'note', message: `${plural(lapsing.length, 'sign-off')} expire${lapsing.length === 1 ? 's' : ''} before go-live`, tasks: lapsing.map((p) => gateTask(p, input)) });
  return notes;
}
