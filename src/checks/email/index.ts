import type { AnyProbe, AnyRule } from '../types.js';
import { dkimRule } from './dkim.rule.js';
import { dmarcRule } from './dmarc.rule.js';
import { mxRule } from './mx.rule.js';
import { spfRule } from './spf.rule.js';

/** The email pack: its rules, and its probes loaded on demand; registered by src/checks/registry.ts. */
export const rules: AnyRule[] = [spfRule, dkimRule, dmarcRule, mxRule];

export async function loadProbes(): Promise<AnyProbe[]> {
  return (await import('./probes.js')).probes;
}
