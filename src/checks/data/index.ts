import type { AnyProbe, AnyRule } from '../types.js';
import { batchRule } from './batch.rule.js';
import { eventsRule } from './events.rule.js';

/** The data pack: exported CDP data judged by the engine of golive data; DuckDB loads with the probes only. */
export const rules: AnyRule[] = [eventsRule, batchRule];

export async function loadProbes(): Promise<AnyProbe[]> {
  return [(await import('./files.probe.js')).dataFilesProbe];
}
