import type { AnyProbe } from '../types.js';
import { compareProbe } from './compare.probe.js';
import { loadProbe } from './load.probe.js';

/** The page pack's probes: loaded only when checks run. */
export const probes: AnyProbe[] = [loadProbe, compareProbe];
