import type { Calendar, Task } from '../../src/playbook/model.js';
import { phaseForDue } from '../../src/playbook/resolve.js';

/** A task with sensible defaults, for pure tests. */
export function task(id: string, fields: Partial<Task> = {}): Task {
  return {
    id,
    title: `Task ${id}`,
    area: 'planning',
    why: 'because it matters',
    how: 'do it',
    owner: 'delivery-lead',
    phase: phaseForDue(fields.due),
    requires: [],
    severity: 'major',
    signoff: [],
    sources: [],
    links: [],
    checks: [],
    playbook: 'test',
    origin: { file: 'test.yaml', line: 1, column: 1, path: '' },
    changes: [],
    ...fields,
  };
}

export const WEEKDAYS_ONLY: Calendar = { weekend: [6, 7], holidays: [] };
export const NO_WEEKEND: Calendar = { weekend: [], holidays: [] };
