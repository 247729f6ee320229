import type { AnyProbe, AnyRule } from '../types.js';
import { batchUploadsRule } from './batch-uploads.rule.js';
import { browserCreateRule } from './browser-create.rule.js';
import { testIdentityRule } from './test-identity.rule.js';

/** The cdp pack: Sitecore CDP platform API checks, opt-in with credentials from the environment; probes loaded on demand. */
export const rules: AnyRule[] = [browserCreateRule, testIdentityRule, batchUploadsRule];

export async function loadProbes(): Promise<AnyProbe[]> {
  return (await import('./probes.js')).probes;
}
