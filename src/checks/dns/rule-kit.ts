// Pieces every dns rule shares: the domain target, the port option, verdicts for "could not verify".
import { z } from 'zod';
import { DomainTarget, Port, domainTargetFromString } from '../targets.js';
import type { ProbeErrorCode, Verdict } from '../types.js';
import { fail } from '../verdict.js';

export const domainTarget = { target: DomainTarget, targetFromString: domainTargetFromString };

export const portOption = Port.default(53).describe('Port the authoritative servers (parent and child) listen on; 53 except in tests and labs.');
export const ipv6Option = z.boolean().default(false).describe('Also ask nameservers over IPv6 (only where this machine has IPv6 connectivity).');

/** `error`: the evidence cannot answer the rule's question (e.g. the name does not exist). */
export function errorVerdict(code: ProbeErrorCode, message: string, hint: string, subject?: string): Verdict {
  return { status: 'error', code, summary: `Could not verify: ${message}`, findings: [fail(code.toLowerCase().replaceAll('_', '-'), message, hint, subject)] };
}

/** The name must exist for the rule to mean anything: NXDOMAIN is DNS_NOT_FOUND, not a verdict. */
export function notFound(name: string): Verdict {
  return errorVerdict('DNS_NOT_FOUND', `${name} does not exist (NXDOMAIN)`, 'create the name in its DNS zone (or check the spelling and the --resolver used)', name);
}
