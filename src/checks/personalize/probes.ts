import type { AnyProbe } from '../types.js';
import { connectionsProbe } from './connections.probe.js';
import { decisionTestsProbe } from './decision-tests.probe.js';
import { flowsProbe } from './flows.probe.js';

/** The personalize pack's probes: loaded only when checks run. */
export const probes: AnyProbe[] = [flowsProbe, decisionTestsProbe, connectionsProbe];
