import type { AnyProbe, AnyRule } from '../types.js';
import { canonicalHostRule } from './canonical-host.rule.js';
import { healthRule } from './health.rule.js';
import { httpsRedirectRule } from './https-redirect.rule.js';
import { noBasicAuthRule } from './no-basic-auth.rule.js';
import { redirectMapRule } from './redirect-map.rule.js';
import { responseTimeRule } from './response-time.rule.js';
import { robotsRule } from './robots.rule.js';
import { securityHeadersRule } from './security-headers.rule.js';
import { statusRule } from './status.rule.js';

/** The http pack: its rules, and its probes loaded on demand; registered by src/checks/registry.ts. */
export const rules: AnyRule[] = [statusRule, httpsRedirectRule, canonicalHostRule, redirectMapRule, securityHeadersRule, robotsRule, healthRule, noBasicAuthRule, responseTimeRule];

export async function loadProbes(): Promise<AnyProbe[]> {
  return (await import('./probes.js')).probes;
}
