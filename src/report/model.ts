import type { Project } from '../playbook/model.js';
import type { Plan } from '../plan/plan.js';
import type { StatusModel } from '../plan/status.js';
import type { GateResult } from '../gate/gate.js';
import type { BurndownPoint } from '../plan/burndown.js';
import type { ProjectState } from '../state/events.js';

/** Everything a full report shows; built by the report service, rendered by pure functions. */
export interface ReportModel {
  generatedAt: Date;
  project: Project;
  plan: Plan;
  state: ProjectState;
  status: StatusModel;
  gate: GateResult;
  burndown: BurndownPoint[];
  audit: { entries: number; head: string | null };
}
