import { z } from 'zod';
import type { HostTarget } from '../targets.js';
import type { Finding, Rule } from '../types.js';
import { fail, verdictFrom } from '../verdict.js';
import type { ProtocolsEvidence, TlsVersion } from './evidence.js';
import { findingAt, hostRuleParts, TARGET_HELP } from './rule-kit.js';

export const ProtocolsOptions = z.strictObject({
  legacyProtocols: z.enum(['fail', 'warn']).default('fail').describe('What TLS 1.0 or 1.1 on offer gives: fail (default), or warn while old clients are phased out.'),
  missingTls13: z.enum(['info', 'warn', 'fail']).default('info').describe('What a server without TLS 1.3 gives: an info note (default), a warning or a failure.'),
});
export type ProtocolsOptions = z.infer<typeof ProtocolsOptions>;

const LABEL: Record<TlsVersion, string> = { TLSv1: 'TLS 1.0', 'TLSv1.1': 'TLS 1.1', 'TLSv1.2': 'TLS 1.2', 'TLSv1.3': 'TLS 1.3' };
const CODE: Record<TlsVersion, string> = { TLSv1: 'tls-1-0-offered', 'TLSv1.1': 'tls-1-1-offered', 'TLSv1.2': 'tls-1-2-offered', 'TLSv1.3': 'tls-1-3-offered' };
const LEGACY: TlsVersion[] = ['TLSv1', 'TLSv1.1'];

const LEGACY_HINT = 'turn off TLS 1.0 and 1.1 (nginx: ssl_protocols TLSv1.2 TLSv1.3; on a CDN or load balancer, choose a TLS 1.2+ security policy): they are deprecated by RFC 8996 and fail PCI DSS';

export const protocolsRule: Rule<HostTarget, ProtocolsOptions, ProtocolsEvidence> = {
  meta: {
    id: 'tls/protocols',
    probe: 'tls/protocols',
    title: 'Only current TLS versions offered',
    failureTitle: 'Outdated or missing TLS versions',
    description:
      'Tries a handshake at each of TLS 1.0, 1.1, 1.2 and 1.3 and checks which the server accepts: TLS 1.0 and 1.1 must be off (RFC 8996, PCI DSS), ' +
      'TLS 1.2 or 1.3 must be on, and TLS 1.3 is noted when missing. Security scanners and SSL Labs cap the grade of a server that still offers 1.0/1.1, ' +
      'and a launch is the cheapest moment to turn them off.',
    docs: 'docs/rules/tls/protocols.md',
    targetHelp: TARGET_HELP,
    examples: [{ target: 'shop.example.com' }, { target: 'shop.example.com', with: { legacyProtocols: 'warn', missingTls13: 'warn' } }],
  },
  ...hostRuleParts,
  options: ProtocolsOptions,
  judge(e, options) {
    const offered = new Set(e.versions.filter((v) => v.offered).map((v) => v.version));
    const findings: Finding[] = LEGACY.filter((v) => offered.has(v)).map((v) =>
      findingAt(options.legacyProtocols, CODE[v], `${LABEL[v]} is offered`, LEGACY_HINT, `${e.host}:${e.port}`),
    );
    if (offered.size === 0) {
      const reason = e.versions.find((v) => v.reason)?.reason ?? 'no reason given';
      findings.push(fail('no-tls-handshake', `no TLS version completed a handshake (${reason})`, 'check that this host and port serve TLS at all (not plain HTTP, not a proxy that drops the connection), then enable TLS 1.2 and 1.3'));
    } else if (!offered.has('TLSv1.2') && !offered.has('TLSv1.3')) {
      findings.push(fail('no-modern-protocol', 'neither TLS 1.2 nor TLS 1.3 is offered', 'enable TLS 1.2 and 1.3 on the server, CDN or load balancer: current browsers and API clients need one of them'));
    } else if (!offered.has('TLSv1.3')) {
      findings.push(findingAt(options.missingTls13, 'tls-1-3-missing', 'TLS 1.3 is not offered', 'enable TLS 1.3 (OpenSSL 1.1.1+, nginx ssl_protocols TLSv1.2 TLSv1.3): faster handshakes and no legacy cipher suites'));
    }
    const list = e.versions.filter((v) => v.offered).map((v) => LABEL[v.version]);
    return verdictFrom(protocolsRule.meta, findings, `offers ${list.join(', ')}`);
  },
};
