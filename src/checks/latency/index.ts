import type { AnyProbe, AnyRule } from '../types.js';
import { decisionRule } from './decision.rule.js';
import { endpointRule } from './endpoint.rule.js';

/** The latency pack: decision and third-party endpoint latency under open-loop load; the probe loads on demand. */
export const rules: AnyRule[] = [decisionRule, endpointRule];

export async function loadProbes(): Promise<AnyProbe[]> {
  return (await import('./probes.js')).probes;
}
