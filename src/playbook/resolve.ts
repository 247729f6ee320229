import path from 'node:path';
import type { Diagnostic } from '../errors.js';
import { suggestion } from '../lib/suggest.js';
import type { Project, Task } from './model.js';
import type { PhaseName, PlaybookInput, ProjectInput, TaskInput } from './schema.js';
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
export function resolveProject(project: LoadedProject, playbooks: LoadedPlaybook[], now: Date, out: Diagnostic[], complete = true): Project | undefined {
  const { tasks: entries, declared } = collect(project, playbooks, out);
  const time = checkTime(project, now, out);
  // With a playbook missing, its roles, areas and tasks are unknown: checking references would only add noise.
  if (!complete) return undefined;
  checkTaskRefs(entries, declared, out);
  checkPeople(project, declared, out);
  const byId = new Map(entries.map((e) => [e.input.id, toTask(e)]));
  const dropped = applyOverrides(project, byId, declared, out);
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
    environments: Object.fromEntries(
      Object.entries(p.environments ?? {}).map(([k, e]) => [k, { ...(e.url ? { url: e.url } : {}), hosts: e.hosts ?? [], vars: e.vars ?? {} }]),
    ),
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
    },
    file: project.abs,
    dir: path.dirname(project.abs),
  };
}
