import type { AnyProbe, AnyRule } from '../types.js';
import { certExpiryRule } from './cert-expiry.rule.js';
import { chainTrustedRule } from './chain-trusted.rule.js';
import { handshakeProbe } from './handshake.probe.js';
import { hostnameRule } from './hostname.rule.js';
import { keyStrengthRule } from './key-strength.rule.js';
import { protocolsProbe } from './protocols.probe.js';
import { protocolsRule } from './protocols.rule.js';
import { signatureAlgorithmRule } from './signature-algorithm.rule.js';

/** The tls pack: its probes and rules, registered by src/checks/registry.ts. */
export const probes: AnyProbe[] = [handshakeProbe, protocolsProbe];
export const rules: AnyRule[] = [chainTrustedRule, hostnameRule, certExpiryRule, keyStrengthRule, signatureAlgorithmRule, protocolsRule];
