/**
 * Pure helpers the tls rules share: the target every tls rule takes, certificate labels and the
 * finding builder by severity. No I/O here: rules import it.
 */
import { HostTarget, hostTargetFromString } from '../targets.js';
import type { Finding } from '../types.js';
import { fail, info, warn } from '../verdict.js';
import type { CertInfo } from './evidence.js';

export const DAY_MS = 86_400_000;

/** Target, parsing and probe input shared by every tls rule: equal inputs share one probe run. */
export const hostRuleParts = {
  target: HostTarget,
  targetFromString: hostTargetFromString,
  probeInput: (target: HostTarget): { host: string; port: number } => ({ host: target.host, port: target.port ?? 443 }),
};

export const TARGET_HELP = 'host[:port] (port 443 unless given), or an https:// URL whose host and port are used';

/** "CN=good.test, O=Example" -> "good.test"; the whole subject when it has no CN. */
export function certName(cert: Pick<CertInfo, 'subject'>): string {
  return /(?:^|, )CN=([^,]+)/.exec(cert.subject)?.[1] ?? (cert.subject || '(no subject)');
}

/** Which certificate this is in the chain, for messages: "leaf good.test", "intermediate R3", "root ISRG Root X1". */
export function certRole(cert: CertInfo, index: number): string {
  const role = index === 0 ? 'leaf' : cert.selfSigned ? 'root' : 'intermediate';
  return `${role} ${certName(cert)}`;
}

/** A trust anchor the client already has: its own properties (key, self-signature) are the trust store's business. */
export function isTrustAnchor(cert: CertInfo, index: number): boolean {
  return index > 0 && cert.inTrustStore;
}

export type Severity = Finding['severity'];

/** A finding at a severity chosen by an option (info findings carry no hint). */
export function findingAt(severity: Severity, code: string, message: string, hint: string, subject?: string): Finding {
  const build = { fail, warn, info: (c: string, m: string, _h: string, s?: string) => info(c, m, s) }[severity];
  return build(code, message, hint, subject);
}

/** "2027-01-31" */
export const day = (iso: string | Date): string => (typeof iso === 'string' ? iso : iso.toISOString()).slice(0, 10);

/** Whole days from `from` to `to` (negative when `to` is earlier), rounded down. */
export const daysBetween = (from: Date, to: Date): number => Math.floor((to.getTime() - from.getTime()) / DAY_MS);
