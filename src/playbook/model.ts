import type { CdpFacts } from './cdp.js';
import type { PersonInput, PhaseName, SeverityName, SourceRef } from './schema.js';

/** Where a value was declared, for diagnostics after loading. */
export interface Origin {
  file: string;
  line: number;
  column: number;
  path: string;
}

export interface TaskChange {
  kind: 'add' | 'reschedule' | 'reown' | 'checks';
  reason: string;
  /** The value before the change, for reschedule and reown. */
  from?: string;
}

/** A task as the project uses it: from a playbook, with the project's overrides applied. */
export interface Task {
  id: string;
  title: string;
  area: string;
  why: string;
  how: string;
  owner: string;
  due?: string;
  phase: PhaseName;
  requires: string[];
  severity: SeverityName;
  signoff: string[];
  sources: SourceRef[];
  links: string[];
  /** Playbook id, or "project" for tasks the project adds. */
  playbook: string;
  origin: Origin;
  changes: TaskChange[];
  checks: TaskCheck[];
}

/** A check as a task declares it; the target still holds its ${env.*} references. */
export interface TaskCheck {
  rule: string;
  target: string | Record<string, unknown>;
  with: Record<string, unknown>;
  /** Only in these environments; undefined = every environment. */
  environments?: string[];
  origin: Origin;
}

export interface Calendar {
  /** Luxon weekday numbers, 1 = Monday … 7 = Sunday. */
  weekend: number[];
  holidays: { date: string; name?: string }[];
}

export interface Policy {
  freeze: string;
  blockingSeverities: SeverityName[];
  waiverRoles: string[];
  maxWaiverDays: number;
  checks: { environment: string; freshnessMs: number; unverified: 'note' | 'no-go' };
}

/** Network controls of one environment, as written in golive.yaml (paths resolved). */
export interface NetworkSettings {
  resolvers?: string[];
  resolve?: string[];
  caFile?: string;
  timeoutMs?: number;
  concurrency?: number;
}

export interface PlaybookInfo {
  id: string;
  version: string;
  title: string;
  file: string;
  builtin: boolean;
}

export interface Environment {
  url?: string;
  hosts: string[];
  vars: Record<string, string>;
  network: NetworkSettings;
  /** Checks may log in with demo accounts in this environment. */
  loginProbes: boolean;
  /** Absolute path of the environment's Spryker deploy file, when it has one. */
  deployFile?: string;
}

/** A fully loaded and validated project: what every command works from. */
export interface Project {
  id: string;
  name: string;
  /** Local go-live time as written, e.g. 2026-12-14T09:00. */
  goLiveLocal: string;
  timeZone: string;
  goLive: Date;
  launched: boolean;
  hypercare: string;
  calendar: Calendar;
  environments: Record<string, Environment>;
  roles: Record<string, string>;
  areas: Record<string, string>;
  people: PersonInput[];
  tasks: Task[];
  dropped: { task: string; reason: string }[];
  playbooks: PlaybookInfo[];
  policy: Policy;
  /** Sitecore CDP tenant facts declared under `cdp:` (empty lists when not declared). */
  cdp: CdpFacts;
  /** Absolute path of golive.yaml and its directory. */
  file: string;
  dir: string;
}
