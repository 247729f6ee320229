import type { AnyProbe } from '../types.js';
import { deployFileProbe } from './deploy-file.probe.js';

/** The deploy probes of the spryker pack. */
export const deployProbes: AnyProbe[] = [deployFileProbe];
