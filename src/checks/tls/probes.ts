import type { AnyProbe } from '../types.js';
import { handshakeProbe } from './handshake.probe.js';
import { protocolsProbe } from './protocols.probe.js';

/** The tls pack's probes: loaded only when checks run (they pull in network libraries). */
export const probes: AnyProbe[] = [handshakeProbe, protocolsProbe];
