import type { Diagnostic } from '../errors.js';
import { closest, suggestion } from '../lib/suggest.js';
import { formatLocal, isValidDate, isValidTimeZone, knownTimeZones, localToInstant } from '../plan/time.js';
import type { Task } from './model.js';
import { dueFor } from '../plan/plan.js';
import type { LoadedProject, TaskEntry } from './resolve.js';
import { diagnosticAt, type FieldPath, type YamlFile } from './yaml.js';

export interface Declared {
  roles: Map<string, { title: string; yaml: YamlFile; path: FieldPath }>;
  areas: Map<string, { title: string; yaml: YamlFile; path: FieldPath }>;
  tasks: Map<string, TaskEntry>;
}

function unknownRef(yaml: YamlFile, path: FieldPath, noun: string, value: string, known: Iterable<string>, extra = ''): Diagnostic {
  return diagnosticAt(yaml, path, {
    code: `unknown-${noun}`,
    message: `unknown ${noun} "${value}"`,
    hint: `${suggestion(value, [...known], noun)}${extra}`,
  });
}

function checkSchedule(e: TaskEntry, out: Diagnostic[]) {
  const { due, phase } = e.input;
  const at = [...e.path, 'due'];
  if (due === undefined && (phase === undefined || phase === 'prepare')) {
    out.push(diagnosticAt(e.yaml, e.path, { code: 'missing-due', message: `task "${e.input.id}" has no due offset`, hint: 'add due: T-2w (for example), or phase: cutover / hypercare' }));
  } else if (due !== undefined && phase === 'prepare' && !due.startsWith('T-')) {
    out.push(diagnosticAt(e.yaml, at, { code: 'phase-mismatch', message: `a prepare task is due before go-live, but due is ${due}`, hint: 'use a T- offset, or phase: hypercare for work after go-live' }));
  } else if (due !== undefined && phase === 'hypercare' && due.startsWith('T-')) {
    out.push(diagnosticAt(e.yaml, at, { code: 'phase-mismatch', message: `a hypercare task is due after go-live, but due is ${due}`, hint: 'use a T+ offset, or phase: prepare' }));
  }
}

/** Areas, roles and required tasks referenced by tasks exist; schedules are coherent. */
export function checkTaskRefs(entries: TaskEntry[], declared: Declared, out: Diagnostic[]): void {
  const roleHint = '; roles are declared under roles: in a playbook or in golive.yaml';
  for (const e of entries) {
    const t = e.input;
    if (!declared.areas.has(t.area)) out.push(unknownRef(e.yaml, [...e.path, 'area'], 'area', t.area, declared.areas.keys(), '; areas are declared under areas:'));
    if (!declared.roles.has(t.owner)) out.push(unknownRef(e.yaml, [...e.path, 'owner'], 'role', t.owner, declared.roles.keys(), roleHint));
    t.signoff?.forEach((r, i) => {
      if (!declared.roles.has(r)) out.push(unknownRef(e.yaml, [...e.path, 'signoff', i], 'role', r, declared.roles.keys(), roleHint));
    });
    t.requires?.forEach((r, i) => {
      if (r === t.id) out.push(diagnosticAt(e.yaml, [...e.path, 'requires', i], { code: 'requires-cycle', message: `task "${t.id}" requires itself`, hint: 'remove it from requires' }));
      else if (!declared.tasks.has(r)) out.push(unknownRef(e.yaml, [...e.path, 'requires', i], 'task', r, declared.tasks.keys()));
    });
    checkSchedule(e, out);
  }
}

function closestZone(zone: string): string {
  const near = closest(zone, knownTimeZones());
  return near ? `did you mean "${near}"? ` : '';
}

/** Time zone, go-live instant and holidays. Returns the go-live instant when it is usable. */
export function checkTime(project: LoadedProject, now: Date, out: Diagnostic[]): { goLive: Date } | undefined {
  const p = project.input;
  const y = project.yaml;
  p.calendar?.holidays?.forEach((h, i) => {
    const date = typeof h === 'string' ? h : h.date;
    if (!isValidDate(date)) out.push(diagnosticAt(y, ['calendar', 'holidays', i], { code: 'invalid-date', message: `${date} is not a date in the calendar`, hint: 'write holidays as YYYY-MM-DD' }));
  });
  if (p.policy?.freeze !== undefined && p.policy.freeze.startsWith('T+')) out.push(diagnosticAt(y, ['policy', 'freeze'], { code: 'invalid-offset', message: `the freeze point ${p.policy.freeze} is after go-live`, hint: 'use T-7d (the default) or another T- offset' }));
  if (p.hypercare !== undefined && !p.hypercare.startsWith('T+')) out.push(diagnosticAt(y, ['hypercare'], { code: 'invalid-offset', message: `hypercare ends at ${p.hypercare}, not after go-live`, hint: 'use a T+ offset such as T+2w' }));
  if (new Set(p.calendar?.weekend ?? []).size === 7) out.push(diagnosticAt(y, ['calendar', 'weekend'], { code: 'no-working-days', message: 'every day of the week is a weekend day', hint: 'list only the days nobody works, e.g. [sat, sun]' }));
  if (!isValidTimeZone(p.timeZone)) {
    out.push(diagnosticAt(y, ['timeZone'], { code: 'invalid-time-zone', message: `"${p.timeZone}" is not an IANA time zone`, hint: `${closestZone(p.timeZone)}names look like Europe/Berlin, America/New_York or Asia/Dubai (the tz database)` }));
    return undefined;
  }
  const r = localToInstant(p.goLive, p.timeZone);
  if ('problem' in r) {
    out.push(diagnosticAt(y, ['goLive'], { code: 'invalid-date', message: r.problem, hint: 'pick a local time that exists, e.g. 09:00 on a working day' }));
    return undefined;
  }
  if (r.instant.getTime() < now.getTime() && !p.launched) {
    // During cutover and hypercare a passed go-live is expected: a warning. After hypercare it is
    // a date nobody moved: an error.
    const hypercareEnd = dueFor(p.hypercare ?? 'T+2w', r.instant, p.timeZone, { weekend: [], holidays: [] }).due;
    const over = now.getTime() > hypercareEnd.getTime();
    out.push(
      diagnosticAt(y, ['goLive'], {
        severity: over ? 'error' : 'warning',
        code: 'go-live-in-past',
        message: `go-live ${p.goLive} (${p.timeZone}) is in the past (now is ${formatLocal(now, p.timeZone)})${over ? ', and so is the end of hypercare' : ''}`,
        hint: 'if the date moved, change goLive (golive plan --what-if <date> shows the effect); if you are live, add `launched: true`',
      }),
    );
  }
  return { goLive: r.instant };
}

