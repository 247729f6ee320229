import type { AnyProbe } from '../types.js';
import { batchInspectProbe } from './batch-inspect.probe.js';
import { browserProbe } from './browser.probe.js';
import { guestLookupProbe } from './guest-lookup.probe.js';

/** The cdp pack's probes: loaded only when checks run. */
export const probes: AnyProbe[] = [browserProbe, guestLookupProbe, batchInspectProbe];
