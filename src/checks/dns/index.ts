import type { AnyProbe, AnyRule } from '../types.js';
import { rule as acmeChallenge } from './acme-challenge.rule.js';
import { rule as apex } from './apex.rule.js';
import { rule as caa } from './caa.rule.js';
import { rule as consistency } from './consistency.rule.js';
import { rule as delegation } from './delegation.rule.js';
import { rule as propagation } from './propagation.rule.js';
import { rule as records } from './records.rule.js';
import { rule as ttlBeforeCutover } from './ttl-before-cutover.rule.js';

/** The dns pack: its rules, and its probes loaded on demand; registered by src/checks/registry.ts. */
export const rules: AnyRule[] = [records, apex, delegation, consistency, propagation, ttlBeforeCutover, caa, acmeChallenge];

export async function loadProbes(): Promise<AnyProbe[]> {
  return (await import('./probes.js')).probes;
}
