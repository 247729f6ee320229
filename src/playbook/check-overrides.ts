import { validateCheck, type RuleCatalog } from '../checks/config.js';
import type { Diagnostic } from '../errors.js';
import { suggestion } from '../lib/suggest.js';
import type { Environment, Task, TaskCheck } from './model.js';
import type { ProjectInput } from './schema.js';
import { diagnosticAt, formatPath, locate, type YamlFile } from './yaml.js';

type CheckOverride = NonNullable<NonNullable<ProjectInput['overrides']>['checks']>[number];

/**
 * The project's `overrides.checks`: change the checks of a rule on a task (new target, options
 * merged over the playbook's, environments), add a check the task does not have, or drop them.
 * Each effective check is validated where the override is written.
 */
export function applyCheckOverrides(list: CheckOverride[] | undefined, tasks: Map<string, Task>, yaml: YamlFile, rules: RuleCatalog | undefined, environments: Record<string, Environment>, out: Diagnostic[]): void {
  list?.forEach((o, i) => {
    const base = ['overrides', 'checks', i];
    const task = tasks.get(o.task);
    if (!task) return void out.push(diagnosticAt(yaml, [...base, 'task'], { code: 'unknown-task', message: `unknown task "${o.task}"`, hint: suggestion(o.task, [...tasks.keys()], 'task') }));
    const where = locate(yaml, base);
    const origin = { file: yaml.file, line: where.line, column: where.column, path: formatPath(base) };
    const existing = task.checks.filter((c) => c.rule === o.rule);
    task.changes.push({ kind: 'checks', reason: `${o.drop ? 'dropped' : existing.length > 0 ? 'changed' : 'added'} ${o.rule}: ${o.reason}` });
    if (o.drop) {
      if (existing.length === 0) out.push(diagnosticAt(yaml, [...base, 'rule'], { code: 'nothing-to-drop', message: `${o.task} has no ${o.rule} check to drop`, hint: task.checks.length ? `its checks: ${[...new Set(task.checks.map((c) => c.rule))].join(', ')}` : 'the task has no checks' }));
      task.checks = task.checks.filter((c) => c.rule !== o.rule);
      return;
    }
    if (existing.length === 0 && o.target === undefined) {
      return void out.push(diagnosticAt(yaml, base, { code: 'missing-field', message: `${o.task} has no ${o.rule} check yet, so this override adds one and needs a target`, hint: 'add target: (e.g. ${env.host}), or check the rule id' }));
    }
    const changed: TaskCheck[] = (existing.length > 0 ? existing : [undefined]).map((c) => ({
      rule: o.rule,
      target: o.target ?? c!.target,
      with: { ...(c?.with ?? {}), ...(o.with ?? {}) },
      ...(o.environments ?? c?.environments ? { environments: o.environments ?? c!.environments } : {}),
      origin,
    }));
    if (rules) for (const c of changed) validateCheck({ rule: c.rule, target: c.target, with: c.with, ...(c.environments ? { environments: c.environments } : {}) }, yaml, base, rules, environments, out);
    task.checks = [...task.checks.filter((c) => c.rule !== o.rule), ...changed];
  });
}
