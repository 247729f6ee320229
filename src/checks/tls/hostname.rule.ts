import { z } from 'zod';
import { HostName, type HostTarget } from '../targets.js';
import type { Finding, Rule } from '../types.js';
import { fail, verdictFrom, warn } from '../verdict.js';
import type { HandshakeEvidence } from './evidence.js';
import { covers } from './hostname-match.js';
import { hostRuleParts, TARGET_HELP } from './rule-kit.js';

export const HostnameOptions = z.strictObject({
  names: z
    .array(HostName)
    .default([])
    .describe('More names the same certificate must cover besides the target host, e.g. the apex and www: [example.com, www.example.com].'),
});
export type HostnameOptions = z.infer<typeof HostnameOptions>;

const SHOWN_SANS = 8;

function sanList(e: HandshakeEvidence): string {
  const leaf = e.chain[0];
  if (!leaf) return 'none';
  const all = [...leaf.dnsNames, ...leaf.ipAddresses];
  const more = leaf.sanCount - Math.min(all.length, SHOWN_SANS);
  return all.slice(0, SHOWN_SANS).join(', ') + (more > 0 ? ` and ${more} more` : '');
}

export const hostnameRule: Rule<HostTarget, HostnameOptions, HandshakeEvidence> = {
  meta: {
    id: 'tls/hostname',
    probe: 'tls/handshake',
    title: 'Certificate covers the host names',
    failureTitle: 'Certificate does not cover the host names',
    description:
      'Checks that the certificate the server presents lists the target host, and every name in `names` (typically the apex and www), ' +
      'in its subjectAltName, matching wildcards the way browsers do (RFC 6125: `*.example.com` covers exactly one label, not example.com itself). ' +
      'A name missing from the certificate shows a full-page browser warning on launch day, often for just the apex or just www after a DNS switch.',
    docs: 'docs/rules/tls/hostname.md',
    targetHelp: TARGET_HELP,
    examples: [{ target: 'www.example.com', with: { names: ['example.com'] } }],
  },
  ...hostRuleParts,
  options: HostnameOptions,
  judge(e, options) {
    const leaf = e.chain[0];
    const names = [...new Set([e.host, ...options.names].map((n) => n.toLowerCase().replace(/\.$/, '')))];
    if (!leaf || leaf.sanCount === 0) {
      return verdictFrom(hostnameRule.meta, [
        fail('no-san', 'the certificate has no subjectAltName: clients ignore the subject CN', `reissue the certificate with subjectAltName entries for ${names.join(', ')}`, e.host),
      ]);
    }
    const findings: Finding[] = names
      .filter((name) => !covers(leaf, name))
      .map((name) =>
        fail('name-not-covered', `${name} is not covered by the certificate (it names ${sanList(e)})`, `reissue the certificate with ${name} in subjectAltName, or add a wildcard one label above it; check the server picks the right certificate for SNI ${name}`, name),
      );
    const truncated = leaf.sanCount > leaf.dnsNames.length + leaf.ipAddresses.length;
    if (findings.length > 0 && truncated) {
      findings.push(warn('sans-truncated', `the certificate has ${leaf.sanCount} names; only the first ${leaf.dnsNames.length + leaf.ipAddresses.length} were kept as evidence`, 'check the name with `openssl x509 -noout -ext subjectAltName` on the deployed certificate', e.host));
    }
    return verdictFrom(hostnameRule.meta, findings, `${names.join(', ')}`);
  },
};
