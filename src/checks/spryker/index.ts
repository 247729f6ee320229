import type { AnyProbe, AnyRule } from '../types.js';
import { deployRules } from './deploy-pack.js';
import { demoRules } from './demo-pack.js';

/** The spryker pack: deploy-file analysis and demo-data detection; probes loaded on demand. */
export const rules: AnyRule[] = [...deployRules, ...demoRules];

export async function loadProbes(): Promise<AnyProbe[]> {
  return (await import('./probes.js')).probes;
}
