import type { AnyProbe } from '../types.js';

/** The demo probes of the spryker pack. */
export const demoProbes: AnyProbe[] = [];
