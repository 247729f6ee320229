import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../lib/canonical.js';
import { parseTarget } from '../checks/config.js';
import { envVars, interpolate } from '../checks/env.js';
import { loadBuiltinRegistry, type Registry } from '../checks/registry.js';
import type { RuleCatalog } from '../checks/config.js';
import { targetLabel } from '../checks/targets.js';
import type { VerdictStatus } from '../checks/types.js';
import { UsageError } from '../errors.js';
import { suggestion } from '../lib/suggest.js';
import type { Project, Task, TaskCheck } from '../playbook/model.js';
import { runChecks, type CheckResult, type CheckSpec } from '../runner/runner.js';
import { defaultActor } from './context.js';
import { netOptions, type NetFlags } from './network.js';
import { withStore, type Session } from './session.js';
import { deployFileChecks, type ExtraCheck } from './spryker.js';
import { ruleMatcher } from '../lib/rule-glob.js';

export interface CheckFilters {
  environment?: string;
  /** Glob patterns over rule ids, e.g. "tls/*". */
  only?: string[];
  task?: string;
}

export interface CheckRun {
  id: string;
  environment: string;
  startedAt: Date;
  finishedAt: Date;
  cancelled: boolean;
  results: CheckResult[];
  counts: Record<VerdictStatus, number>;
  /** Titles and severities of the tasks the results belong to. */
  tasks: Record<string, Pick<Task, 'title' | 'severity' | 'owner'>>;
}

/** "tls/*", "dns/**", "http/status" as a matcher over rule ids. */
export { ruleMatcher };

/** The environment to check: the one asked for, else production, else the only one declared. */
export function pickEnvironment(project: Project, asked: string | undefined): string {
  const names = Object.keys(project.environments);
  if (asked !== undefined) {
    if (names.length > 0 && !names.includes(asked)) throw new UsageError(`unknown environment "${asked}"`, { hint: `${suggestion(asked, names, 'environment')}; golive.yaml declares ${names.join(', ')}` });
    return asked;
  }
  if (names.includes('production') || names.length === 0) return 'production';
  if (names.length === 1) return names[0]!;
  throw new UsageError(`which environment? golive.yaml declares ${names.join(', ')} and none is called production`, { hint: `pass --env ${names[0]}` });
}

const skipped = (key: string, task: string, rule: string, target: string, summary: string, hint: string, now: Date): CheckResult => ({
  key, task, rule, target, status: 'skipped', summary, findings: [{ severity: 'info', code: 'not-run', message: summary, hint }], evidence: null, startedAt: now, durationMs: 0, attempts: 0,
});

/** One task's check in one environment: a spec to run, or a `skipped` result saying why not. */
function expand(task: Task, check: TaskCheck, key: string, env: string, project: Project, rules: RuleCatalog, now: Date): CheckSpec | CheckResult {
  const rule = rules.get(check.rule);
  const raw = typeof check.target === 'string' ? check.target : JSON.stringify(check.target);
  if (!rule) return skipped(key, task.id, check.rule, raw, `unknown rule ${check.rule}`, 'golive rules lists every rule', now);
  const vars = envVars(env, project.environments[env]);
  const target = interpolate(check.target, vars);
  const options = interpolate(check.with, vars);
  const missing = [...new Set([...target.missing, ...options.missing])];
  if (missing.length > 0) {
    const names = missing.map((m) => `vars.${m}`).join(', ');
    return skipped(key, task.id, rule.meta.id, raw, `not run in ${env}: ${names} not set`, `set ${names} under environments.${env} in golive.yaml`, now);
  }
  const parsedTarget = parseTarget(rule, target.value);
  if (!parsedTarget.ok) return skipped(key, task.id, rule.meta.id, raw, `invalid target in ${env}: ${parsedTarget.message}`, `${rule.meta.id} takes ${rule.meta.targetHelp}`, now);
  const parsedOptions = rule.options.safeParse(options.value);
  const label = targetLabel(parsedTarget.value);
  if (!parsedOptions.success) return skipped(key, task.id, rule.meta.id, label, `invalid options in ${env}: ${parsedOptions.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`, `see golive rules ${rule.meta.id}`, now);
  return { key, task: task.id, rule, target: parsedTarget.value, label, options: parsedOptions.data };
}

