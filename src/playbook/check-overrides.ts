import { validateCheck, type RuleCatalog } from '../checks/config.js';
import type { Diagnostic } from '../errors.js';
import { isRulePattern, ruleMatcher } from '../lib/rule-glob.js';
import { suggestion } from '../lib/suggest.js';
import type { Environment, Task, TaskCheck } from './model.js';
import type { ProjectInput } from './schema.js';
import { diagnosticAt, formatPath, locate, type YamlFile } from './yaml.js';

type CheckOverride = NonNullable<NonNullable<ProjectInput['overrides']>['checks']>[number];

interface Context {
  yaml: YamlFile;
  rules: RuleCatalog | undefined;
  environments: Record<string, Environment>;
  out: Diagnostic[];
}

/** The effective checks of `existing` (or one new check) with the override's target, options and environments. */
function changedChecks(o: CheckOverride, rule: string, existing: TaskCheck[], base: (string | number)[], c: Context): TaskCheck[] {
  const where = locate(c.yaml, base);
  const origin = { file: c.yaml.file, line: where.line, column: where.column, path: formatPath(base) };
  const changed: TaskCheck[] = (existing.length > 0 ? existing : [undefined]).map((e) => ({
    rule,
    target: o.target ?? e!.target,
    with: { ...(e?.with ?? {}), ...(o.with ?? {}) },
    ...(o.environments ?? e?.environments ? { environments: o.environments ?? e!.environments } : {}),
    origin,
  }));
  if (c.rules) for (const x of changed) validateCheck({ rule: x.rule, target: x.target, with: x.with, ...(x.environments ? { environments: x.environments } : {}) }, c.yaml, base, c.rules, c.environments, c.out);
  return changed;
}

/** An override naming a task: change, add or drop that task's checks of one rule. */
function overrideTask(o: CheckOverride & { task: string }, task: Task, base: (string | number)[], c: Context): void {
  const existing = task.checks.filter((x) => x.rule === o.rule);
  task.changes.push({ kind: 'checks', reason: `${o.drop ? 'dropped' : existing.length > 0 ? 'changed' : 'added'} ${o.rule}: ${o.reason}` });
  if (o.drop) {
    if (existing.length === 0) c.out.push(diagnosticAt(c.yaml, [...base, 'rule'], { code: 'nothing-to-drop', message: `${o.task} has no ${o.rule} check to drop`, hint: task.checks.length ? `its checks: ${[...new Set(task.checks.map((x) => x.rule))].join(', ')}` : 'the task has no checks' }));
    task.checks = task.checks.filter((x) => x.rule !== o.rule);
    return;
  }
  if (existing.length === 0 && o.target === undefined) {
    return void c.out.push(diagnosticAt(c.yaml, base, { code: 'missing-field', message: `${o.task} has no ${o.rule} check yet, so this override adds one and needs a target`, hint: 'add target: (e.g. ${env.host}), or check the rule id' }));
  }
  task.checks = [...task.checks.filter((x) => x.rule !== o.rule), ...changedChecks(o, o.rule, existing, base, c)];
}

/**
 * An override without a task: every check whose rule matches `rule` (an id or a pattern such as
 * page/*), on every task, gets the new options, target and environments, or is dropped. It adds
 * nothing, so a target here would apply to many checks at once: one per task is asked for instead.
 */
function overrideEvery(o: CheckOverride, tasks: Map<string, Task>, base: (string | number)[], c: Context): void {
  if (o.target !== undefined) return void c.out.push(diagnosticAt(c.yaml, [...base, 'target'], { code: 'target-without-task', message: `a check override without a task changes existing ${o.rule} checks and cannot give them one target`, hint: 'name the task (task: …) to move or add one check' }));
  const matches = ruleMatcher([o.rule]);
  let found = 0;
  for (const task of tasks.values()) {
    const hit = task.checks.filter((x) => matches(x.rule));
    if (hit.length === 0) continue;
    found += hit.length;
    task.changes.push({ kind: 'checks', reason: `${o.drop ? 'dropped' : 'changed'} ${[...new Set(hit.map((x) => x.rule))].join(', ')}: ${o.reason}` });
    task.checks = o.drop ? task.checks.filter((x) => !matches(x.rule)) : task.checks.flatMap((x) => (matches(x.rule) ? changedChecks(o, x.rule, [x], base, c) : [x]));
  }
  if (found === 0) {
    const used = [...new Set([...tasks.values()].flatMap((t) => t.checks.map((x) => x.rule)))];
    c.out.push(diagnosticAt(c.yaml, [...base, 'rule'], { code: 'nothing-matched', message: `no task has a check whose rule ${isRulePattern(o.rule) ? 'matches' : 'is'} ${o.rule}`, hint: suggestion(o.rule, used, 'rule') }));
  }
}

/**
 * The project's `overrides.checks`, in order: with a task, change the checks of a rule on that task
 * (new target, options merged over the playbook's, environments), add a check the task does not
 * have, or drop them; without a task, change or drop every check whose rule matches. Each effective
 * check is validated where the override is written.
 */
export function applyCheckOverrides(list: CheckOverride[] | undefined, tasks: Map<string, Task>, yaml: YamlFile, rules: RuleCatalog | undefined, environments: Record<string, Environment>, out: Diagnostic[]): void {
  const c: Context = { yaml, rules, environments, out };
  list?.forEach((o, i) => {
    const base = ['overrides', 'checks', i];
    if (o.task === undefined) return overrideEvery(o, tasks, base, c);
    const task = tasks.get(o.task);
    if (!task) return void out.push(diagnosticAt(yaml, [...base, 'task'], { code: 'unknown-task', message: `unknown task "${o.task}"`, hint: suggestion(o.task, [...tasks.keys()], 'task') }));
    overrideTask({ ...o, task: o.task }, task, base, c);
  });
}
