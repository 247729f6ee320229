import type { AnyProbe } from '../types.js';
import { authoritativeProbe } from './authoritative.probe.js';
import { lookupProbe } from './lookup.probe.js';
import { propagationProbe } from './propagation.probe.js';

/** The dns pack's probes: loaded only when checks run (they pull in network libraries). */
export const probes: AnyProbe[] = [lookupProbe, propagationProbe, authoritativeProbe];
