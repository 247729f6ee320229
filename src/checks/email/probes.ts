import type { AnyProbe } from '../types.js';
import { dkimProbe } from './dkim.probe.js';
import { dmarcProbe } from './dmarc.probe.js';
import { mxProbe } from './mx.probe.js';
import { spfProbe } from './spf.probe.js';

/** The email pack's probes: loaded only when checks run (they pull in network libraries). */
export const probes: AnyProbe[] = [spfProbe, dkimProbe, dmarcProbe, mxProbe];