/** Every check of the plan's tasks that applies to the environment and the filters. */
export function planChecks(project: Project, env: string, filters: CheckFilters, rules: RuleCatalog, now: Date, extra: ExtraCheck[] = []): { specs: CheckSpec[]; skipped: CheckResult[] } {
  if (filters.task !== undefined && !project.tasks.some((t) => t.id === filters.task)) {
    throw new UsageError(`unknown task "${filters.task}"`, { hint: suggestion(filters.task, project.tasks.map((t) => t.id), 'task') });
  }
  const matches = ruleMatcher(filters.only ?? []);
  const specs: CheckSpec[] = [];
  const skippedResults: CheckResult[] = [];
  for (const task of project.tasks) {
    if (filters.task !== undefined && task.id !== filters.task) continue;
    // The task's own checks (keys "task#0", ...), then those the deploy file implies ("task#d0", ...).
    const own = task.checks.map((check, i) => ({ check, key: `${task.id}#${i}` }));
    const implied = extra.filter((e) => e.task === task.id).map(({ check }, i) => ({ check, key: `${task.id}#d${i}` }));
    for (const { check, key } of [...own, ...implied]) {
      if (!matches(check.rule) || (check.environments && !check.environments.includes(env))) continue;
      const x = expand(task, check, key, env, project, rules, now);
      if ('rule' in x && typeof x.rule === 'object') specs.push(x as CheckSpec);
      else skippedResults.push(x as CheckResult);
    }
  }
  // A playbook check and one the deploy file implies can be the same check: run it once.
  const seen = new Set<string>();
  const unique = specs.filter((x) => {
    const key = `${x.task ?? ''} ${x.rule.meta.id} ${x.label} ${canonicalJson(x.options)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { specs: unique, skipped: skippedResults };
}

export function countResults(results: CheckResult[]): Record<VerdictStatus, number> {
  const counts: Record<VerdictStatus, number> = { pass: 0, warn: 0, fail: 0, error: 0, skipped: 0, manual: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}

export interface RunCheckOptions extends CheckFilters {
  net: NetFlags;
  retries?: number;
  signal?: AbortSignal;
  onResult?: (r: CheckResult, done: number, total: number) => void;
  /** Store the results (default true). */
  store?: boolean;
  /** --allow-login-probes: demo-user checks may log in for this run. */
  allowLoginProbes?: boolean;
}

/** Run a project's checks in one environment and store the results with an audit entry. */
export async function runProjectChecks(session: Session, options: RunCheckOptions, registryIn?: Registry): Promise<CheckRun> {
  const registry = registryIn ?? (await loadBuiltinRegistry());
  const { project, ctx } = session;
  const environment = pickEnvironment(project, options.environment);
  const settings = project.environments[environment]?.network ?? {};
  const { net, concurrency } = netOptions(options.net, settings, project.dir);
  const extra = await deployFileChecks(project, environment, registry.rules);
  const { specs, skipped: notRun } = planChecks(project, environment, options, registry.rules, ctx.now, extra);
  // The run's clock follows the session's (GOLIVE_NOW pins it for rehearsals) and advances in real time.
  const offset = ctx.now.getTime() - Date.now();
  const clock = () => new Date(Date.now() + offset);
  const startedAt = clock();
  const secrets = Object.entries(ctx.env).filter(([k, v]) => v && /SECRET|TOKEN|PASSWORD|API_KEY/i.test(k)).map(([, v]) => v as string);
  const ran = await runChecks(specs, {
    registry, net, concurrency, retries: options.retries ?? 1, now: clock, goLive: project.goLive, cwd: project.dir, secrets, cdp: project.cdp,
    allowLogin: options.allowLoginProbes === true || project.environments[environment]?.loginProbes === true,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onResult ? { onResult: options.onResult } : {}),
  });
  const results = [...ran.results, ...notRun];
  const run: CheckRun = {
    id: randomUUID(), environment, startedAt, finishedAt: clock(), cancelled: ran.cancelled, results, counts: countResults(results),
    tasks: Object.fromEntries(project.tasks.filter((t) => t.checks.length > 0).map((t) => [t.id, { title: t.title, severity: t.severity, owner: t.owner }])),
  };
  if (options.store !== false && results.length > 0) await storeRun(session, run);
  return run;
}

async function storeRun(session: Session, run: CheckRun): Promise<void> {
  const actor = defaultActor(session.ctx.env);
  await withStore(session, 'golive check', (store) =>
    store.recordCheckRun(session.project.id, {
      id: run.id, environment: run.environment, startedAt: run.startedAt, finishedAt: run.finishedAt, actor, cancelled: run.cancelled, counts: run.counts,
      results: run.results.map((r, seq) => ({ seq, task: r.task ?? null, rule: r.rule, target: r.target, status: r.status, summary: r.summary, code: r.code ?? null, findings: r.findings, evidence: r.evidence ?? {}, startedAt: r.startedAt, durationMs: r.durationMs, attempts: r.attempts })),
    }),
  );
}
