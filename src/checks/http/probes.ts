import type { AnyProbe } from '../types.js';
import { fetchProbe } from './fetch.probe.js';
import { redirectMapProbe } from './redirect-map.probe.js';
import { securityScanProbe } from './security-scan.probe.js';
import { timingProbe } from './timing.probe.js';

/** The http pack's probes: loaded only when checks run (they pull in network libraries). */
export const probes: AnyProbe[] = [fetchProbe, timingProbe, redirectMapProbe, securityScanProbe];
