import type { AnyProbe, AnyRule } from '../types.js';
import { certExpiryRule } from './cert-expiry.rule.js';
import { chainTrustedRule } from './chain-trusted.rule.js';
import { hostnameRule } from './hostname.rule.js';
import { keyStrengthRule } from './key-strength.rule.js';
import { protocolsRule } from './protocols.rule.js';
import { signatureAlgorithmRule } from './signature-algorithm.rule.js';

/** The tls pack: its rules, and its probes loaded on demand; registered by src/checks/registry.ts. */
export const rules: AnyRule[] = [chainTrustedRule, hostnameRule, certExpiryRule, keyStrengthRule, signatureAlgorithmRule, protocolsRule];

export async function loadProbes(): Promise<AnyProbe[]> {
  return (await import('./probes.js')).probes;
}