/** People have unique ids and declared roles; policy roles exist; roles without a holder are warned about. */
export function checkPeople(project: LoadedProject, declared: Declared, out: Diagnostic[]): void {
  const y = project.yaml;
  const seen = new Set<string>();
  const held = new Set<string>();
  project.input.people?.forEach((person, i) => {
    if (seen.has(person.id)) out.push(diagnosticAt(y, ['people', i, 'id'], { code: 'duplicate-person', message: `person id "${person.id}" is used twice`, hint: 'give each person a unique id; --as uses it' }));
    seen.add(person.id);
    person.roles.forEach((r, j) => {
      held.add(r);
      if (!declared.roles.has(r)) out.push(unknownRef(y, ['people', i, 'roles', j], 'role', r, declared.roles.keys(), '; a project adds roles under roles:'));
    });
  });
  project.input.overrides?.reown?.forEach((r, i) => {
    if (!declared.roles.has(r.owner)) out.push(unknownRef(y, ['overrides', 'reown', i, 'owner'], 'role', r.owner, declared.roles.keys()));
  });
  project.input.policy?.waiverRoles?.forEach((r, i) => {
    if (!declared.roles.has(r)) out.push(unknownRef(y, ['policy', 'waiverRoles', i], 'role', r, declared.roles.keys()));
  });
  const needed = new Map<string, number>();
  for (const e of declared.tasks.values()) {
    for (const r of [e.input.owner, ...(e.input.signoff ?? [])]) needed.set(r, (needed.get(r) ?? 0) + 1);
  }
  const unfilled = [...needed].filter(([role]) => !held.has(role) && declared.roles.has(role));
  if (unfilled.length > 0) {
    const list = unfilled.map(([role, count]) => `${role} (${count} task${count === 1 ? '' : 's'})`).join(', ');
    out.push(diagnosticAt(y, project.input.people ? ['people'] : [], { severity: 'warning', code: 'role-unfilled', message: `nobody holds ${unfilled.length === 1 ? 'the role' : 'the roles'} ${list}: those tasks have no owner or sign-off person`, hint: 'add the roles to people under people: (a person may hold several)' }));
  }
}

/** Requirements point at tasks still in the plan, and never form a cycle. */
export function checkRequires(tasks: Map<string, Task>, entries: TaskEntry[], dropped: { task: string }[], out: Diagnostic[]): void {
  const entryOf = new Map(entries.map((e) => [e.input.id, e]));
  const droppedIds = new Set(dropped.map((d) => d.task));
  for (const task of tasks.values()) {
    const entry = entryOf.get(task.id);
    task.requires = task.requires.filter((r, i) => {
      if (!droppedIds.has(r)) return tasks.has(r);
      if (entry) out.push(diagnosticAt(entry.yaml, [...entry.path, 'requires', i], { severity: 'warning', code: 'requires-dropped', message: `task "${task.id}" requires "${r}", which the project drops; the requirement is ignored`, hint: `drop "${task.id}" too if it no longer applies` }));
      return false;
    });
  }
  for (const cycle of findCycles(tasks)) {
    const first = entryOf.get(cycle[0] ?? '');
    if (!first) continue;
    const index = (first.input.requires ?? []).indexOf(cycle[1] ?? '');
    out.push(diagnosticAt(first.yaml, [...first.path, 'requires', Math.max(index, 0)], { code: 'requires-cycle', message: `tasks require each other in a cycle: ${cycle.join(' -> ')}`, hint: 'remove one requirement so the order can be decided' }));
  }
}

/** Each cycle once, as a closed list of ids (first = last). */
export function findCycles(tasks: Map<string, Task>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  const stack: string[] = [];
  const visit = (id: string) => {
    state.set(id, 'open');
    stack.push(id);
    for (const next of tasks.get(id)?.requires ?? []) {
      if (next === id) continue;
      const s = state.get(next);
      if (s === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of tasks.keys()) if (!state.has(id)) visit(id);
  return cycles;
}
