import type { AnyProbe } from '../types.js';
import { deployProbes } from './deploy-probes.js';
import { demoProbes } from './demo-probes.js';

/** The spryker pack's probes: loaded only when checks run. */
export const probes: AnyProbe[] = [...deployProbes, ...demoProbes];
