import path from 'node:path';
import type { Diagnostic } from '../errors.js';
import { suggestion } from '../lib/suggest.js';
import { validateTaskChecks, type RuleCatalog } from '../checks/config.js';
import { applyCheckOverrides } from './check-overrides.js';
import { cdpFacts } from './cdp.js';
import type { NetworkSettings, Project, Task } from './model.js';
import { DURATION_PATTERN, type NetworkInput, type PhaseName, type PlaybookInput, type ProjectInput, type TaskInput } from './schema.js';
import { checkPeople, checkRequires, checkTaskRefs, checkTime, type Declared } from './validate.js';
import { diagnosticAt, locate, formatPath, type FieldPath, type YamlFile } from './yaml.js';

export interface LoadedPlaybook {
  input: PlaybookInput;
  yaml: YamlFile;
  abs: string;
  builtin: boolean;
}

export interface LoadedProject {
  input: ProjectInput;
  yaml: YamlFile;
  abs: string;
}

/** A task with the file and field path it came from. */
export interface TaskEntry {
  input: TaskInput;
  yaml: YamlFile;
  path: FieldPath;
  playbook: string;
}

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "10s" -> 10000. The schema has already checked the form. */
export function durationMs(text: string): number {
  const m = DURATION_PATTERN.exec(text);
  if (!m) throw new Error(`not a duration: ${text}`);
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

function networkOf(n: NetworkInput | undefined, dir: string): NetworkSettings {
  if (!n) return {};
  return {
    ...(n.resolvers ? { resolvers: n.resolvers } : {}),
    ...(n.resolve ? { resolve: n.resolve } : {}),
    ...(n.caFile ? { caFile: path.resolve(dir, n.caFile) } : {}),
    ...(n.timeout ? { timeoutMs: durationMs(n.timeout) } : {}),
    ...(n.concurrency ? { concurrency: n.concurrency } : {}),
  };
}

function declare(into: Declared, what: 'roles' | 'areas', record: Record<string, string> | undefined, yaml: YamlFile, at: string) {
  for (const [key, title] of Object.entries(record ?? {})) {
    if (!into[what].has(key)) into[what].set(key, { title, yaml, path: [at, key] });
  }
}

function collect(project: LoadedProject, playbooks: LoadedPlaybook[], out: Diagnostic[]): { tasks: TaskEntry[]; declared: Declared } {
  const declared: Declared = { roles: new Map(), areas: new Map(), tasks: new Map() };
  const tasks: TaskEntry[] = [];
  const ids = new Map<string, LoadedPlaybook>();
  for (const pb of playbooks) {
    const first = ids.get(pb.input.id);
    if (first) {
      out.push(diagnosticAt(pb.yaml, ['id'], { code: 'duplicate-playbook', message: `playbook id "${pb.input.id}" is also used by ${first.yaml.file}`, hint: 'give each playbook its own id' }));
    }
    ids.set(pb.input.id, pb);
    declare(declared, 'roles', pb.input.roles, pb.yaml, 'roles');
    declare(declared, 'areas', pb.input.areas, pb.yaml, 'areas');
    pb.input.tasks.forEach((t, i) => tasks.push({ input: t, yaml: pb.yaml, path: ['tasks', i], playbook: pb.input.id }));
  }
  declare(declared, 'roles', project.input.roles, project.yaml, 'roles');
  declare(declared, 'areas', project.input.areas, project.yaml, 'areas');
  project.input.overrides?.add?.forEach((t, i) => tasks.push({ input: t, yaml: project.yaml, path: ['overrides', 'add', i], playbook: 'project' }));
  for (const entry of tasks) {
    const first = declared.tasks.get(entry.input.id);
    if (first) {
      const at = locate(first.yaml, [...first.path, 'id']);
      out.push(diagnosticAt(entry.yaml, [...entry.path, 'id'], { code: 'duplicate-task', message: `task id "${entry.input.id}" is already used`, hint: `first declared at ${first.yaml.file}:${at.line}:${at.column}; task ids are unique across all playbooks` }));
      continue;
    }
    declared.tasks.set(entry.input.id, entry);
  }
  return { tasks: tasks.filter((t) => declared.tasks.get(t.input.id) === t), declared };
}

/** The phase a due offset implies: before go-live prepare, at it cutover, after it hypercare. */
export function phaseForDue(due: string | undefined): PhaseName {
  return due === undefined || due === 'T0' ? 'cutover' : due.startsWith('T-') ? 'prepare' : 'hypercare';
}

function toTask(entry: TaskEntry): Task {
  const t = entry.input;
  const at = locate(entry.yaml, entry.path);
  const phase = t.phase ?? phaseForDue(t.due);
  return {
    id: t.id,
    title: t.title,
    area: t.area,
    why: t.why,
    how: t.how,
    owner: t.owner,
    ...(t.due === undefined ? {} : { due: t.due }),
    phase,
    requires: t.requires ?? [],
    severity: t.severity,
    signoff: t.signoff ?? [],
    sources: t.source === undefined ? [] : Array.isArray(t.source) ? t.source : [t.source],
    links: t.links ?? [],
    playbook: entry.playbook,
    origin: { file: entry.yaml.file, line: at.line, column: at.column, path: formatPath(entry.path) },
    changes: 'reason' in t && typeof t.reason === 'string' ? [{ kind: 'add', reason: t.reason }] : [],
    checks: (t.checks ?? []).map((c, i) => {
      const where = locate(entry.yaml, [...entry.path, 'checks', i]);
      return { rule: c.rule, target: c.target, with: c.with ?? {}, ...(c.environments ? { environments: c.environments } : {}), origin: { file: entry.yaml.file, line: where.line, column: where.column, path: formatPath([...entry.path, 'checks', i]) } };
    }),
  };
}

function unknownTask(project: LoadedProject, path: FieldPath, id: string, known: Map<string, unknown>): Diagnostic {
  return diagnosticAt(project.yaml, path, { code: 'unknown-task', message: `unknown task "${id}"`, hint: suggestion(id, [...known.keys()], 'task') });
}

function applyOverrides(project: LoadedProject, tasks: Map<string, Task>, declared: Declared, out: Diagnostic[]) {
  const o = project.input.overrides ?? {};
  const dropped: { task: string; reason: string }[] = [];
  o.drop?.forEach((d, i) => {
    if (!tasks.has(d.task)) return void out.push(unknownTask(project, ['overrides', 'drop', i, 'task'], d.task, declared.tasks));
    tasks.delete(d.task);
    dropped.push({ task: d.task, reason: d.reason });
  });
  o.reschedule?.forEach((r, i) => {
    const task = tasks.get(r.task);
    if (!task) return void out.push(unknownTask(project, ['overrides', 'reschedule', i, 'task'], r.task, declared.tasks));
    if (r.due === undefined && r.phase === undefined) {
      return void out.push(diagnosticAt(project.yaml, ['overrides', 'reschedule', i], { code: 'missing-field', message: 'a reschedule needs a new due or phase', hint: 'add due: T-2w (for example)' }));
    }
    task.changes.push({ kind: 'reschedule', reason: r.reason, from: task.due ?? task.phase });
    // A new phase without a due takes the phase's own due date (T0, end of hypercare).
    if (r.due === undefined && r.phase !== 'prepare') delete task.due;
    else if (r.due !== undefined) task.due = r.due;
    task.phase = r.phase ?? phaseForDue(r.due);
    if (task.due === undefined && task.phase === 'prepare') {
      out.push(diagnosticAt(project.yaml, ['overrides', 'reschedule', i], { code: 'missing-due', message: `${task.id} would be a prepare task with no due date`, hint: 'add due: T-2w (for example)' }));
    } else if (task.due !== undefined && task.phase !== 'cutover' && phaseForDue(task.due) !== task.phase) {
      out.push(diagnosticAt(project.yaml, ['overrides', 'reschedule', i], { code: 'phase-mismatch', message: `${task.id} would be a ${task.phase} task due ${task.due}`, hint: 'a prepare task is due T-…, a hypercare task T+…' }));
    }
  });
  o.reown?.forEach((r, i) => {
    const task = tasks.get(r.task);
    if (!task) return void out.push(unknownTask(project, ['overrides', 'reown', i, 'task'], r.task, declared.tasks));
    task.changes.push({ kind: 'reown', reason: r.reason, from: task.owner });
    task.owner = r.owner;
  });
  return dropped;
}

/** Cross-file validation and the project's overrides; returns undefined when nothing usable remains. */
export function resolveProject(project: LoadedProject, playbooks: LoadedPlaybook[], now: Date, out: Diagnostic[], complete = true, rules?: RuleCatalog): Project | undefined {
  const { tasks: entries, declared } = collect(project, playbooks, out);
  const time = checkTime(project, now, out);
  // With a playbook missing, its roles, areas and tasks are unknown: checking references would only add noise.
  if (!complete) return undefined;
  checkTaskRefs(entries, declared, out);
  checkPeople(project, declared, out);
  const environments = Object.fromEntries(
    Object.entries(project.input.environments ?? {}).map(([k, e]) => [k, { ...(e.url ? { url: e.url } : {}), hosts: e.hosts ?? [], vars: e.vars ?? {}, network: networkOf(e.network, path.dirname(project.abs)), loginProbes: e.loginProbes ?? false, ...(e.deployFile ? { deployFile: path.resolve(path.dirname(project.abs), e.deployFile) } : {}) }]),
  );
  if (rules) for (const e of entries) if (e.input.checks) validateTaskChecks(e.input.checks, e, rules, environments, out, e.yaml === project.yaml);
  const byId = new Map(entries.map((e) => [e.input.id, toTask(e)]));
  const dropped = applyOverrides(project, byId, declared, out);
  applyCheckOverrides(project.input.overrides?.checks, byId, project.yaml, rules, environments, out);
  checkRequires(byId, entries, dropped, out);
  const tasks = [...byId.values()];
  if (!time) return undefined;
  const p = project.input;
  return {
    id: p.id,
    name: p.name,
    goLiveLocal: p.goLive.replace(' ', 'T'),
    timeZone: p.timeZone,
    goLive: time.goLive,
    launched: p.launched ?? false,
    hypercare: p.hypercare ?? 'T+2w',
    calendar: {
      weekend: (p.calendar?.weekend ?? ['sat', 'sun']).map((d) => WEEKDAYS.indexOf(d) + 1),
      holidays: (p.calendar?.holidays ?? []).map((h) => (typeof h === 'string' ? { date: h } : h)),
    },
    environments,
    roles: Object.fromEntries([...declared.roles].map(([k, v]) => [k, v.title])),
    areas: Object.fromEntries([...declared.areas].map(([k, v]) => [k, v.title])),
    people: p.people ?? [],
    tasks,
    dropped,
    playbooks: playbooks.map((pb) => ({ id: pb.input.id, version: pb.input.version, title: pb.input.title, file: pb.yaml.file, builtin: pb.builtin })),
    policy: {
      freeze: p.policy?.freeze ?? 'T-7d',
      blockingSeverities: p.policy?.blockingSeverities ?? ['blocker'],
      waiverRoles: p.policy?.waiverRoles ?? [],
      maxWaiverDays: p.policy?.maxWaiverDays ?? 30,
      checks: {
        environment: p.policy?.checks?.environment ?? 'production',
        freshnessMs: durationMs(p.policy?.checks?.freshness ?? '24h'),
        unverified: p.policy?.checks?.unverified ?? 'note',
      },
    },
    cdp: cdpFacts(p.cdp),
    file: project.abs,
    dir: path.dirname(project.abs),
  };
}
