import type { AnyProbe, AnyRule } from '../types.js';
import { canonicalHostRule } from './canonical-host.rule.js';
import { fetchProbe } from './fetch.probe.js';
import { healthRule } from './health.rule.js';
import { httpsRedirectRule } from './https-redirect.rule.js';
import { noBasicAuthRule } from './no-basic-auth.rule.js';
import { redirectMapProbe } from './redirect-map.probe.js';
import { redirectMapRule } from './redirect-map.rule.js';
import { responseTimeRule } from './response-time.rule.js';
import { robotsRule } from './robots.rule.js';
import { securityHeadersRule } from './security-headers.rule.js';
import { securityScanProbe } from './security-scan.probe.js';
import { statusRule } from './status.rule.js';
import { timingProbe } from './timing.probe.js';

/** The http pack: its probes and rules, registered by src/checks/registry.ts. */
export const probes: AnyProbe[] = [fetchProbe, timingProbe, redirectMapProbe, securityScanProbe];
export const rules: AnyRule[] = [statusRule, httpsRedirectRule, canonicalHostRule, redirectMapRule, securityHeadersRule, robotsRule, healthRule, noBasicAuthRule, responseTimeRule];
