import type { AnyProbe, AnyRule } from '../types.js';
import { spfProbe } from './spf.probe.js';
import { spfRule } from './spf.rule.js';

/** The email pack: its probes and rules, registered by src/checks/registry.ts. */
export const probes: AnyProbe[] = [spfProbe];
export const rules: AnyRule[] = [spfRule];
