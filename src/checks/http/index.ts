import type { AnyProbe, AnyRule } from '../types.js';

/** The http pack: its probes and rules, registered by src/checks/registry.ts. */
export const probes: AnyProbe[] = [];
export const rules: AnyRule[] = [];
