import type { AnyProbe } from '../types.js';

/** The deploy probes of the spryker pack. */
export const deployProbes: AnyProbe[] = [];
