import type { AnyProbe, AnyRule } from '../types.js';
import { batchRule } from './batch.rule.js';
import { eventsRule } from './events.rule.js';
import { identitiesRule } from './identities.rule.js';
import { segmentsRule } from './segments.rule.js';

/** The data pack: exported CDP data judged by the engines of golive data; DuckDB loads with the probes only. */
export const rules: AnyRule[] = [eventsRule, batchRule, identitiesRule, segmentsRule];

export async function loadProbes(): Promise<AnyProbe[]> {
  const [{ dataFilesProbe }, { identitiesProbe }, { segmentsProbe }] = await Promise.all([import('./files.probe.js'), import('./identities.probe.js'), import('./segments.probe.js')]);
  return [dataFilesProbe, identitiesProbe, segmentsProbe];
}
