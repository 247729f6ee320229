import type { AnyProbe } from '../types.js';
import { loadProbe } from './load.probe.js';

/** The latency pack's probes: loaded only when checks run (they pull in undici and the histogram). */
export const probes: AnyProbe[] = [loadProbe];
